// Helpers of the page tests: a static server over www/, the browser, and a
// page opened with guards (dialogs, page errors, console, requests, CSP).

import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import { dirname, extname, join, resolve, sep } from "node:path";
import { after, before } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const WWW = join(ROOT, "www");
export const CERTS = join(ROOT, "tests", "fixtures", "certs");
export const SINGLE_FILE = join(ROOT, "dist", "msstd-check.html");
export const RESULTS = join(ROOT, "test-results");

export const fixture = (name) => join(CERTS, name);
export const fixtureText = (name) => readFileSync(fixture(name), "utf8");
export const fixtureBytes = (name) => readFileSync(fixture(name));

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".ts": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".webmanifest": "application/manifest+json",
};

/**
 * A static server over `dir` on 127.0.0.1 and a free port. Every request is
 * recorded as {method, path, status}.
 */
export async function startServer(dir = WWW) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const record = { method: req.method, path: url.pathname, status: 0 };
    requests.push(record);
    const send = (status, body, type = "text/plain; charset=utf-8") => {
      record.status = status;
      res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      res.end(body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "method not allowed");
    let rel;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return send(400, "bad path");
    }
    if (rel.endsWith("/")) rel += "index.html";
    const file = resolve(dir, `.${rel}`);
    if (file !== dir && !file.startsWith(dir + sep)) return send(403, "forbidden");
    if (!existsSync(file) || !statSync(file).isFile()) return send(404, "not found");
    record.file = file;
    return send(200, req.method === "HEAD" ? undefined : readFileSync(file), MIME[extname(file)] || "application/octet-stream");
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", ok);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export const singleFileUrl = () => pathToFileURL(SINGLE_FILE).href;

/**
 * The set-up of a suite of page tests: before them, checks that the build made
 * `files` (paths under www/) and the single file, starts the static server
 * over www/ and launches Chromium; after them, closes both. Returns
 * {server, browser}, filled once the suite runs.
 */
export function builtPageSuite(files) {
  const suite = { server: null, browser: null };
  before(async () => {
    for (const f of files) assert.ok(existsSync(join(WWW, f)), `www/${f} is missing: run bash scripts/build-web.sh`);
    assert.ok(existsSync(SINGLE_FILE), "dist/msstd-check.html is missing: run bash scripts/build-web.sh");
    suite.server = await startServer();
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

/**
 * Opens `url` in a fresh context and waits until the wasm is initialised
 * (html[data-engine="ready"]), unless `waitReady` is false. The returned
 * object collects what must stay empty: dialogs, page errors, CSP violations.
 * The page's service worker (www/js/offline.js) is refused unless
 * `serviceWorker` is true, so that what these tests count (requests, cache)
 * is the page's own doing; e2e/offline.test.mjs tests the worker.
 */
export async function openPage(browser, url, options = {}) {
  const { viewport = { width: 1024, height: 900 }, colorScheme = "light", permissions, waitReady = true, route, serviceWorker = false } = options;
  const context = await browser.newContext({ viewport, colorScheme, acceptDownloads: true });
  if (!serviceWorker) {
    // As a browser without service workers (Playwright's own blocking writes to the console).
    await context.addInitScript(() => {
      if (self.ServiceWorkerContainer) {
        ServiceWorkerContainer.prototype.register = () => Promise.reject(new DOMException("refused by the test", "SecurityError"));
      }
    });
  }
  if (permissions) await context.grantPermissions(permissions.list, { origin: permissions.origin });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const seen = { dialogs: [], pageErrors: [], console: [], requests: [] };
  page.on("dialog", (d) => {
    seen.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on("pageerror", (e) => seen.pageErrors.push(String(e)));
  page.on("console", (m) => seen.console.push(`${m.type()}: ${m.text()}`));
  page.on("request", (r) => seen.requests.push(r.url()));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  if (route) await route(page);
  await page.goto(url);
  if (waitReady) await page.waitForSelector('html[data-engine="ready"]', { state: "attached" });
  return {
    page,
    context,
    seen,
    close: () => context.close(),
    /** Fails when a dialog opened, the page threw, or the CSP blocked something. */
    async assertClean(assert) {
      assert.deepEqual(seen.dialogs, [], "no dialog may open");
      assert.deepEqual(seen.pageErrors, [], "no uncaught error in the page");
      const csp = await page.evaluate(() => window.__cspViolations);
      assert.deepEqual(csp, [], "no Content-Security-Policy violation");
    },
  };
}

/**
 * Opens `url` as openPage() does (with `options`, when given), runs `fn(p)`,
 * then fails when a dialog opened, the page threw or the CSP blocked
 * something; the page is closed in any case.
 */
export async function withPage(browser, url, options, fn) {
  const [opts, run] = typeof options === "function" ? [{}, options] : [options, fn];
  const p = await openPage(browser, url, opts);
  try {
    await run(p);
    await p.assertClean(assert);
  } finally {
    await p.close();
  }
}

/**
 * Waits until the verdict box shows `verdict` (pass, warn, fail,
 * not_applicable, unknown, error, idle) and the report under it is on screen
 * (the page shows the verdict first, and builds the report a frame later:
 * #result has data-building meanwhile).
 */
export async function waitVerdict(page, verdict) {
  try {
    await page.waitForFunction(
      (v) => document.getElementById("verdict").dataset.verdict === v && !document.getElementById("result").hasAttribute("data-building"),
      verdict,
      { timeout: 10_000 },
    );
  } catch {
    const now = await page.evaluate(() => ({
      verdict: document.getElementById("verdict").dataset.verdict,
      text: document.getElementById("verdict").textContent,
      error: document.getElementById("error").textContent,
    }));
    throw new Error(`expected verdict "${verdict}", the page shows ${JSON.stringify(now)}`);
  }
}

/** Waits until the report shows `n` certificates (and a verdict). */
export async function waitCertificates(page, n) {
  try {
    await page.waitForFunction(
      (count) =>
        !document.getElementById("report").hidden && document.querySelectorAll("#certificates .cert").length === count,
      n,
      { timeout: 10_000 },
    );
  } catch {
    const now = await page.evaluate(() => ({
      certificates: document.querySelectorAll("#certificates .cert").length,
      verdict: document.getElementById("verdict").textContent,
    }));
    throw new Error(`expected ${n} certificates, the page shows ${JSON.stringify(now)}`);
  }
}

/** A fixed evaluation date inside the fixtures' validity (2025-01-01 to 2035-12-31). */
export const EVAL_DATE = "2026-06-01";

/**
 * Sets the evaluation date, and waits until what is on screen was evaluated
 * on it (unless nothing is being checked yet).
 */
export async function setDate(page, date = EVAL_DATE) {
  await page.fill("#date", date);
  await page.waitForFunction(
    (day) => {
      const verdict = document.getElementById("verdict").dataset.verdict;
      if (verdict === "idle" || verdict === "error") return true;
      return document.getElementById("evaluated").textContent.includes(`Evaluated at ${day}T`);
    },
    date,
    { timeout: 10_000 },
  );
}

/** The principal name of the fixtures' server certificate (cn-and-san). */
export const MSSTD = "msstd:mail.contoso.com";

/** The usual start of a case: the evaluation date (setDate()) and the principal name typed. */
export async function setCase(page, msstd = MSSTD) {
  await setDate(page);
  await page.fill("#msstd", msstd);
}

/** Drops files on the drop zone with a synthetic DataTransfer drop event. */
export async function dropFiles(page, files, selector = "#drop") {
  // The bytes travel as base64 (a compact string), not as an array of numbers.
  const payload = files.map(({ name, bytes }) => ({ name, b64: Buffer.from(bytes).toString("base64") }));
  await page.evaluate(
    ({ payload, selector }) => {
      const dt = new DataTransfer();
      for (const f of payload) {
        const binary = atob(f.b64);
        const data = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
        dt.items.add(new File([data], f.name));
      }
      const target = document.querySelector(selector);
      target.dispatchEvent(new DragEvent("dragenter", { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    { payload, selector },
  );
}

/**
 * `count` distinct copies of a DER certificate (by default the fixture
 * cn-and-san.cer), each with the last two bytes (of its signature) set to its
 * number: a big bundle for the responsiveness tests and the benchmarks, made
 * here rather than kept in the repository. Returns {ders, pem} (pem: all of
 * them as one PEM text).
 */
export function makeBundle(count = 1000, der = fixtureBytes("cn-and-san.cer")) {
  const ders = [];
  const blocks = [];
  for (let i = 0; i < count; i++) {
    const copy = Buffer.from(der);
    copy[copy.length - 2] = (i >> 8) & 0xff;
    copy[copy.length - 1] = i & 0xff;
    ders.push(copy);
    blocks.push(`-----BEGIN CERTIFICATE-----\n${copy.toString("base64").match(/.{1,64}/g).join("\n")}\n-----END CERTIFICATE-----\n`);
  }
  return { ders, pem: blocks.join("") };
}

/**
 * Starts measuring the page's main thread: a timer loop (setTimeout 4 ms) and
 * a requestAnimationFrame loop, each keeping the longest gap between two of
 * its ticks. Read (and stop) with stopGapMonitor().
 */
export async function startGapMonitor(page) {
  await page.evaluate(() => {
    const m = { timer: 0, frame: 0, ticks: 0, frames: 0, running: true };
    window.__gaps = m;
    let lastTimer = performance.now();
    const tick = () => {
      if (!m.running) return;
      const now = performance.now();
      m.timer = Math.max(m.timer, now - lastTimer);
      m.ticks += 1;
      lastTimer = now;
      setTimeout(tick, 4);
    };
    setTimeout(tick, 4);
    let lastFrame = null;
    const frame = (now) => {
      if (!m.running) return;
      if (lastFrame !== null) m.frame = Math.max(m.frame, now - lastFrame);
      m.frames += 1;
      lastFrame = now;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** Stops the monitor: {timer, frame} (the longest gaps, ms), {ticks, frames}. */
export async function stopGapMonitor(page) {
  return page.evaluate(() => {
    const m = window.__gaps;
    m.running = false;
    return { timer: m.timer, frame: m.frame, ticks: m.ticks, frames: m.frames };
  });
}

/**
 * Puts `value` in the paste box as a paste would (an input event): for big
 * texts, where page.fill() types it through the browser's editing commands
 * and takes far longer than a paste.
 */
export async function pasteText(page, value, selector = "#paste") {
  await page.$eval(
    selector,
    (el, v) => {
      el.value = v;
      el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
    },
    value,
  );
}

export const text = (page, selector) => page.$eval(selector, (el) => el.textContent);
