// Browser tests of the web page: the served release build (www/ over a local
// static server) and the single file dist/msstd-check.html opened from disk.
// Run after `bash scripts/build-web.sh`:   node --test e2e/
//
// No test touches the network: the server is on 127.0.0.1, Chromium is
// /usr/bin/chromium, and the pages make no outside request (tested).

import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  EVAL_DATE,
  RESULTS,
  SINGLE_FILE,
  WWW,
  dropFiles,
  fixture,
  fixtureBytes,
  fixtureText,
  launchBrowser,
  openPage,
  setDate,
  singleFileUrl,
  startServer,
  text,
  waitCertificates,
  waitVerdict,
} from "./helpers.mjs";

const verdictOf = (page) => page.$eval("#verdict", (el) => el.dataset.verdict);

const MSSTD = "msstd:mail.contoso.com";
const POWERSHELL = 'Set-OutlookProvider EXPR -CertPrincipalName:"msstd:mail.contoso.com"';
const leafCert = new X509Certificate(fixtureText("cn-and-san.pem"));
const LEAF_SHA1 = leafCert.fingerprint.replaceAll(":", "");
const LEAF_SHA256 = leafCert.fingerprint256.replaceAll(":", "");
const XSS_PAYLOADS = ["<img src=x onerror=alert(1)>", '<script>alert("o")</script>', "<script>alert(1)</script>.contoso.com"];

let browser;
let server;

before(async () => {
  for (const f of ["index.html", "app.js", "style.css", "samples.js", "pkg/msstd_check.js", "pkg/msstd_check_bg.wasm"]) {
    assert.ok(existsSync(join(WWW, f)), `www/${f} is missing: run bash scripts/build-web.sh`);
  }
  assert.ok(existsSync(SINGLE_FILE), "dist/msstd-check.html is missing: run bash scripts/build-web.sh");
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const TARGETS = [
  { name: "served page", url: (query = "") => `${server.origin}/${query}`, served: true },
  { name: "single file (file://)", url: (query = "") => `${singleFileUrl()}${query}`, served: false },
];

for (const target of TARGETS) {
  describe(target.name, () => {
    test("1. pasted PEM and typed msstd string: pass, with the Set-OutlookProvider line", async () => {
      const p = await openPage(browser, target.url());
      try {
        const { page } = p;
        assert.equal(await page.$eval("#verdict", (el) => el.dataset.verdict), "idle");
        await setDate(page);
        await page.fill("#paste", fixtureText("cn-and-san.pem"));
        // No principal name yet: nothing to check.
        await waitVerdict(page, "not_applicable");
        // Typed key by key: the report follows the typing (debounced).
        await page.locator("#msstd").pressSequentially(MSSTD);
        await waitVerdict(page, "pass");
        assert.match(await text(page, "#verdict-sentence"), /Mutual authentication will work/);
        assert.match(await text(page, "#verdict-headline"), /msstd:mail\.contoso\.com/);
        assert.equal(await text(page, "#fix-powershell"), POWERSHELL);
        assert.equal(await text(page, "#fix-principal"), MSSTD);
        const clients = await page.$$eval("#clients-body tr", (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent.trim())));
        assert.deepEqual(clients, [
          ["Windows Vista SP1 and later", "✓ Pass"],
          ["Windows XP, 2003, Vista RTM", "✓ Pass"],
          ["Remote Connectivity Analyzer", "✓ Pass"],
        ]);
        const finding = await page.$eval('.finding[data-code="MODERN_MATCH_CN"]', (li) => ({
          severity: li.querySelector(".badge.sev").textContent,
          grade: li.querySelector(".badge.grade").textContent,
          code: li.querySelector(".code").textContent,
        }));
        assert.deepEqual(finding, { severity: "✓ Pass", grade: "documented", code: "MODERN_MATCH_CN" });
        // The leaf's fingerprints, as computed here by Node from the same fixture.
        assert.equal(await text(page, '.cert.leaf [data-field="sha1"]'), LEAF_SHA1);
        assert.equal(await text(page, '.cert.leaf [data-field="sha256"]'), LEAF_SHA256);
        assert.match(await text(page, "#certificates"), /mail\.contoso\.com.*UTF8String/s);
        assert.match(await text(page, "#input-items-body"), /PEM CERTIFICATE block/);
        await p.assertClean(assert);
      } finally {
        await p.close();
      }
    });

    test("2. a DER file dropped on the drop zone is read", async () => {
      const p = await openPage(browser, target.url());
      try {
        const { page } = p;
        await setDate(page);
        await page.fill("#msstd", MSSTD);
        await dropFiles(page, [{ name: "cn-and-san.cer", bytes: fixtureBytes("cn-and-san.cer") }]);
        await waitVerdict(page, "pass");
        assert.match(await text(page, "#file-list"), /cn-and-san\.cer/);
        assert.match(await text(page, "#input-items-body"), /cn-and-san\.cer.*DER certificate/s);
        assert.match(await text(page, ".cert.leaf"), /cn-and-san\.cer, DER/);
        assert.equal(await text(page, '.cert.leaf [data-field="sha1"]'), LEAF_SHA1);
        await p.assertClean(assert);
      } finally {
        await p.close();
      }
    });

    test("3. a .cer picked with the file input, then a second file: one case, leaf first", async () => {
      const p = await openPage(browser, target.url());
      try {
        const { page } = p;
        await setDate(page);
        await page.fill("#msstd", MSSTD);
        await page.setInputFiles("#files", fixture("cn-and-san.cer"));
        await waitVerdict(page, "pass");
        assert.equal(await page.$$eval(".cert", (c) => c.length), 1);
        // Two files picked together: the issuing CA first, the leaf second.
        await page.click('#file-list button[aria-label="Remove cn-and-san.cer"]');
        await waitVerdict(page, "idle");
        await page.setInputFiles("#files", [fixture("issuing-ca.pem"), fixture("cn-and-san.cer")]);
        await waitCertificates(page, 2);
        // Whatever the chain rules say about the missing root, the name matches.
        assert.ok(["pass", "warn"].includes(await verdictOf(page)));
        assert.equal(await page.$eval("#verdict", (el) => el.dataset.modern), "pass");
        const certs = await page.$$eval(".cert h4", (hs) => hs.map((h) => h.textContent));
        assert.equal(certs.length, 2);
        assert.match(certs[0], /leaf/, "the leaf is shown first");
        assert.match(certs[0], /#2/, "the leaf was the second file");
        assert.match(certs[1], /CA/);
        const inputs = await text(page, "#input-items-body");
        assert.match(inputs, /issuing-ca\.pem/);
        assert.match(inputs, /cn-and-san\.cer/);
        await p.assertClean(assert);
      } finally {
        await p.close();
      }
    });

    test("3b. the drop zone is a keyboard control: Enter and Space open the file picker", async () => {
      const p = await openPage(browser, target.url());
      try {
        const { page } = p;
        await setDate(page);
        await page.fill("#msstd", MSSTD);
        // Listen first and make a round trip, so that Playwright's file chooser
        // interception is on before the key is pressed.
        const chooserPromise = page.waitForEvent("filechooser");
        await page.focus("#drop");
        assert.equal(await page.evaluate(() => document.activeElement.id), "drop");
        await page.keyboard.press("Enter");
        const chooser = await chooserPromise;
        assert.ok(chooser.isMultiple(), "the picker accepts several files");
        await chooser.setFiles(fixture("cn-and-san.cer"));
        await waitVerdict(page, "pass");
        const chooser2Promise = page.waitForEvent("filechooser");
        await page.focus("#drop");
        await page.keyboard.press("Space");
        await (await chooser2Promise).setFiles([]);
        // Every form control has a label.
        const unlabelled = await page.$$eval("input, textarea, select, button", (all) =>
          all.filter((el) => !(el.labels && el.labels.length) && !el.getAttribute("aria-label") && !el.textContent.trim()).map((el) => el.id || el.outerHTML),
        );
        assert.deepEqual(unlabelled, []);
        await p.assertClean(assert);
      } finally {
        await p.close();
      }
    });

    test("4. hostile certificate text is shown as text, never as markup", async () => {
      const p = await openPage(browser, target.url());
      try {
        const { page } = p;
        await page.evaluate(() => {
          window.__added = [];
          window.__scriptsBefore = document.scripts.length;
          new MutationObserver((records) => {
            for (const r of records) {
              for (const n of r.addedNodes) {
                if (n.nodeType !== 1) continue;
                for (const el of [n, ...n.querySelectorAll("*")]) {
                  if (/^(script|img|iframe|object|embed|svg|link|style|meta|base|frame)$/i.test(el.tagName)) window.__added.push(el.tagName);
                }
              }
            }
          }).observe(document, { childList: true, subtree: true });
        });
        await setDate(page);
        await page.fill("#msstd", MSSTD);
        await page.fill("#paste", fixtureText("xss.pem"));
        await waitVerdict(page, "warn");
        const result = await page.evaluate(() => ({
          text: document.querySelector("main").textContent,
          imgs: document.querySelectorAll("img").length,
          imgX: document.querySelectorAll('img[src="x"]').length,
          scripts: document.scripts.length,
          scriptsBefore: window.__scriptsBefore,
          added: window.__added,
          onerror: document.querySelectorAll("[onerror]").length,
        }));
        for (const payload of XSS_PAYLOADS) assert.ok(result.text.includes(payload), `shown as text: ${payload}`);
        assert.equal(result.imgs, 0, "no img element");
        assert.equal(result.imgX, 0, "no img with src=x");
        assert.equal(result.onerror, 0, "no element with an onerror attribute");
        assert.equal(result.scripts, result.scriptsBefore, "no script element added");
        assert.deepEqual(result.added, [], "no script, img, iframe, ... element added");
        // The subject attribute table holds the payloads as plain cell text.
        const cells = await page.$$eval(".cert.leaf .attrs td.value", (tds) => tds.map((td) => td.textContent));
        assert.ok(cells.includes("<img src=x onerror=alert(1)>"));
        await p.assertClean(assert); // no dialog (alert) opened
      } finally {
        await p.close();
      }
    });

    test("6. a broken file gives a clear message, and the page keeps working", async () => {
      const p = await openPage(browser, target.url());
      try {
        const { page } = p;
        await setDate(page);
        await page.fill("#msstd", MSSTD);
        await page.setInputFiles("#files", fixture("truncated.cer"));
        await waitVerdict(page, "unknown");
        assert.match(await text(page, "#verdict-sentence"), /Cannot tell/);
        assert.ok(await page.isVisible("#problems"), "the problems box is shown");
        // The box lists the report's error findings, in words, naming the file.
        const problems = await page.$$eval("#problems li", (lis) => lis.map((li) => li.textContent));
        const errors = await page.$$eval(".finding.sev-error .finding-message", (ps) => ps.map((p) => p.textContent));
        assert.ok(errors.length > 0, "the report has an error finding");
        assert.deepEqual(problems, errors);
        assert.ok(problems.some((m) => /^truncated\.cer, bytes 0-200: /.test(m)), `a message names the file: ${problems}`);
        // Replace it with a bad PEM: still a clear message.
        await page.click('#file-list button[aria-label="Remove truncated.cer"]');
        await page.fill("#paste", fixtureText("bad-base64.pem"));
        await waitVerdict(page, "unknown");
        assert.ok(await page.isVisible("#problems"));
        assert.ok((await text(page, "#problems")).length > 40, "the message says what is wrong");
        // And a good certificate afterwards works.
        await page.fill("#paste", fixtureText("cn-and-san.pem"));
        await waitVerdict(page, "pass");
        assert.ok(await page.isHidden("#problems"));
        assert.ok(await page.isHidden("#error"));
        await p.assertClean(assert);
      } finally {
        await p.close();
      }
    });

    test("7. ?sample=wildcard loads the wildcard sample: works only on modern Windows", async () => {
      const p = await openPage(browser, target.url("?sample=wildcard"));
      try {
        const { page } = p;
        assert.match(await page.inputValue("#paste"), /BEGIN CERTIFICATE/);
        assert.equal(await page.inputValue("#msstd"), MSSTD);
        await setDate(page);
        await waitVerdict(page, "warn");
        assert.equal(await page.$eval("#verdict", (el) => el.dataset.modern), "pass");
        assert.match(await text(page, "#verdict-sentence"), /Works only on modern Windows/);
        const words = await page.$$eval("#clients-body .vword", (v) => v.map((e) => e.dataset.verdict));
        assert.deepEqual(words, ["pass", "fail", "fail"]);
        assert.match(await text(page, "#fix-powershell"), /msstd:\*\.contoso\.com/);
        assert.match(await text(page, "#certificates"), /\*\.contoso\.com/);
        await p.assertClean(assert);
      } finally {
        await p.close();
      }
    });

    test("7b. every sample button loads, and an unknown ?sample= says so", async () => {
      const p = await openPage(browser, target.url("?sample=no-such-sample"));
      try {
        const { page } = p;
        assert.match(await text(page, "#error"), /no sample called/);
        await setDate(page);
        const expected = { pass: "pass", wildcard: "warn", expired: "fail", "wrong-name": "fail", der: "pass", xss: "warn" };
        for (const [id, verdict] of Object.entries(expected)) {
          await page.click(`button[data-sample="${id}"]`);
          await waitVerdict(page, verdict);
        }
        // The s_client transcript holds the leaf and its issuing CA.
        await page.click('button[data-sample="s_client"]');
        await waitCertificates(page, 2);
        assert.equal(await page.$eval("#verdict", (el) => el.dataset.modern), "pass");
        // The DER sample arrives as a file, the text ones in the paste box.
        await page.click('button[data-sample="der"]');
        await waitVerdict(page, "pass");
        assert.equal(await page.inputValue("#paste"), "");
        assert.match(await text(page, "#file-list"), /cn-and-san\.cer/);
        await page.click('button[data-sample="expired"]');
        await waitVerdict(page, "fail");
        assert.match(await text(page, "#verdict-sentence"), /Will fail/);
        assert.ok(await page.isHidden("#file-list"));
        await p.assertClean(assert);
      } finally {
        await p.close();
      }
    });

    test("8. at 320 px the page does not scroll sideways", async () => {
      const p = await openPage(browser, target.url("?sample=s_client"), { viewport: { width: 320, height: 640 } });
      try {
        const { page } = p;
        await setDate(page);
        await waitCertificates(page, 2);
        const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth }));
        assert.ok(widths.doc <= 320, `document scrollWidth ${widths.doc} <= 320`);
        assert.ok(widths.body <= 320, `body scrollWidth ${widths.body} <= 320`);
        // Thumbprints wrap instead of widening the page.
        const wrap = await page.$eval('.cert.leaf [data-field="sha256"]', (el) => getComputedStyle(el).overflowWrap);
        assert.equal(wrap, "anywhere");
        await page.click('button[data-sample="xss"]');
        await waitVerdict(page, "warn");
        assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 320);
        await p.assertClean(assert);
      } finally {
        await p.close();
      }
    });

    test("copy fails gracefully: the text is selected and the user is told", async () => {
      const p = await openPage(browser, target.url("?sample=pass"));
      try {
        const { page } = p;
        await setDate(page);
        await waitVerdict(page, "pass");
        await page.evaluate(() => {
          Object.defineProperty(navigator, "clipboard", {
            configurable: true,
            value: { writeText: () => Promise.reject(new DOMException("denied", "NotAllowedError")) },
          });
        });
        await page.click('button[aria-label="Copy the Set-OutlookProvider command"]');
        await page.waitForFunction(() => /Could not copy/.test(document.querySelector("#fix").textContent));
        assert.equal(await page.evaluate(() => String(window.getSelection())), POWERSHELL);
        await page.click("#copy-report");
        await page.waitForSelector("#report-fallback", { state: "visible" });
        assert.match(await page.inputValue("#report-fallback"), /VERDICT: PASS/);
        assert.match(await text(page, "#report-action-status"), /Could not copy/);
        await p.assertClean(assert);
      } finally {
        await p.close();
      }
    });

    test("Download JSON saves the report", async () => {
      const p = await openPage(browser, target.url("?sample=pass"));
      try {
        const { page } = p;
        await setDate(page);
        await waitVerdict(page, "pass");
        const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-json")]);
        assert.equal(download.suggestedFilename(), "msstd-check-report.json");
        const report = JSON.parse(readFileSync(await download.path(), "utf8"));
        assert.equal(report.verdict.overall, "pass");
        assert.equal(report.evaluated_at, `${EVAL_DATE}T00:00:00Z`);
        assert.equal(report.certificates[report.leaf].thumbprint_sha1, LEAF_SHA1);
        await p.assertClean(assert);
      } finally {
        await p.close();
      }
    });

    test("Clear empties everything", async () => {
      const p = await openPage(browser, target.url("?sample=der"));
      try {
        const { page } = p;
        await setDate(page);
        await waitVerdict(page, "pass");
        await page.click("#clear");
        await waitVerdict(page, "idle");
        assert.equal(await page.inputValue("#paste"), "");
        assert.equal(await page.inputValue("#msstd"), "");
        assert.equal(await page.inputValue("#host"), "");
        assert.ok(await page.isHidden("#report"));
        assert.ok(await page.isHidden("#file-list"));
        assert.equal(await page.evaluate(() => document.activeElement.id), "paste");
        await p.assertClean(assert);
      } finally {
        await p.close();
      }
    });
  });
}

describe("served page only", () => {
  test("5. network: only the page's own files, and nothing after the page has loaded", async () => {
    const before = server.requests.length;
    const p = await openPage(browser, `${server.origin}/`);
    try {
      const { page, seen } = p;
      for (const url of seen.requests) {
        assert.ok(url.startsWith(`${server.origin}/`) || url.startsWith("data:"), `request to the page's own server: ${url}`);
      }
      const served = server.requests.slice(before);
      assert.ok(served.length >= 5, "the page, its script, style, glue and wasm were requested");
      for (const r of served) {
        assert.equal(r.status, 200, `${r.path} exists under www/`);
        assert.ok(r.file.startsWith(WWW), `${r.path} is a file under www/`);
      }
      const paths = served.map((r) => r.path).sort();
      assert.deepEqual(paths, ["/", "/app.js", "/pkg/msstd_check.js", "/pkg/msstd_check_bg.wasm", "/samples.js", "/style.css"]);

      const pageCount = seen.requests.length;
      const serverCount = server.requests.length;
      await setDate(page);
      await page.fill("#host", "mail.contoso.com");
      await page.locator("#msstd").pressSequentially(MSSTD);
      await page.fill("#paste", fixtureText("cn-and-san.pem"));
      await waitVerdict(page, "pass");
      await dropFiles(page, [{ name: "cn-and-san.cer", bytes: fixtureBytes("cn-and-san.cer") }]);
      await page.waitForFunction(() => /cn-and-san\.cer/.test(document.getElementById("input-items-body").textContent));
      assert.match(await text(page, "#input-items-body"), /Duplicate/, "the dropped copy of the leaf is a duplicate");
      await page.click('button[data-sample="xss"]');
      await waitVerdict(page, "warn");
      assert.equal(seen.requests.length, pageCount, `no request after load: ${seen.requests.slice(pageCount).join(", ")}`);
      assert.equal(server.requests.length, serverCount, "the server saw no request after load");

      // Nothing of the certificate is kept anywhere.
      const kept = await page.evaluate(() => ({
        local: localStorage.length,
        session: sessionStorage.length,
        cookie: document.cookie,
        url: location.href,
      }));
      assert.deepEqual(kept, { local: 0, session: 0, cookie: "", url: `${server.origin}/` });
      assert.deepEqual(seen.console, [], "nothing is written to the console");
      await p.assertClean(assert);
    } finally {
      await p.close();
    }
  });

  test("copy buttons put the principal name, the command and the report on the clipboard", async () => {
    const p = await openPage(browser, `${server.origin}/?sample=pass`, {
      permissions: { list: ["clipboard-read", "clipboard-write"], origin: server.origin },
    });
    try {
      const { page } = p;
      await setDate(page);
      await waitVerdict(page, "pass");
      const clip = () => page.evaluate(() => navigator.clipboard.readText());
      await page.click('button[aria-label="Copy the Set-OutlookProvider command"]');
      await page.waitForFunction(() => /Copied\./.test(document.querySelector("#fix").textContent));
      assert.equal(await clip(), POWERSHELL);
      await page.click('button[aria-label="Copy principal name"]');
      assert.equal(await clip(), MSSTD);
      await page.click("#copy-report");
      await page.waitForFunction(() => /Report copied/.test(document.querySelector("#report-action-status").textContent));
      const report = await clip();
      assert.match(report, /VERDICT: PASS/);
      assert.match(report, new RegExp(`evaluated at ${EVAL_DATE}T00:00:00Z`));
      assert.ok(report.includes(POWERSHELL));
      await p.assertClean(assert);
    } finally {
      await p.close();
    }
  });

  test("controls stay disabled until the wasm is ready", async () => {
    let release;
    const held = new Promise((ok) => (release = ok));
    const p = await openPage(browser, `${server.origin}/`, {
      waitReady: false,
      route: (page) =>
        page.route("**/pkg/msstd_check_bg.wasm", async (route) => {
          await held;
          await route.continue();
        }),
    });
    try {
      const { page } = p;
      await page.waitForSelector("#engine-status");
      assert.equal(await page.$eval("#controls", (f) => f.disabled), true);
      assert.match(await text(page, "#engine-status"), /Loading/);
      release();
      await page.waitForSelector('html[data-engine="ready"]', { state: "attached" });
      assert.equal(await page.$eval("#controls", (f) => f.disabled), false);
      assert.ok(await page.isHidden("#engine-status"));
      await p.assertClean(assert);
    } finally {
      release();
      await p.close();
    }
  });

  test("a wasm that cannot load gives a clear message", async () => {
    const p = await openPage(browser, `${server.origin}/`, {
      waitReady: false,
      route: (page) => page.route("**/pkg/msstd_check_bg.wasm", (route) => route.fulfill({ status: 404, body: "gone" })),
    });
    try {
      const { page } = p;
      await page.waitForSelector('html[data-engine="failed"]', { state: "attached" });
      assert.match(await text(page, "#engine-status"), /The checker could not start/);
      assert.equal(await page.$eval("#controls", (f) => f.disabled), true);
    } finally {
      await p.close();
    }
  });

  test("when analyze() throws, the message is shown and the page keeps working", async () => {
    // The page's controls cannot make analyze() throw, so the test serves a
    // glue whose analyze() throws for one marker text.
    const glue = readFileSync(join(WWW, "pkg", "msstd_check.js"), "utf8");
    const hook = "export function analyze(input, options) {";
    assert.ok(glue.includes(hook), "the glue has export function analyze(input, options)");
    const patched = glue.replace(
      hook,
      `${hook}\n    if (typeof input === "string" && input.includes("FORCE-ANALYZE-ERROR")) throw new Error("forced failure for the test");`,
    );
    const p = await openPage(browser, `${server.origin}/`, {
      route: (page) =>
        page.route("**/pkg/msstd_check.js", (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: patched })),
    });
    try {
      const { page } = p;
      await setDate(page);
      await page.fill("#msstd", MSSTD);
      await page.fill("#paste", "FORCE-ANALYZE-ERROR");
      await waitVerdict(page, "error");
      assert.match(await text(page, "#error"), /The check could not run: forced failure for the test/);
      assert.ok(await page.isHidden("#report"));
      await page.fill("#paste", fixtureText("cn-and-san.pem"));
      await waitVerdict(page, "pass");
      assert.ok(await page.isHidden("#error"));
      await p.assertClean(assert);
    } finally {
      await p.close();
    }
  });

  test("9. screenshots with a verdict, light and dark", async () => {
    mkdirSync(RESULTS, { recursive: true });
    for (const [scheme, file] of [
      ["light", "page.png"],
      ["dark", "page-dark.png"],
    ]) {
      const p = await openPage(browser, `${server.origin}/?sample=wildcard`, { colorScheme: scheme, viewport: { width: 1100, height: 900 } });
      try {
        const { page } = p;
        await setDate(page);
        await waitVerdict(page, "warn");
        assert.equal(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches), scheme === "dark");
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        const [r, g, b] = bg.match(/\d+/g).map(Number);
        if (scheme === "dark") assert.ok(r + g + b < 150, `dark background (${bg})`);
        else assert.ok(r + g + b > 600, `light background (${bg})`);
        await page.evaluate(() => document.activeElement.blur());
        const out = join(RESULTS, file);
        writeFileSync(out, await page.screenshot({ fullPage: true }));
        const png = readFileSync(out);
        assert.equal(png.subarray(1, 4).toString(), "PNG");
        assert.ok(statSync(out).size > 10_000);
        await p.assertClean(assert);
      } finally {
        await p.close();
      }
    }
    // A narrow one, to look at the 320 px layout.
    const p = await openPage(browser, `${server.origin}/?sample=wildcard`, { viewport: { width: 320, height: 640 } });
    try {
      await setDate(p.page);
      await waitVerdict(p.page, "warn");
      writeFileSync(join(RESULTS, "page-320.png"), await p.page.screenshot({ fullPage: true }));
    } finally {
      await p.close();
    }
  });
});

describe("single file only", () => {
  test("5. network: the only request is the file itself", async () => {
    const p = await openPage(browser, singleFileUrl());
    try {
      const { page, seen } = p;
      const fileUrl = singleFileUrl();
      const outside = seen.requests.filter((u) => !u.startsWith("data:"));
      assert.deepEqual(outside, [fileUrl]);
      await setDate(page);
      await page.fill("#msstd", MSSTD);
      await page.fill("#paste", fixtureText("cn-and-san.pem"));
      await waitVerdict(page, "pass");
      await dropFiles(page, [{ name: "cn-and-san.cer", bytes: fixtureBytes("cn-and-san.cer") }]);
      await page.waitForFunction(() => /cn-and-san\.cer/.test(document.getElementById("input-items-body").textContent));
      assert.deepEqual(seen.requests.filter((u) => !u.startsWith("data:")), [fileUrl], "no request after load");
      assert.deepEqual(seen.console, [], "nothing is written to the console");
      await p.assertClean(assert);
    } finally {
      await p.close();
    }
  });

  test("the single file has a hash-based CSP that allows no fetch", () => {
    const html = readFileSync(SINGLE_FILE, "utf8");
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)[1];
    assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/]+=*' 'wasm-unsafe-eval'/);
    assert.match(csp, /connect-src 'none'/);
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
    assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+rel="stylesheet"/, "nothing is loaded from outside the file");
  });
});
