// Browser tests of the web page: the served release build (www/ over a local
// static server) and the single file dist/msstd-check.html opened from disk.
// Run after `bash scripts/build-web.sh`:   node --test e2e/
//
// No test touches the network: the server is on 127.0.0.1, Chromium is
// /usr/bin/chromium, and the pages make no outside request (tested).

import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, sep } from "node:path";
import { describe, test } from "node:test";
import {
  EVAL_DATE,
  RESULTS,
  ROOT,
  SINGLE_FILE,
  WWW,
  builtPageSuite,
  dropFiles,
  fixture,
  fixtureBytes,
  fixtureText,
  MSSTD,
  openPage,
  withPage,
  setCase,
  setDate,
  singleFileUrl,
  text,
  waitCertificates,
  waitVerdict,
} from "./helpers.mjs";

const verdictOf = (page) => page.$eval("#verdict", (el) => el.dataset.verdict);

const POWERSHELL = 'Set-OutlookProvider EXPR -CertPrincipalName:"msstd:mail.contoso.com"';
const leafCert = new X509Certificate(fixtureText("cn-and-san.pem"));
const LEAF_SHA1 = leafCert.fingerprint.replaceAll(":", "");
const LEAF_SHA256 = leafCert.fingerprint256.replaceAll(":", "");
const XSS_PAYLOADS = ["<img src=x onerror=alert(1)>", '<script>alert("o")</script>', "<script>alert(1)</script>.contoso.com"];
const PFX_PASSWORD = "Contoso!2025";
const FULL_JS = "/pkg/msstd_check_full.js";
const FULL_WASM = "/pkg/msstd_check_full_bg.wasm";

/** The server's requests for the full engine's files since `from`. */
const fullRequests = (from = 0) => suite.server.requests.slice(from).filter((r) => /msstd_check_full/.test(r.path));

/** Waits until the chain section shows `n` links. */
async function waitChain(page, n) {
  try {
    await page.waitForFunction(
      (count) => !document.getElementById("chain-section").hidden && document.querySelectorAll("#chain .chain-link").length === count,
      n,
      { timeout: 10_000 },
    );
  } catch {
    const now = await page.evaluate(() => ({
      hidden: document.getElementById("chain-section").hidden,
      links: document.querySelectorAll("#chain .chain-link").length,
      verdict: document.getElementById("verdict").textContent,
    }));
    throw new Error(`expected ${n} chain links, the page shows ${JSON.stringify(now)}`);
  }
}

/** Replaces the clipboard with one that keeps what is written in window.__copied. */
const captureClipboard = (page) =>
  page.evaluate(() => {
    window.__copied = null;
    Object.defineProperty(navigator, "clipboard", {
      configurable: true,
      value: {
        writeText: (t) => {
          window.__copied = t;
          return Promise.resolve();
        },
      },
    });
  });

const suite = builtPageSuite(["index.html", "app.js", "style.css", "samples.js", "pkg/msstd_check.js", "pkg/msstd_check_bg.wasm", "pkg/msstd_check_full.js", "pkg/msstd_check_full_bg.wasm"]);

const TARGETS = [
  { name: "served page", url: (query = "") => `${suite.server.origin}/${query}`, served: true },
  { name: "single file (file://)", url: (query = "") => `${singleFileUrl()}${query}`, served: false },
];

for (const target of TARGETS) {
  describe(target.name, () => {
    test("1. pasted PEM and typed msstd string: pass, and the name set is kept (no Set-OutlookProvider line)", async () => {
      await withPage(suite.browser, target.url(), async (p) => {
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
        // The name set passes: nothing to copy, and it is said to be the one set, not offered as new.
        assert.equal(await page.$("#fix-powershell"), null, "no Set-OutlookProvider line when the name set is kept");
        assert.equal(await page.$("#fix-principal"), null);
        assert.match(await text(page, "#fix .kept-name"), /The principal name set, msstd:mail\.contoso\.com, matches the certificate for every client: keep it\./);
        assert.doesNotMatch(await text(page, "#fix"), /Other principal names[^.]*msstd:mail\.contoso\.com/);
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
        assert.match(await text(page, "#evaluated"), /^Principal name checked: msstd:mail\.contoso\.com\. RPC proxy host: not given\. Evaluated at /);
      });
    });

    test("2. a DER file dropped on the drop zone is read", async () => {
      await withPage(suite.browser, target.url(), async (p) => {
        const { page } = p;
        await setCase(page);
        // The verdict first: it is set while the report under it is still being built.
        await page.evaluate(() => {
          const trail = (window.__trail = []);
          const verdict = document.getElementById("verdict");
          const result = document.getElementById("result");
          const report = document.getElementById("report");
          const note = (what) => trail.push(`${what}: report ${report.hidden ? "hidden" : "shown"}, ${result.hasAttribute("data-building") ? "building" : "built"}`);
          new MutationObserver(() => note(`verdict ${verdict.dataset.verdict}`)).observe(verdict, { attributes: true, attributeFilter: ["data-verdict"] });
          new MutationObserver(() => note("result")).observe(result, { attributes: true, attributeFilter: ["data-building"] });
        });
        await dropFiles(page, [{ name: "cn-and-san.cer", bytes: fixtureBytes("cn-and-san.cer") }]);
        await waitVerdict(page, "pass");
        const trail = await page.evaluate(() => window.__trail);
        assert.ok(trail.indexOf("verdict pass: report hidden, building") >= 0, trail.join(" | "));
        assert.equal(trail.at(-1), "result: report shown, built", trail.join(" | "));
        assert.match(await text(page, "#file-list"), /cn-and-san\.cer/);
        assert.match(await text(page, "#input-items-body"), /cn-and-san\.cer.*DER certificate/s);
        assert.match(await text(page, ".cert.leaf"), /cn-and-san\.cer, DER/);
        assert.equal(await text(page, '.cert.leaf [data-field="sha1"]'), LEAF_SHA1);
      });
    });

    test("3. a .cer picked with the file input, then a second file: one case, leaf first", async () => {
      await withPage(suite.browser, target.url(), async (p) => {
        const { page } = p;
        await setCase(page);
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
      });
    });

    test("3b. the drop zone is a keyboard control: Enter and Space open the file picker", async () => {
      await withPage(suite.browser, target.url(), async (p) => {
        const { page } = p;
        await setCase(page);
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
      });
    });

    test("4. hostile certificate text is shown as text, never as markup", async () => {
      const p = await openPage(suite.browser, target.url());
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
        await setCase(page);
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
      await withPage(suite.browser, target.url(), async (p) => {
        const { page } = p;
        await setCase(page);
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
      });
    });

    test("7. ?sample=wildcard loads the wildcard sample: works only on modern Windows", async () => {
      await withPage(suite.browser, target.url("?sample=wildcard"), async (p) => {
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
      });
    });

    test("7b. every sample button loads, and an unknown ?sample= says so", async () => {
      await withPage(suite.browser, target.url("?sample=no-such-sample"), async (p) => {
        const { page } = p;
        assert.match(await text(page, "#error"), /no sample called/);
        await setDate(page);
        const expected = {
          pass: "pass",
          wildcard: "warn",
          expired: "fail",
          "wrong-name": "fail",
          der: "pass",
          xss: "warn",
          // The test PKI's root is private: a whole chain warns about it.
          p7b: "warn",
          "p7b-ber": "warn",
          // The look-alike CA does not verify the leaf: the right intermediate is missing.
          "chain-wrong-key": "warn",
          "hex-certutil": "pass",
          "quoted-printable": "pass",
          "json-escaped": "pass",
          // The .pfx asks for its password first.
          pfx: "unknown",
        };
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
        // The settings-only samples hold no certificate; they load without error.
        for (const id of ["autodiscover", "get-outlookprovider"]) {
          await page.click(`button[data-sample="${id}"]`);
          await waitVerdict(page, "unknown");
          assert.match(await text(page, `button[data-sample="${id}"]`), /settings only/);
          // The principal name and host come from the file, and the page says so.
          const meta = await text(page, "#evaluated");
          assert.match(meta, /Principal name checked: msstd:mail\.contoso\.com \(from .+\)\. RPC proxy host: (mail\.contoso\.com \(from .+\)|not given)\./);
          assert.doesNotMatch(meta, /null|undefined|\[object/);
          assert.ok(await page.isHidden("#error"));
        }
        // Every sample has its button.
        const buttons = await page.$$eval("#sample-buttons button", (bs) => bs.map((b) => b.dataset.sample));
        for (const id of [...Object.keys(expected), "s_client", "san-only", "subject-email", "autodiscover", "get-outlookprovider"]) {
          assert.ok(buttons.includes(id), `a button for the ${id} sample`);
        }
      });
    });

    test("8. at 320 px the page does not scroll sideways", async () => {
      await withPage(suite.browser, target.url("?sample=s_client"), { viewport: { width: 320, height: 640 } }, async (p) => {
        const { page } = p;
        await setDate(page);
        await waitCertificates(page, 2);
        const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth }));
        assert.ok(widths.doc <= 320, `document scrollWidth ${widths.doc} <= 320`);
        assert.ok(widths.body <= 320, `body scrollWidth ${widths.body} <= 320`);
        // Thumbprints wrap instead of widening the page.
        const wrap = await page.$eval('.cert.leaf [data-field="sha256"]', (el) => getComputedStyle(el).overflowWrap);
        assert.equal(wrap, "anywhere");
        // On a phone the samples are folded.
        assert.equal(await page.$eval("#samples", (d) => d.open), false);
        await page.click("#samples-label");
        await page.click('button[data-sample="xss"]');
        await waitVerdict(page, "warn");
        assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 320);
      });
    });

    test("copy fails gracefully: the text is selected and the user is told", async () => {
      await withPage(suite.browser, target.url("?sample=pass"), async (p) => {
        const { page } = p;
        await setDate(page);
        await waitVerdict(page, "pass");
        await page.evaluate(() => {
          Object.defineProperty(navigator, "clipboard", {
            configurable: true,
            value: { writeText: () => Promise.reject(new DOMException("denied", "NotAllowedError")) },
          });
        });
        await page.click('.cert.leaf button[aria-label^="Copy the thumbprint"]');
        await page.waitForFunction(() => /Could not copy/.test(document.querySelector(".cert.leaf").textContent));
        assert.equal(await page.evaluate(() => String(window.getSelection())), LEAF_SHA1);
        await page.click("#copy-report");
        await page.waitForSelector("#report-fallback", { state: "visible" });
        assert.match(await page.inputValue("#report-fallback"), /VERDICT: PASS/);
        assert.match(await text(page, "#report-action-status"), /Could not copy/);
      });
    });

    test("Download JSON saves the report", async () => {
      await withPage(suite.browser, target.url("?sample=pass"), async (p) => {
        const { page } = p;
        await setDate(page);
        await waitVerdict(page, "pass");
        const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-json")]);
        assert.equal(download.suggestedFilename(), "msstd-check-report.json");
        const report = JSON.parse(readFileSync(await download.path(), "utf8"));
        assert.equal(report.verdict.overall, "pass");
        assert.equal(report.evaluated_at, `${EVAL_DATE}T00:00:00Z`);
        assert.equal(report.certificates[report.leaf].thumbprint_sha1, LEAF_SHA1);
      });
    });

    test("Clear empties everything", async () => {
      await withPage(suite.browser, target.url("?sample=der"), async (p) => {
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
      });
    });

    test("10. a single certificate never loads the full engine, and no password is asked", async () => {
      const from = suite.server.requests.length;
      await withPage(suite.browser, target.url(), async (p) => {
        const { page } = p;
        await setCase(page);
        await page.fill("#paste", fixtureText("cn-and-san.pem"));
        await waitVerdict(page, "pass");
        await dropFiles(page, [{ name: "cn-and-san.cer", bytes: fixtureBytes("cn-and-san.cer") }]);
        await page.waitForFunction(() => /cn-and-san\.cer/.test(document.getElementById("input-items-body").textContent));
        await page.click('button[data-sample="wildcard"]');
        await waitVerdict(page, "warn");
        await page.click('button[data-sample="der"]');
        await waitVerdict(page, "pass");
        // The single certificate's chain, as the core engine sees it.
        await waitChain(page, 1);
        assert.match(await text(page, "#chain"), /incomplete/);
        assert.match(await text(page, "#chain"), /signature not checked/);
        assert.equal(await page.evaluate(() => document.documentElement.dataset.fullEngine), undefined, "the full engine was not loaded");
        assert.deepEqual(
          p.seen.requests.filter((u) => /msstd_check_full/.test(u)),
          [],
          "the full engine's files were not requested",
        );
        if (target.served) assert.deepEqual(fullRequests(from), []);
        assert.ok(await page.isHidden("#password-field"), "no password box for a certificate");
        assert.ok(await page.isHidden("#key-warning"));
      });
    });

    test("11. a dropped .p7b bundle loads the full engine once: the chain is explained, signatures valid", async () => {
      const from = suite.server.requests.length;
      await withPage(suite.browser, target.url(), async (p) => {
        const { page } = p;
        await setCase(page);
        await dropFiles(page, [{ name: "bundle-der.p7b", bytes: fixtureBytes("bundle-der.p7b") }]);
        await waitChain(page, 3);
        await waitCertificates(page, 3);
        assert.equal(await page.evaluate(() => document.documentElement.dataset.fullEngine), "ready");
        // Leaf -> issuing CA -> root, each signature checked with the issuer's key.
        const links = await page.$$eval("#chain .chain-link", (lis) =>
          lis.map((li) => ({ signature: li.dataset.signature, issuer: li.dataset.issuer, text: li.textContent })),
        );
        assert.deepEqual(links.map((l) => l.signature), ["valid", "valid", "valid"]);
        assert.deepEqual(links.map((l) => l.issuer), ["in_input", "in_input", "it_self"]);
        assert.match(links[0].text, /CN=mail\.contoso\.com.*issued by.*CN=msstd-check Test Issuing CA/);
        assert.match(links[0].text, /signature valid/);
        assert.match(links[0].text, /key identifiers match/);
        assert.match(links[2].text, /itself \(self-signed\)/);
        const chain = await text(page, "#chain");
        assert.match(chain, /ends at a private root/);
        assert.doesNotMatch(chain, /Windows' own trust store may differ/, "only said for a Mozilla root");
        assert.match(await text(page, "#input-items-body"), /PKCS#7/);
        // The chain section sits between the fix and the certificate details.
        const order = await page.evaluate(() => {
          const [fix, chainSection, certs] = ["fix", "chain-section", "certificates"].map((id) => document.getElementById(id));
          const follows = (a, b) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
          return follows(fix, chainSection) && follows(chainSection, certs);
        });
        assert.ok(order, "fix, then chain, then certificates");
        // Later checks use the full engine, which is not loaded again.
        await page.click('#file-list button[aria-label="Remove bundle-der.p7b"]');
        await page.fill("#paste", fixtureText("chain-extra-cert.pem"));
        await page.waitForFunction(() => /Fabrikam/.test(document.getElementById("chain").textContent));
        await waitChain(page, 3);
        assert.match(await text(page, "#chain"), /Not on the chain/);
        assert.match(await text(page, "#chain"), /Fabrikam Unrelated CA/);
        await page.fill("#paste", fixtureText("cn-and-san.pem"));
        await waitChain(page, 1);
        assert.match(await text(page, "#chain"), /Mozilla roots known to this page/, "the single certificate is now checked by the full engine");
        if (target.served) {
          const full = fullRequests(from).map((r) => r.path).sort();
          assert.deepEqual(full, [FULL_JS, FULL_WASM], "the full engine's glue and wasm, requested once each");
        } else {
          assert.deepEqual(p.seen.requests.filter((u) => !u.startsWith("data:") && !u.startsWith("blob:")), [singleFileUrl()], "the single file fetches nothing");
          assert.equal(p.seen.requests.filter((u) => u.startsWith("blob:")).length, 1, "one blob: URL, the engine worker, made at load");
        }
        assert.deepEqual(p.seen.console, [], "nothing is written to the console");
      });
    });

    test("12. a chain with a bad signature, pasted: the chain section says INVALID, and the verdict is fail", async () => {
      await withPage(suite.browser, target.url(), async (p) => {
        const { page } = p;
        await setCase(page);
        await page.fill("#paste", fixtureText("chain-bad-signature.pem"));
        await waitVerdict(page, "fail");
        await waitChain(page, 3);
        const first = await page.$eval("#chain .chain-link", (li) => ({ signature: li.dataset.signature, bad: li.classList.contains("bad"), text: li.textContent }));
        assert.equal(first.signature, "invalid");
        assert.ok(first.bad);
        assert.match(first.text, /signature INVALID/);
        assert.match(await text(page, "#verdict-sentence"), /Will fail/);
        assert.ok(await page.$('.finding[data-code="CHAIN_BAD_SIGNATURE"]'), "the finding is listed");
        // A look-alike intermediate: same name, other key.
        await page.fill("#paste", fixtureText("chain-wrong-key-intermediate.pem"));
        await page.waitForFunction(() => /key identifiers differ/.test(document.getElementById("chain").textContent));
      });
    });

    test("12b. a chain that reaches a Mozilla root names it, and says Windows' trust store may differ", async () => {
      await withPage(suite.browser, target.url(), async (p) => {
        const { page } = p;
        await setDate(page);
        // A real chain (tests/fixtures/real/SOURCE.md): the amazon.com leaf and its DigiCert intermediate.
        const bytes = readFileSync(join(ROOT, "tests", "fixtures", "real", "pkcs7-der-amazon.com-leaf-and-intermediate.p7b"));
        await dropFiles(page, [{ name: "amazon.p7b", bytes }]);
        await waitChain(page, 2);
        const links = await page.$$eval("#chain .chain-link", (lis) => lis.map((li) => [li.dataset.signature, li.dataset.issuer]));
        assert.deepEqual(links, [
          ["valid", "in_input"],
          ["valid", "mozilla_root"],
        ]);
        assert.equal(await page.$eval("#chain .chain-end", (p) => p.dataset.ends), "mozilla_root");
        const chain = await text(page, "#chain");
        assert.match(chain, /ends at the Mozilla root CN=DigiCert Global Root G2/);
        assert.match(chain, /Windows' own trust store may differ/);
      });
    });

    test("13. a .pfx asks for its password; a wrong one says so; the right one reads it, and the password is kept nowhere", async () => {
      await withPage(suite.browser, target.url(), async (p) => {
        const { page } = p;
        await setCase(page);
        assert.ok(await page.isHidden("#password-field"), "no password box before a .pfx");
        await dropFiles(page, [{ name: "leaf-aes.pfx", bytes: fixtureBytes("leaf-aes.pfx") }]);
        await page.waitForSelector("#password-field", { state: "visible" });
        assert.equal(await page.evaluate(() => document.documentElement.dataset.fullEngine), "ready");
        await waitVerdict(page, "unknown");
        const box = await page.$eval("#password", (el) => ({
          type: el.type,
          autocomplete: el.getAttribute("autocomplete"),
          label: el.labels[0] && el.labels[0].textContent,
          value: el.value,
        }));
        assert.deepEqual(box, { type: "password", autocomplete: "off", label: "Password of the .pfx file", value: "" });
        assert.match(await text(page, "#password-status"), /protected by a password/);
        // A wrong password.
        await page.locator("#password").pressSequentially("not-the-password");
        await page.waitForFunction(() => /Wrong password/.test(document.getElementById("password-status").textContent));
        assert.ok(await page.$('.finding[data-code="INTAKE_PFX_WRONG_PASSWORD"]'));
        assert.equal(await page.$$eval(".cert", (c) => c.length), 0);
        // The right one, typed: the leaf and the issuing CA, and the key is flagged.
        await page.fill("#password", "");
        await page.locator("#password").pressSequentially(PFX_PASSWORD);
        await waitCertificates(page, 2);
        await waitVerdict(page, "warn");
        assert.equal(await page.$eval("#verdict", (el) => el.dataset.modern), "pass");
        assert.match(await text(page, "#password-status"), /opens the file: 2 certificates read/);
        assert.ok(await page.isVisible("#key-warning"), "the private-key warning is shown");
        assert.match(await text(page, "#key-warning"), /This file contains a private key/);
        assert.ok(await page.isVisible("#password-field"), "the box stays while the .pfx is there");
        assert.match(await text(page, ".cert.leaf"), /leaf-aes\.pfx, PKCS#12/);

        // Copy report: the text has the certificates, not the password.
        await captureClipboard(page);
        await page.click("#copy-report");
        await page.waitForFunction(() => /Report copied/.test(document.querySelector("#report-action-status").textContent));
        const copied = await page.evaluate(() => window.__copied);
        assert.match(copied, /VERDICT: WARN/);
        assert.match(copied, /leaf-aes\.pfx/);
        assert.ok(!copied.includes(PFX_PASSWORD), "the password is not in the copied report");
        // Download JSON: the same.
        const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-json")]);
        const json = readFileSync(await download.path(), "utf8");
        assert.equal(JSON.parse(json).certificates.length, 2);
        assert.ok(!json.includes(PFX_PASSWORD), "the password is not in the JSON download");
        // Nor in the URL, storage, console or any request.
        const kept = await page.evaluate(() => ({ url: location.href, local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }));
        assert.ok(!kept.url.includes("Contoso") && !kept.url.includes(encodeURIComponent(PFX_PASSWORD)), `the URL has no password: ${kept.url}`);
        assert.deepEqual([kept.local, kept.session, kept.cookie], [0, 0, ""]);
        assert.ok(!p.seen.console.some((m) => m.includes(PFX_PASSWORD)), "the password is not logged");
        assert.ok(!p.seen.requests.some((u) => u.includes("Contoso")), "the password is in no request");

        // Removing the .pfx removes the box and forgets the password.
        await page.click('#file-list button[aria-label="Remove leaf-aes.pfx"]');
        await waitVerdict(page, "idle");
        assert.ok(await page.isHidden("#password-field"));
        assert.equal(await page.inputValue("#password"), "");
        assert.ok(await page.isHidden("#key-warning"));
      });
    });

    test("13b. the .pfx sample does not fill in the password: the page asks for it", async () => {
      await withPage(suite.browser, target.url("?sample=pfx"), async (p) => {
        const { page } = p;
        await page.waitForSelector("#password-field", { state: "visible" });
        assert.equal(await page.inputValue("#password"), "");
        assert.match(await text(page, 'button[data-sample="pfx"]'), /Contoso!2025/);
        await page.fill("#password", PFX_PASSWORD);
        await setDate(page);
        await waitCertificates(page, 2);
        assert.ok(await page.isVisible("#key-warning"));
        // Another sample: no .pfx, so no password box, and the password is gone.
        await page.click('button[data-sample="pass"]');
        await waitVerdict(page, "pass");
        assert.ok(await page.isHidden("#password-field"));
        assert.equal(await page.inputValue("#password"), "");
        assert.ok(await page.isHidden("#key-warning"));
      });
    });
  });
}

describe("served page only", () => {
  test("5. network: only the page's own files, and nothing after load until an input needs the full engine", async () => {
    const before = suite.server.requests.length;
    await withPage(suite.browser, `${suite.server.origin}/`, async (p) => {
      const { page, seen } = p;
      for (const url of seen.requests) {
        assert.ok(url.startsWith(`${suite.server.origin}/`) || url.startsWith("data:"), `request to the page's own server: ${url}`);
      }
      const served = suite.server.requests.slice(before);
      assert.ok(served.length >= 5, "the page, its script, style, glue and wasm were requested");
      for (const r of served) {
        assert.equal(r.status, 200, `${r.path} exists under www/`);
        assert.ok(r.file.startsWith(WWW), `${r.path} is a file under www/`);
      }
      const paths = served.map((r) => r.path).sort();
      // worker.js: the engine worker, which loads the core engine's glue and wasm;
      // /js/…: the page's modules, each once, and js/offline.js, which registers the
      // service worker (refused here; e2e/offline.test.mjs tests it).
      const modules = readdirSync(join(WWW, "js"), { recursive: true })
        .filter((f) => f.endsWith(".js"))
        .map((f) => `/js/${f.split(sep).join("/")}`);
      assert.ok(modules.length >= 10, "the page's modules are under www/js/");
      const expected = ["/", "/app.js", "/pkg/msstd_check.js", "/pkg/msstd_check_bg.wasm", "/samples.js", "/style.css", "/worker.js", ...modules];
      assert.deepEqual(paths, expected.sort());
      assert.equal(await page.evaluate(() => document.documentElement.dataset.thread), "worker", "the engines run in the worker");

      const pageCount = seen.requests.length;
      const serverCount = suite.server.requests.length;
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
      assert.equal(suite.server.requests.length, serverCount, "the server saw no request after load");

      // Nothing of the certificate is kept anywhere.
      const kept = await page.evaluate(() => ({
        local: localStorage.length,
        session: sessionStorage.length,
        cookie: document.cookie,
        url: location.href,
      }));
      assert.deepEqual(kept, { local: 0, session: 0, cookie: "", url: `${suite.server.origin}/` });
      assert.deepEqual(seen.console, [], "nothing is written to the console");

      // A chain needs the full engine: its glue and wasm, from the same server, once.
      await page.click("#clear");
      await page.fill("#msstd", MSSTD);
      await page.fill("#paste", fixtureText("chain-leaf-first.pem"));
      await waitChain(page, 3);
      const after = seen.requests.slice(pageCount);
      assert.deepEqual(after.sort(), [`${suite.server.origin}${FULL_JS}`, `${suite.server.origin}${FULL_WASM}`]);
      assert.deepEqual(suite.server.requests.slice(serverCount).map((r) => [r.path, r.status]).sort(), [[FULL_JS, 200], [FULL_WASM, 200]]);
      // And nothing more for the next inputs, whatever they need.
      await page.click('button[data-sample="p7b"]');
      await waitChain(page, 3);
      await page.click('button[data-sample="pass"]');
      await waitVerdict(page, "pass");
      assert.equal(seen.requests.length, pageCount + 2, `no request after the full engine: ${seen.requests.slice(pageCount + 2).join(", ")}`);
      assert.deepEqual(seen.console, [], "nothing is written to the console");
    });
  });

  test("copy buttons put the thumbprint, the serial number, a name and the report on the clipboard", async () => {
    const p = await openPage(suite.browser, `${suite.server.origin}/?sample=pass`, {
      permissions: { list: ["clipboard-read", "clipboard-write"], origin: suite.server.origin },
    });
    try {
      const { page } = p;
      await setDate(page);
      await waitVerdict(page, "pass");
      const clip = () => page.evaluate(() => navigator.clipboard.readText());
      await page.click('.cert.leaf button[aria-label^="Copy the thumbprint"]');
      await page.waitForFunction(() => /Copied\./.test(document.querySelector(".cert.leaf").textContent));
      assert.equal(await clip(), LEAF_SHA1);
      await page.click('.cert.leaf button[aria-label^="Copy the serial number"]');
      assert.equal(await clip(), await text(page, '.cert.leaf [data-field="serial"]'));
      await page.click('.cert.leaf button[aria-label="Copy mail.contoso.com"]');
      assert.equal(await clip(), "mail.contoso.com");
      await page.click("#copy-report");
      await page.waitForFunction(() => /Report copied/.test(document.querySelector("#report-action-status").textContent));
      const report = await clip();
      assert.match(report, /VERDICT: PASS/);
      assert.match(report, new RegExp(`evaluated at ${EVAL_DATE}T00:00:00Z`));
      assert.ok(!report.includes(POWERSHELL), "the name set is kept: no Set-OutlookProvider line");
      await p.assertClean(assert);
    } finally {
      await p.close();
    }
  });

  test("controls stay disabled until the wasm is ready", async () => {
    let release;
    const held = new Promise((ok) => (release = ok));
    const p = await openPage(suite.browser, `${suite.server.origin}/`, {
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
    const p = await openPage(suite.browser, `${suite.server.origin}/`, {
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

  test("a full engine that cannot load: the core engine's report is shown, with a clear message", async () => {
    const p = await openPage(suite.browser, `${suite.server.origin}/`, {
      route: (page) => page.route("**/pkg/msstd_check_full_bg.wasm", (route) => route.fulfill({ status: 404, body: "gone" })),
    });
    try {
      const { page } = p;
      await setCase(page);
      await page.fill("#paste", fixtureText("chain-leaf-first.pem"));
      await page.waitForSelector('html[data-full-engine="failed"]', { state: "attached" });
      await waitCertificates(page, 3);
      assert.equal(await page.$eval("#verdict", (el) => el.dataset.modern), "pass");
      assert.match(await text(page, "#error"), /The chain and \.pfx checks could not load/);
      assert.match(await text(page, "#chain"), /signature not checked/);
      // The page keeps working with the core engine, and does not try again.
      await page.fill("#paste", fixtureText("cn-and-san.pem"));
      await waitVerdict(page, "pass");
      assert.ok(await page.isHidden("#error"));
      assert.equal(p.seen.requests.filter((u) => u.endsWith("/pkg/msstd_check_full_bg.wasm")).length, 1);
    } finally {
      await p.close();
    }
  });

  test("when the engine throws, the message is shown and the page keeps working", async () => {
    // The page's controls cannot make the engine throw, so the test serves a
    // glue whose analyzeParts() (what the worker calls) throws for one marker text.
    const glue = readFileSync(join(WWW, "pkg", "msstd_check.js"), "utf8");
    const hook = "export function analyzeParts(input, options, ifFull, perText) {";
    assert.ok(glue.includes(hook), "the glue has export function analyzeParts(input, options, ifFull, perText)");
    const patched = glue.replace(
      hook,
      `${hook}\n    if (typeof input === "string" && input.includes("FORCE-ANALYZE-ERROR")) throw new Error("forced failure for the test");`,
    );
    const p = await openPage(suite.browser, `${suite.server.origin}/`, {
      route: (page) =>
        page.route("**/pkg/msstd_check.js", (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: patched })),
    });
    try {
      const { page } = p;
      await setCase(page);
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
      await withPage(suite.browser, `${suite.server.origin}/?sample=wildcard`, { colorScheme: scheme, viewport: { width: 1100, height: 900 } }, async (p) => {
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
      });
    }
    // A narrow one, to look at the 320 px layout.
    const p = await openPage(suite.browser, `${suite.server.origin}/?sample=wildcard`, { viewport: { width: 320, height: 640 } });
    try {
      await setDate(p.page);
      await waitVerdict(p.page, "warn");
      writeFileSync(join(RESULTS, "page-320.png"), await p.page.screenshot({ fullPage: true }));
    } finally {
      await p.close();
    }
    // The chain explained (a look-alike intermediate), and a .pfx opened with its password.
    const c = await openPage(suite.browser, `${suite.server.origin}/?sample=chain-wrong-key`, { viewport: { width: 1100, height: 900 } });
    try {
      await setDate(c.page);
      await waitChain(c.page, 3);
      await c.page.evaluate(() => document.activeElement.blur());
      writeFileSync(join(RESULTS, "page-chain.png"), await c.page.screenshot({ fullPage: true }));
      await c.assertClean(assert);
    } finally {
      await c.close();
    }
    for (const [scheme, file] of [
      ["light", "page-pfx.png"],
      ["dark", "page-pfx-dark.png"],
    ]) {
      const x = await openPage(suite.browser, `${suite.server.origin}/?sample=pfx`, { colorScheme: scheme, viewport: { width: 1100, height: 900 } });
      try {
        await x.page.waitForSelector("#password-field", { state: "visible" });
        await x.page.fill("#password", PFX_PASSWORD);
        await setDate(x.page);
        await waitCertificates(x.page, 2);
        await x.page.evaluate(() => document.activeElement.blur());
        writeFileSync(join(RESULTS, file), await x.page.screenshot({ fullPage: true }));
        await x.assertClean(assert);
      } finally {
        await x.close();
      }
    }
  });
});

describe("single file only", () => {
  test("5. network: the only request is the file itself", async () => {
    await withPage(suite.browser, singleFileUrl(), async (p) => {
      const { page, seen } = p;
      const fileUrl = singleFileUrl();
      // The engine worker's script is a blob: URL made by the page's own script
      // (from its own text): not a fetch from outside the file.
      const outside = seen.requests.filter((u) => !u.startsWith("data:") && !u.startsWith("blob:"));
      assert.deepEqual(outside, [fileUrl]);
      const blobs = seen.requests.filter((u) => u.startsWith("blob:"));
      assert.equal(blobs.length, 1, `one blob: URL, the engine worker: ${blobs}`);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.thread), "worker", "Chromium runs the single file's engines in a worker");
      await setCase(page);
      await page.fill("#paste", fixtureText("cn-and-san.pem"));
      await waitVerdict(page, "pass");
      await dropFiles(page, [{ name: "cn-and-san.cer", bytes: fixtureBytes("cn-and-san.cer") }]);
      await page.waitForFunction(() => /cn-and-san\.cer/.test(document.getElementById("input-items-body").textContent));
      assert.deepEqual(seen.requests.filter((u) => !u.startsWith("data:")), [fileUrl, ...blobs], "no request after load");
      assert.deepEqual(seen.console, [], "nothing is written to the console");
    });
  });

  test("the single file has a hash-based CSP that allows no fetch", () => {
    const html = readFileSync(SINGLE_FILE, "utf8");
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)[1];
    assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/]+=*' 'wasm-unsafe-eval'/);
    assert.match(csp, /connect-src 'none'/);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /worker-src blob:(;|$)/, "the engine worker, from a Blob URL, and no other");
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
    assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+rel="stylesheet"/, "nothing is loaded from outside the file");
  });
});
