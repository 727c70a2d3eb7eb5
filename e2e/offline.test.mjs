// The served page offline and installable (www/sw.js, www/js/offline.js,
// www/manifest.webmanifest), in Chromium (playwright-core, /usr/bin/chromium).
// Run after `bash scripts/build-web.sh`:   node --test e2e/offline.test.mjs
//
// Each test serves its own copy of the built www/ on 127.0.0.1 (a secure
// context, as service workers need), so that the update test can change it
// from one build to the next the way a deployment does.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ROOT, WWW, fixtureText, launchBrowser, setDate, startServer, waitVerdict } from "./helpers.mjs";

const MSSTD = "msstd:mail.contoso.com";
const ON_DEMAND = ["pkg/msstd_check_full.js", "pkg/msstd_check_full_bg.wasm"];

let browser;
const cleanups = [];

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  for (const clean of cleanups.reverse()) await clean();
  await browser?.close();
});

/** A copy of the built www/ in a temp dir, served; `build()` re-runs the offline build step over it. */
async function servedCopy() {
  const dir = mkdtempSync(join(tmpdir(), "msstd-offline-"));
  cpSync(WWW, dir, { recursive: true });
  const build = () => {
    execFileSync("node", [join(ROOT, "scripts", "build-offline.mjs"), dir, ...ON_DEMAND], { stdio: "pipe" });
    return JSON.parse(readFileSync(join(dir, "pkg", "sw-build.js"), "utf8").replace(/^[^]*?= /, "").replace(/;\s*$/, ""));
  };
  const server = await startServer(dir);
  cleanups.push(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, server, build };
}

/** A page with service workers allowed, and what must stay empty (page errors, dialogs, CSP violations). */
async function open(url) {
  const context = await browser.newContext({ serviceWorkers: "allow" });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  // Every request of the context: the page's, its workers' and the service worker's.
  const seen = { pageErrors: [], dialogs: [], console: [], requests: [] };
  context.on("request", (r) => seen.requests.push(r.url()));
  page.on("pageerror", (e) => seen.pageErrors.push(String(e)));
  page.on("dialog", (d) => {
    seen.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on("console", (m) => seen.console.push(`${m.type()}: ${m.text()}`));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  await ready(page);
  const assertClean = async () => {
    assert.deepEqual(seen.pageErrors, [], "no uncaught error in the page");
    assert.deepEqual(seen.dialogs, [], "no dialog");
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], "no CSP violation");
  };
  return { context, page, seen, assertClean };
}

/** Waits for the engine, and for the service worker to control the page. */
async function ready(page, offline = "ready") {
  await page.waitForSelector('html[data-engine="ready"]', { state: "attached" });
  await page.waitForFunction((state) => navigator.serviceWorker.controller !== null && document.documentElement.dataset.offline === state, offline);
}

const cacheNames = (page) => page.evaluate(() => caches.keys());
const cachedPaths = (page, name) =>
  page.evaluate(async (n) => (await (await caches.open(n)).keys()).map((r) => new URL(r.url).pathname).sort(), name);

async function check(page, fixture, verdict, msstd = MSSTD) {
  await page.fill("#msstd", msstd);
  await page.fill("#paste", fixtureText(fixture));
  await waitVerdict(page, verdict);
}

/** Waits until the chain section shows `n` links (the full engine's work). */
async function waitChain(page, n) {
  await page.waitForFunction(
    (count) => !document.getElementById("chain-section").hidden && document.querySelectorAll("#chain .chain-link").length === count,
    n,
  );
}

/** Waits until the cache `name` holds `path` (the worker stores a file once its response has come in). */
async function waitCached(page, name, path) {
  await page.waitForFunction(async ({ n, p }) => Boolean(await (await caches.open(n)).match(p)), { n: name, p: path });
}

describe("served page, offline", () => {
  test("after one visit, it opens and analyzes with no network (core and full engine)", async () => {
    const { server, build } = await servedCopy();
    const { version } = build();
    const { context, page, seen, assertClean } = await open(`${server.origin}/?sample=pass`);
    try {
      await setDate(page);
      await waitVerdict(page, "pass");
      assert.deepEqual(await cacheNames(page), [`msstd-check-${version}`], "one cache, named by the build");
      let cached = await cachedPaths(page, `msstd-check-${version}`);
      for (const path of ["/", "/app.js", "/worker.js", "/style.css", "/js/offline.js", "/manifest.webmanifest", "/pkg/msstd_check.js", "/pkg/msstd_check_bg.wasm"]) {
        assert.ok(cached.includes(path), `${path} is cached at install`);
      }
      assert.ok(!cached.some((p) => p.includes("msstd_check_full")), "the full engine is not cached before an input needs it");
      assert.ok(!cached.some((p) => p.endsWith(".d.ts") || p === "/sw.js"), "no declarations, not the worker itself");

      // A chain loads the full engine through the worker, which keeps it.
      await check(page, "chain-leaf-first.pem", "warn");
      await waitChain(page, 3);
      for (const path of ON_DEMAND) await waitCached(page, `msstd-check-${version}`, `/${path}`);
      cached = await cachedPaths(page, `msstd-check-${version}`);
      assert.deepEqual(cached.filter((p) => p.includes("msstd_check_full")), ON_DEMAND.map((p) => `/${p}`), "the full engine, cached once loaded");

      // No network: reload, and both engines still work.
      const served = server.requests.length;
      await context.setOffline(true);
      await page.reload();
      await ready(page);
      assert.equal(await page.evaluate(() => navigator.onLine), false, "the browser is offline");
      await setDate(page);
      await check(page, "cn-and-san.pem", "pass");
      await check(page, "cn-and-san.pem", "fail", "msstd:other.contoso.com");
      await check(page, "chain-leaf-first.pem", "warn");
      await waitChain(page, 3);
      assert.equal(server.requests.length, served, "the server saw no request while offline");
      for (const url of seen.requests) {
        assert.ok(url.startsWith(`${server.origin}/`) || /^(data|blob):/.test(url), `only the page's own files: ${url}`);
      }
      assert.deepEqual(
        seen.console.filter((m) => !m.startsWith("debug")),
        [],
        "nothing is written to the console",
      );
      await assertClean();
    } finally {
      await context.close();
    }
  });

  test("the browser can install it: a valid manifest, no installability error", async () => {
    const { server, build } = await servedCopy();
    build();
    const { context, page, assertClean } = await open(`${server.origin}/`);
    try {
      const cdp = await context.newCDPSession(page);
      const manifest = await cdp.send("Page.getAppManifest");
      assert.deepEqual(manifest.errors, [], "the manifest parses without errors");
      assert.equal(manifest.url, `${server.origin}/manifest.webmanifest`);
      const parsed = JSON.parse(manifest.data);
      assert.equal(parsed.short_name, "msstd-check");
      assert.equal(parsed.display, "standalone");
      const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
      // A Playwright context is an incognito-like profile: the one error Chromium may report for that alone.
      const errors = installabilityErrors.map((e) => e.errorId).filter((id) => id !== "in-incognito");
      assert.deepEqual(errors, [], "Chromium finds nothing that stops installing it");
      for (const icon of parsed.icons) {
        const response = await page.request.get(new URL(icon.src, manifest.url).href);
        assert.equal(response.status(), 200, `${icon.src} exists`);
      }
      await assertClean();
    } finally {
      await context.close();
    }
  });

  test("a new build: the page says an update is ready, and the new cache replaces the old", async () => {
    const { dir, server, build } = await servedCopy();
    const a = build().version;
    const { context, page, assertClean } = await open(`${server.origin}/`);
    try {
      assert.deepEqual(await cacheNames(page), [`msstd-check-${a}`]);
      assert.equal(await page.$("#update-notice"), null, "no notice on the first visit");

      // Build B: a change to the page, deployed.
      const index = join(dir, "index.html");
      writeFileSync(index, readFileSync(index, "utf8").replace("<head>", '<head>\n<meta name="msstd-test-build" content="B">'));
      const b = build().version;
      assert.notEqual(a, b, "a changed page is a new version");

      // The next visit still opens build A (from its cache), finds B, and says so.
      await page.reload();
      await page.waitForSelector("#update-notice:not([hidden])");
      assert.equal(await page.evaluate(() => document.documentElement.dataset.offline), "update");
      assert.match(await page.textContent("#update-notice"), /new version of msstd-check is ready/);
      assert.equal(await page.$('meta[name="msstd-test-build"]'), null, "what is open is still build A");
      assert.deepEqual((await cacheNames(page)).sort(), [`msstd-check-${a}`, `msstd-check-${b}`].sort(), "B is cached beside A until it takes over");

      // Accepting it: the page reloads into build B, and A's cache is gone.
      await Promise.all([page.waitForEvent("load"), page.click("#update-reload")]);
      await ready(page);
      assert.equal(await page.getAttribute('meta[name="msstd-test-build"]', "content"), "B", "build B is open");
      assert.deepEqual(await cacheNames(page), [`msstd-check-${b}`], "only the new build's cache is left");
      assert.equal(await page.$("#update-notice"), null, "no notice once updated");
      await setDate(page);
      await check(page, "cn-and-san.pem", "pass");
      await assertClean();
    } finally {
      await context.close();
    }
  });
});

describe("single file", () => {
  test("has no manifest and registers no service worker", () => {
    const html = readFileSync(join(ROOT, "dist", "msstd-check.html"), "utf8");
    assert.ok(!html.includes("manifest.webmanifest"), "no manifest link");
    assert.ok(!html.includes('src="js/offline.js"') && !html.includes("serviceWorker"), "no worker registration");
    assert.ok(!html.includes("@served-only"), "the served-only block is gone");
  });
});
