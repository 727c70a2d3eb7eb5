// Browser tests of the engine worker: the page stays responsive while a big
// input is checked, shows its progress, renders only the latest request's
// reply, refuses files over the core's limits without reading them, and the
// single file falls back to its main thread where no worker can start.
// Run after `bash scripts/build-web.sh`:   node --test e2e/
//
// These are responsiveness properties, not speed benchmarks (see bench/ for
// those): the one number asserted is the longest gap of the page's main
// thread, under 200 ms while a 1,000-certificate bundle is checked.

import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import {
  RESULTS,
  builtPageSuite,
  dropFiles,
  fixtureBytes,
  fixtureText,
  makeBundle,
  openPage,
  withPage,
  pasteText,
  setCase,
  singleFileUrl,
  startGapMonitor,
  stopGapMonitor,
  text,
  waitVerdict,
} from "./helpers.mjs";

const MAX_GAP_MS = 200;
const BUNDLE = makeBundle(1000);
const SLOW = 60_000; // generous waits for the 1,000-certificate report (never sleeps)

const suite = builtPageSuite(["index.html", "app.js", "worker.js", "pkg/msstd_check.js", "pkg/msstd_check_bg.wasm"]);

/**
 * Records, in the page, what the result region goes through: each time the
 * progress bar is shown or hidden, aria-busy changes, or the verdict sentence
 * changes (window.__trail), and the most certificates on screen at once.
 */
const watchResult = (page) =>
  page.evaluate(() => {
    const trail = [];
    window.__trail = trail;
    window.__maxCerts = 0;
    const progress = document.getElementById("progress");
    const result = document.getElementById("result");
    const sentence = document.getElementById("verdict-sentence");
    const certs = document.getElementById("certificates");
    new MutationObserver(() => trail.push(`progress ${progress.hidden ? "hidden" : "shown"}`)).observe(progress, { attributes: true, attributeFilter: ["hidden"] });
    new MutationObserver(() => trail.push(`busy ${result.getAttribute("aria-busy") || "none"}`)).observe(result, { attributes: true, attributeFilter: ["aria-busy"] });
    new MutationObserver(() => trail.push(`verdict ${sentence.textContent}`)).observe(sentence, { childList: true, characterData: true, subtree: true });
    new MutationObserver(() => {
      window.__maxCerts = Math.max(window.__maxCerts, certs.querySelectorAll(".cert").length);
    }).observe(certs, { childList: true });
  });

/** Waits until the whole 1,000-certificate report is on screen and the progress bar is gone. */
async function waitBundleShown(page) {
  await page.waitForFunction(
    () =>
      document.querySelectorAll("#certificates .cert").length === 1000 &&
      document.getElementById("progress").hidden &&
      !document.getElementById("result").hasAttribute("aria-busy"),
    null,
    { timeout: SLOW },
  );
}

const TARGETS = [
  { name: "served page", url: (query = "") => `${suite.server.origin}/${query}` },
  { name: "single file (file://)", url: (query = "") => `${singleFileUrl()}${query}` },
];

for (const target of TARGETS) {
  describe(target.name, () => {
    test("a. while a dropped 1,000-certificate bundle is checked, the main thread keeps ticking, and the progress is shown, then hidden", async () => {
      await withPage(suite.browser, target.url(), async (p) => {
        const { page } = p;
        assert.equal(await page.evaluate(() => document.documentElement.dataset.thread), "worker");
        await setCase(page);
        await watchResult(page);
        await startGapMonitor(page);
        await dropFiles(page, [{ name: "bundle-1000.pem", bytes: Buffer.from(BUNDLE.pem) }]);
        // The progress state, while the worker works.
        await page.waitForSelector("#progress", { state: "visible" });
        assert.equal(await page.$eval("#result", (el) => el.getAttribute("aria-busy")), "true");
        await waitBundleShown(page);
        const gaps = await stopGapMonitor(page);
        assert.ok(gaps.ticks > 20, `the timer loop ran (${gaps.ticks} ticks)`);
        assert.ok(gaps.timer < MAX_GAP_MS, `longest gap of the main thread (timer loop): ${gaps.timer.toFixed(0)} ms`);
        assert.ok(gaps.frame < MAX_GAP_MS, `longest gap between animation frames: ${gaps.frame.toFixed(0)} ms`);

        const trail = await page.evaluate(() => window.__trail);
        const shown = trail.indexOf("progress shown");
        const hidden = trail.lastIndexOf("progress hidden");
        assert.ok(shown >= 0 && hidden > shown, `the progress bar was shown, then hidden: ${trail.join(" | ")}`);
        assert.ok(trail.includes("verdict Checking 1,000 certificates…"), `the page said what it checks: ${trail.join(" | ")}`);
        assert.ok(trail.indexOf("busy true") >= 0 && trail.at(-1) !== "busy true", "aria-busy was set, then cleared");
        assert.equal(await page.$eval("#result", (el) => el.hasAttribute("aria-busy")), false);
        // The report itself: the bundle needs the full engine (several certificates).
        assert.equal(await page.evaluate(() => document.documentElement.dataset.fullEngine), "ready");
        assert.equal(await page.$eval("#verdict", (el) => el.dataset.modern), "pass");
        assert.equal(await page.$$eval("#input-items-body tr", (rows) => rows.length), 1000);
        assert.match(await text(page, "#file-list"), /bundle-1000\.pem/);
      });
    });

    test("only the latest request's reply is rendered: a big check overtaken by a small one never shows", async () => {
      await withPage(suite.browser, target.url(), async (p) => {
        const { page } = p;
        await setCase(page);
        await watchResult(page);
        await pasteText(page, BUNDLE.pem);
        // The bundle is being checked in the worker...
        await page.waitForSelector("#progress", { state: "visible" });
        // ...when a sample with one certificate replaces it (at once, no typing
        // pause): that one's report is shown, the bundle's never. Whether the
        // core engine had already asked for the full engine (the bundle needs
        // it, and the core takes well under 100 ms for it) is read in the same
        // task as the click, so no reply can slip in between.
        const engineAtClick = await page.evaluate(() => {
          const before = document.documentElement.dataset.fullEngine;
          document.querySelector('button[data-sample="pass"]').click();
          return before;
        });
        await waitVerdict(page, "pass");
        await page.waitForFunction(() => document.getElementById("progress").hidden);
        assert.equal(await page.$$eval("#certificates .cert", (c) => c.length), 1);
        assert.equal(await page.evaluate(() => window.__maxCerts), 1, "the bundle's certificates were never put on screen");
        if (engineAtClick === undefined) {
          // The bundle's request was overtaken before its engine question came
          // back: that late answer, stale, must not load the full engine (the
          // next test holds that answer back, so that this is always checked).
          assert.equal(await page.evaluate(() => document.documentElement.dataset.fullEngine), undefined, "the stale bundle did not load the full engine");
        }
        // And the page keeps working.
        await page.fill("#host", "mail.contoso.com");
        await page.waitForFunction(() => /RPC proxy host: mail\.contoso\.com/.test(document.getElementById("evaluated").textContent));
      });
    });

    test("a stale 'needs the full engine' answer loads nothing: the bundle's answer held back in the page until after the click", async () => {
      // The worker's replies that say the full engine is needed reach the
      // page's listeners only when the test lets them (window.__release), so
      // the click always comes first, whatever the machine's speed.
      const holdNeedsFull = () => {
        const held = [];
        const wrappers = new WeakMap();
        const add = Worker.prototype.addEventListener;
        const remove = Worker.prototype.removeEventListener;
        Worker.prototype.addEventListener = function (type, listener, options) {
          if (type !== "message" || typeof listener !== "function") return add.call(this, type, listener, options);
          const wrapped = (e) => {
            if (e.data && e.data.needsFull) held.push(() => listener.call(this, e));
            else listener.call(this, e);
          };
          wrappers.set(listener, wrapped);
          return add.call(this, type, wrapped, options);
        };
        Worker.prototype.removeEventListener = function (type, listener, options) {
          return remove.call(this, type, wrappers.get(listener) || listener, options);
        };
        window.__heldReplies = () => held.length;
        window.__release = () => held.splice(0).forEach((deliver) => deliver());
      };
      await withPage(suite.browser, target.url(), { route: (page) => page.addInitScript(holdNeedsFull) }, async (p) => {
        const { page } = p;
        await setCase(page);
        await watchResult(page);
        await pasteText(page, BUNDLE.pem);
        // The core engine has answered "needs the full engine" for the bundle; the page has not seen it yet.
        await page.waitForFunction(() => window.__heldReplies() > 0, null, { timeout: SLOW });
        assert.equal(await page.evaluate(() => document.documentElement.dataset.fullEngine), undefined);
        await page.click('button[data-sample="pass"]');
        await page.evaluate(() => window.__release());
        await waitVerdict(page, "pass");
        await page.waitForFunction(() => document.getElementById("progress").hidden);
        assert.equal(await page.evaluate(() => document.documentElement.dataset.fullEngine), undefined, "the stale answer did not load the full engine");
        assert.equal(await page.$$eval("#certificates .cert", (c) => c.length), 1);
        assert.equal(await page.evaluate(() => window.__maxCerts), 1, "the bundle's certificates were never put on screen");
        assert.equal(await page.evaluate(() => window.__heldReplies()), 0, "no other reply needed the full engine");
      });
    });

    test("b. a 20 MB file is refused with a clear message, without being read, and the page keeps working", async () => {
      await withPage(suite.browser, target.url(), async (p) => {
        const { page } = p;
        await setCase(page);
        // Every way of reading a Blob, watched: nothing over 16 MB may be read.
        await page.evaluate(() => {
          window.__bigReads = [];
          const LIMIT = 16 * 1024 * 1024;
          for (const method of ["arrayBuffer", "text", "stream", "slice", "bytes"]) {
            const original = Blob.prototype[method];
            if (typeof original !== "function") continue;
            Blob.prototype[method] = function (...args) {
              if (this.size > LIMIT) window.__bigReads.push(`${method} ${this.size}`);
              return original.apply(this, args);
            };
          }
          for (const method of ["readAsArrayBuffer", "readAsText", "readAsDataURL", "readAsBinaryString"]) {
            const original = FileReader.prototype[method];
            FileReader.prototype[method] = function (blob, ...args) {
              if (blob && blob.size > LIMIT) window.__bigReads.push(`${method} ${blob.size}`);
              return original.call(this, blob, ...args);
            };
          }
          // Made in the page: 20 MB would be slow to send from the test.
          const dt = new DataTransfer();
          dt.items.add(new File([new Uint8Array(20 * 1024 * 1024)], "huge.pfx"));
          const drop = document.getElementById("drop");
          drop.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
        });
        await page.waitForSelector("#file-notice", { state: "visible" });
        const notice = await text(page, "#file-notice");
        assert.match(notice, /huge\.pfx \(20\.0 MB\) was not read: a file may be at most 16\.0 MB/);
        assert.deepEqual(await page.evaluate(() => window.__bigReads), [], "the 20 MB file was not read");
        assert.ok(await page.isHidden("#file-list"), "the file is not in the list");
        assert.equal(await page.$eval("#verdict", (el) => el.dataset.verdict), "idle");
        // The page keeps working: a certificate dropped next is checked.
        await dropFiles(page, [{ name: "cn-and-san.cer", bytes: fixtureBytes("cn-and-san.cer") }]);
        await waitVerdict(page, "pass");
        assert.ok(await page.isHidden("#file-notice"), "the message goes with the next file");
        assert.match(await text(page, "#file-list"), /cn-and-san\.cer/);
      });
    });
  });
}

describe("limits and fallbacks", () => {
  test("files over 64 MB together: the one past the limit is refused, the others are checked", async () => {
    await withPage(suite.browser, `${suite.server.origin}/`, async (p) => {
      const { page } = p;
      await setCase(page);
      await dropFiles(page, [{ name: "cn-and-san.cer", bytes: fixtureBytes("cn-and-san.cer") }]);
      await waitVerdict(page, "pass");
      await page.evaluate(() => {
        // Four 15 MB files (60 MB, each under 16 MB), then 5 MB more: past 64 MB.
        const dt = new DataTransfer();
        for (let i = 1; i <= 4; i++) dt.items.add(new File([new Uint8Array(15 * 1024 * 1024)], `zeros-${i}.bin`));
        dt.items.add(new File([new Uint8Array(5 * 1024 * 1024)], "one-too-many.bin"));
        document.getElementById("drop").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
      });
      await page.waitForSelector("#file-notice", { state: "visible" });
      assert.match(await text(page, "#file-notice"), /one-too-many\.bin \(5\.0 MB\) was not read: all inputs together may be at most 64\.0 MB/);
      await page.waitForFunction(() => document.querySelectorAll("#input-items-body tr").length >= 5, null, { timeout: SLOW });
      const list = await text(page, "#file-list");
      assert.match(list, /zeros-4\.bin/);
      assert.doesNotMatch(list, /one-too-many/);
      assert.equal(await page.$eval("#verdict", (el) => el.dataset.modern), "pass", "the certificate is still checked");
    });
  });

  test("single file where no worker can start: the engines run on the page, and every check still works", async () => {
    const p = await openPage(suite.browser, singleFileUrl(), {
      // A browser that refuses workers on file:// pages (Chromium does not).
      route: (page) =>
        page.addInitScript(() => {
          window.Worker = class {
            constructor() {
              throw new DOMException("workers are refused here (test)", "SecurityError");
            }
          };
        }),
    });
    try {
      const { page } = p;
      assert.equal(await page.evaluate(() => document.documentElement.dataset.thread), "page");
      await setCase(page);
      await page.fill("#paste", fixtureText("cn-and-san.pem"));
      await waitVerdict(page, "pass");
      // The full engine too, on the page.
      await page.fill("#paste", fixtureText("chain-leaf-first.pem"));
      await page.waitForFunction(() => document.querySelectorAll("#chain .chain-link[data-signature=valid]").length === 3);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.fullEngine), "ready");
      assert.deepEqual(p.seen.requests.filter((u) => !u.startsWith("data:")), [singleFileUrl()], "not even a blob: worker");
      await p.assertClean(assert);
    } finally {
      await p.close();
    }
  });

  test("screenshot of the progress state", async () => {
    mkdirSync(RESULTS, { recursive: true });
    await withPage(suite.browser, `${suite.server.origin}/`, { viewport: { width: 1100, height: 700 } }, async (p) => {
      const { page } = p;
      await setCase(page);
      await pasteText(page, BUNDLE.pem);
      await page.waitForFunction(() => /Checking 1,000 certificates/.test(document.getElementById("verdict-sentence").textContent), null, { timeout: SLOW });
      await page.evaluate(() => document.activeElement.blur());
      writeFileSync(join(RESULTS, "page-progress.png"), await page.locator("#result").screenshot());
      await page.waitForFunction(() => document.querySelectorAll("#certificates .cert").length === 1000, null, { timeout: SLOW });
    });
  });
});
