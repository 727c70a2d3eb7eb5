// Compare mode (renewal, issue 11) in the served page and the single file, in
// Chromium (playwright-core, /usr/bin/chromium). Run after
// `bash scripts/build-web.sh`:   node --test e2e/compare.test.mjs

import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { MSSTD, RESULTS, builtPageSuite, dropFiles, fixtureBytes, fixtureText, setDate, singleFileUrl, withPage } from "./helpers.mjs";

const suite = builtPageSuite(["pkg/msstd_check.js", "pkg/msstd_check_bg.wasm"]);
// Inside both certificates of the pairs (tests/compare.rs's AT).
const AT = "2026-11-25";
const pair = (name) => fixtureText(`compare/${name}`);

/** Compare mode on, the evaluation date and the principal name set. */
async function compareMode(page) {
  await setDate(page, AT);
  await page.fill("#msstd", MSSTD);
  await page.click("#compare-toggle");
  assert.equal(await page.getAttribute("#compare-toggle", "aria-expanded"), "true");
  assert.equal(await page.isVisible("#paste-new"), true);
}

async function waitComparison(page) {
  await page.waitForFunction(() => !document.getElementById("comparison").hidden, null, { timeout: 15_000 });
}

/** What the comparison shows: per client old → new, the changes, the marks, the advice. */
function shown(page) {
  return page.evaluate(() => {
    const root = document.getElementById("comparison");
    const text = (el) => el.textContent.replace(/\s+/g, " ").trim();
    return {
      clients: Array.from(root.querySelectorAll("tr[data-client]")).map((tr) => ({
        client: tr.dataset.client,
        old: tr.querySelector(".side-old [data-verdict]")?.dataset.verdict ?? text(tr.querySelector(".side-old")),
        new: tr.querySelector(".side-new [data-verdict]")?.dataset.verdict ?? text(tr.querySelector(".side-new")),
      })),
      changes: Array.from(root.querySelectorAll(".compare-changes > li")).map((li) => li.dataset.field),
      added: Array.from(root.querySelectorAll('[data-field="san_dns"] li.added code')).map(text),
      removed: Array.from(root.querySelectorAll('[data-field="san_dns"] li.removed code')).map(text),
      cnRemoved: Array.from(root.querySelectorAll('[data-field="subject_cn"] li.removed code')).map(text),
      advice: Array.from(root.querySelectorAll(".compare-advice > li")).map((li) => ({ kind: li.dataset.kind, text: text(li) })),
      sides: Array.from(root.querySelectorAll(".compare-side")).map((p) => ({ side: p.dataset.side, unreadable: p.classList.contains("unreadable"), text: text(p) })),
      firstHeading: text(root.querySelector("h3")),
      verdict: document.getElementById("verdict").dataset.verdict,
      reportHidden: document.getElementById("report").hidden,
    };
  });
}

/** The CN-moved pair (tests/compare.rs): the old one passes everywhere; the new one fails on legacy Windows. */
function assertCnMoved(s) {
  assert.deepEqual(s.clients, [
    { client: "modern_windows", old: "pass", new: "pass" },
    { client: "legacy_windows", old: "pass", new: "fail" },
    { client: "connectivity_analyzer", old: "pass", new: "warn" },
  ]);
  // The core's order, cosmetic ones folded into a line.
  assert.deepEqual(s.changes, ["verdict_overall", "verdict_legacy_windows", "verdict_connectivity_analyzer", "subject_cn", "san_dns", "not_after"]);
  assert.deepEqual(s.added, ["contoso.com"]);
  assert.deepEqual(s.removed, []);
  assert.deepEqual(s.cnRemoved, ["mail.contoso.com"]);
  assert.equal(s.firstHeading, "Before you switch", "the advice comes first");
  assert.deepEqual(
    s.advice.map((a) => a.kind),
    ["set_principal", "switch_before"],
  );
  assert.match(s.advice[0].text, /Set the principal name to msstd:contoso\.com\. Set it when you switch, not before/);
  assert.match(s.advice[0].text, /Set-OutlookProvider EXPR -CertPrincipalName:"msstd:contoso\.com"/);
  assert.match(s.advice[1].text, /Switch before 2026-12-31T23:59:59Z/);
  assert.equal(s.verdict, "warn", "the verdict box shows the new certificate's");
  assert.equal(s.reportHidden, true, "the single report is not shown in compare mode");
}

describe("compare mode", () => {
  for (const [where, url] of [
    ["served page", () => `${suite.server.origin}/index.html`],
    ["single file", () => singleFileUrl()],
  ]) {
    test(`the CN-moved pair, pasted and dropped (${where})`, async () => {
      await withPage(suite.browser, url(), async ({ page, seen }) => {
        await compareMode(page);
        await page.fill("#paste", pair("renew-old.pem"));
        await dropFiles(page, [{ name: "cn-moved.pem", bytes: fixtureBytes("compare/cn-moved.pem") }], "#drop-new");
        await waitComparison(page);
        assertCnMoved(await shown(page));
        assert.match(await page.textContent("#file-list-new"), /cn-moved\.pem/);
        assert.equal(await page.isVisible("#file-list"), false, "the dropped file went to the new side only");
        // Copy comparison: the command line's text, made by the engine.
        await page.evaluate(() => {
          window.__copied = null;
          Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText: (t) => ((window.__copied = t), Promise.resolve()) } });
        });
        await page.click("#copy-comparison");
        await page.waitForFunction(() => window.__copied !== null);
        const copied = await page.evaluate(() => window.__copied);
        assert.match(copied, /Windows XP, 2003, Vista RTM {4}pass -> fail/);
        assert.match(copied, /BEFORE YOU SWITCH\n {2}1\. Set the principal name to msstd:contoso\.com when you switch/);
        assert.equal(await page.textContent("#comparison-status"), "Comparison copied as plain text.");
        // Off again: back to the one certificate's report.
        await page.click("#compare-toggle");
        await page.waitForFunction(() => !document.getElementById("report").hidden);
        assert.equal(await page.isVisible("#comparison"), false);
        if (where === "served page") {
          const origin = suite.server.origin;
          assert.deepEqual(
            seen.requests.filter((r) => !r.startsWith(origin)),
            [],
            "no request beyond the page's own files",
          );
        } else assert.deepEqual(seen.requests.filter((r) => !r.startsWith("file:") && !r.startsWith("blob:") && !r.startsWith("data:")), []);
      });
    });
  }

  test("one side unreadable: its message, and the other side still shown", async () => {
    await withPage(suite.browser, `${suite.server.origin}/index.html`, async ({ page }) => {
      await compareMode(page);
      await page.fill("#paste", "this is not a certificate");
      await page.fill("#paste-new", pair("cn-moved.pem"));
      await waitComparison(page);
      const s = await shown(page);
      assert.equal(s.advice[0].kind, "read_certificate");
      assert.match(s.advice[0].text, /No certificate could be read from the certificate in use/);
      assert.equal(s.sides[0].unreadable, true);
      assert.match(s.sides[0].text, /No certificate could be read from the certificate in use/);
      assert.equal(s.sides[1].unreadable, false);
      assert.match(s.sides[1].text, /^New: ⚠ Warning Works on current Windows/);
      assert.deepEqual(
        s.clients.map((c) => [c.old, c.new]),
        [
          ["cannot tell", "pass"],
          ["cannot tell", "fail"],
          ["cannot tell", "warn"],
        ],
      );
      assert.equal(s.changes.length, 0);
      assert.match(await page.textContent("#comparison"), /The changes cannot be listed/);
      // And the other way round: the new side unreadable, the old one shown.
      await page.fill("#paste", pair("renew-old.pem"));
      await page.fill("#paste-new", "");
      await dropFiles(page, [{ name: "garbage.cer", bytes: Buffer.from([0x30, 0x03, 0x02, 0x01]) }], "#drop-new");
      await page.waitForFunction(() => document.querySelector('.compare-side[data-side="new"].unreadable') !== null);
      const t = await shown(page);
      assert.equal(t.sides[0].unreadable, false);
      assert.match(t.sides[0].text, /^In use: ✓ Pass Mutual authentication will succeed/);
      assert.equal(t.advice[0].kind, "read_certificate");
      assert.match(t.advice[0].text, /the new certificate/);
      // Clear empties both boxes.
      await page.click("#clear");
      assert.equal(await page.inputValue("#paste-new"), "");
      assert.equal(await page.isVisible("#file-list-new"), false);
      await page.waitForFunction(() => document.getElementById("verdict").dataset.verdict === "idle");
    });
  });

  test("a .pfx on the new side: it asks for its password, then compares", async () => {
    await withPage(suite.browser, `${suite.server.origin}/index.html`, async ({ page }) => {
      await compareMode(page);
      await page.fill("#paste", pair("renew-old.pem"));
      await dropFiles(page, [{ name: "leaf-aes.pfx", bytes: fixtureBytes("leaf-aes.pfx") }], "#drop-new");
      await page.waitForFunction(() => document.querySelector('.compare-advice li[data-kind="read_certificate"]') !== null, null, { timeout: 30_000 });
      const s = await shown(page);
      assert.match(s.advice[0].text, /the new certificate: it is a \.pfx file that needs its password/);
      assert.equal(s.sides[0].unreadable, false, "the certificate in use is still shown");
      assert.equal(await page.isVisible("#password"), true, "the password box shows");
      await page.fill("#password", "Contoso!2025");
      await page.waitForFunction(() => document.querySelector('.compare-side[data-side="new"]:not(.unreadable)') !== null, null, { timeout: 30_000 });
      const t = await shown(page);
      assert.notEqual(t.advice[0].kind, "read_certificate");
      assert.equal(t.changes.length > 0, true);
    });
  });

  test("screenshots at 1280x800 and 375px", async () => {
    mkdirSync(RESULTS, { recursive: true });
    for (const [file, viewport] of [
      ["compare-1280.png", { width: 1280, height: 800 }],
      ["compare-375.png", { width: 375, height: 800 }],
    ]) {
      await withPage(suite.browser, `${suite.server.origin}/index.html`, { viewport }, async ({ page }) => {
        await compareMode(page);
        await page.fill("#paste", pair("renew-old.pem"));
        await page.fill("#paste-new", pair("cn-moved.pem"));
        await waitComparison(page);
        // Nothing wider than the screen.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `the page is ${overflow}px wider than the ${viewport.width}px screen`);
        writeFileSync(join(RESULTS, file), await page.screenshot({ fullPage: true }));
        writeFileSync(join(RESULTS, file.replace(".png", "-result.png")), await page.locator("#result").screenshot());
      });
    }
  });
});
