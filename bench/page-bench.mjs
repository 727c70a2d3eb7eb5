#!/usr/bin/env node
// Benchmark of the page in Chromium (playwright-core, /usr/bin/chromium): the
// release web build (`bash scripts/build-web.sh`) served from www/ on
// 127.0.0.1 by the e2e tests' static server, and the single file over file://.
// Run by hand (never a test):
//
//     node bench/page-bench.mjs [--repeat 10] [--www DIR] [--single FILE] [--out NAME.json]
//
// --www and --single measure another build (e.g. an older www/ copied aside,
// to compare before and after on the same machine, in the same hour).
//
// Measured in the page, from just before a synthetic DataTransfer drop event
// on the drop zone (the File is made before the clock starts):
//   * one certificate (tests/fixtures/certs/cn-and-san.cer) and a bundle of
//     1,000 certificates (one PEM file, made as in e2e's makeBundle), each
//     until three moments, each the first animation frame after it:
//       - "verdict": the verdict box shows the report's verdict;
//       - "verdict + 1st certificate": that, and the first certificate of the
//         report is on screen (what "verdict" measured before the page showed
//         the verdict ahead of the report: then both came in one task);
//       - "whole report": every certificate, the progress bar gone, nothing
//         still being built (html #result without data-building);
//     and the longest gap of the main thread meanwhile (a 4 ms timer loop in
//     the page: a gap may hold several tasks and a frame's rendering), and the
//     main thread's long tasks (over 50 ms, as the browser's Long Tasks API
//     reports them: PerformanceObserver "longtask").
// The first bundle drop also loads the full engine (a bundle needs it); it is
// reported on its own ("cold"), the repetitions after it use the loaded engine.
// Each case: one warm-up, then --repeat runs; median and p90.
// Writes bench/results/page.json (or --out NAME.json).

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CERTS, WWW, launchBrowser, makeBundle, openPage, singleFileUrl, startServer } from "../e2e/helpers.mjs";
import { fmt, installDropHelpers, machine, markdownTable, median, numberArg, percentile, writeResults } from "./common.mjs";

const REPEAT = numberArg("repeat", 10);
const pathArg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? resolve(process.argv[i + 1]) : null;
};
const WWW_DIR = pathArg("www") || WWW;
const SINGLE_URL = pathArg("single") ? pathToFileURL(pathArg("single")).href : singleFileUrl();
const MSSTD = "msstd:mail.contoso.com";
const DATE = "2026-06-01";

/** Installs the page side: the files to drop, the timer loop, the drop-and-wait function. */
async function prepare(page, der, bundlePem) {
  await installDropHelpers(page, der, bundlePem, MSSTD, DATE);
  await page.evaluate(() => {
    const { dropEvent, frame, until, shownCertificates, isVerdict, isDone, clear } = window.__benchPage;
    // The main thread's longest gap: a 4 ms timer loop, reset per run.
    const gaps = { max: 0, last: performance.now() };
    window.__gaps = gaps;
    const tick = () => {
      const now = performance.now();
      gaps.max = Math.max(gaps.max, now - gaps.last);
      gaps.last = now;
      setTimeout(tick, 4);
    };
    setTimeout(tick, 4);
    // The main thread's tasks over 50 ms (the Long Tasks API), reset per run.
    const long = { count: 0, max: 0 };
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        long.count += 1;
        long.max = Math.max(long.max, entry.duration);
      }
    });
    observer.observe({ type: "longtask" });
    /** Drops `which`; resolves with {verdict, first, done, gap, longTasks, longestTask} in ms from the drop. */
    window.__dropAndWait = async (which, certificates) => {
      const isFirst = () => isVerdict() && shownCertificates() > 0;
      const drop = dropEvent(which);
      gaps.max = 0;
      gaps.last = performance.now();
      observer.takeRecords();
      Object.assign(long, { count: 0, max: 0 });
      const t0 = performance.now();
      document.getElementById("drop").dispatchEvent(drop);
      // Each moment: the first frame after its test turns true (watched side by side).
      const moment = (test) => until(test).then(frame);
      const [tVerdict, tFirst, tDone] = (await Promise.all([moment(isVerdict), moment(isFirst), moment(() => isDone(certificates))])).map((t) => t - t0);
      const gap = gaps.max;
      for (const entry of observer.takeRecords()) {
        long.count += 1;
        long.max = Math.max(long.max, entry.duration);
      }
      const { count: longTasks, max: longestTask } = long;
      // Back to empty for the next run: remove the file (idle).
      await clear();
      return { verdict: tVerdict, first: tFirst, done: tDone, gap, longTasks, longestTask };
    };
  });
}

const stats = (values) => ({ runs: values, median: median(values), p90: percentile(values, 90), min: Math.min(...values), max: Math.max(...values) });

async function benchTarget(browser, name, url) {
  const p = await openPage(browser, url, { viewport: { width: 1100, height: 900 } });
  try {
    const { page } = p;
    page.setDefaultTimeout(120_000);
    await prepare(page, readFileSync(join(CERTS, "cn-and-san.cer")), makeBundle(1000).pem);
    const drop = (which, n) => page.evaluate(({ which, n }) => window.__dropAndWait(which, n), { which, n });
    const thread = await page.evaluate(() => document.documentElement.dataset.thread);

    // One certificate: warm-up, then the runs.
    await drop("one", 1);
    const one = [];
    for (let i = 0; i < REPEAT; i++) one.push(await drop("one", 1));
    const oneFull = await page.evaluate(() => document.documentElement.dataset.fullEngine || "not loaded");

    // The bundle: the first drop loads the full engine (cold); then warm-up and runs.
    const cold = await drop("bundle", 1000);
    await drop("bundle", 1000);
    const bundle = [];
    for (let i = 0; i < REPEAT; i++) bundle.push(await drop("bundle", 1000));
    // One certificate again, now with the full engine loaded.
    const oneAfter = [];
    for (let i = 0; i < REPEAT; i++) oneAfter.push(await drop("one", 1));
    return {
      target: name,
      thread,
      one_certificate: {
        engine: `core (full engine ${oneFull})`,
        verdict_ms: stats(one.map((r) => r.verdict)),
        verdict_and_first_certificate_ms: stats(one.map((r) => r.first)),
        all_shown_ms: stats(one.map((r) => r.done)),
        gap_ms: stats(one.map((r) => r.gap)),
      },
      one_certificate_full_engine: { engine: "full", verdict_ms: stats(oneAfter.map((r) => r.verdict)), all_shown_ms: stats(oneAfter.map((r) => r.done)) },
      bundle_1000: {
        cold: { note: "first bundle: a core engine pass, then the full engine loaded and used", ...cold },
        verdict_ms: stats(bundle.map((r) => r.verdict)),
        verdict_and_first_certificate_ms: stats(bundle.map((r) => r.first)),
        all_shown_ms: stats(bundle.map((r) => r.done)),
        longest_main_thread_gap_ms: stats(bundle.map((r) => r.gap)),
        long_tasks_over_50_ms: stats(bundle.map((r) => r.longTasks)),
        longest_long_task_ms: stats(bundle.map((r) => r.longestTask)),
      },
    };
  } finally {
    await p.close();
  }
}

const server = await startServer(WWW_DIR);
const browser = await launchBrowser();
let results;
try {
  results = [await benchTarget(browser, "served (127.0.0.1)", `${server.origin}/`), await benchTarget(browser, "single file (file://)", SINGLE_URL)];
} finally {
  await browser.close();
  await server.close();
}

const m = machine();
console.log(`# The page in Chromium: drop to verdict`);
console.log(`\n${m.cpu}, ${m.nproc} CPUs, ${m.chromium}, Node ${m.node}; ${REPEAT} runs after a warm-up, ms from the drop event; www: ${WWW_DIR}, single file: ${SINGLE_URL}.`);
const ms = (v) => fmt(v, 1);
const rows = [];
for (const r of results) {
  const one = r.one_certificate;
  rows.push([r.target, "1 certificate (core engine): verdict on screen", ms(one.verdict_ms.median), ms(one.verdict_ms.p90), ms(one.gap_ms.max)]);
  rows.push([r.target, "1 certificate (core engine): verdict + 1st certificate", ms(one.verdict_and_first_certificate_ms.median), ms(one.verdict_and_first_certificate_ms.p90), "-"]);
  rows.push([r.target, "1 certificate (core engine): whole report on screen", ms(one.all_shown_ms.median), ms(one.all_shown_ms.p90), "-"]);
  rows.push([r.target, "1 certificate (full engine loaded): verdict on screen", ms(r.one_certificate_full_engine.verdict_ms.median), ms(r.one_certificate_full_engine.verdict_ms.p90), "-"]);
  rows.push([r.target, "1,000 certificates, first drop (loads the full engine): verdict", ms(r.bundle_1000.cold.verdict), "-", ms(r.bundle_1000.cold.gap)]);
  rows.push([r.target, "1,000 certificates, first drop: whole report on screen", ms(r.bundle_1000.cold.done), "-", "-"]);
  rows.push([r.target, "1,000 certificates: verdict on screen", ms(r.bundle_1000.verdict_ms.median), ms(r.bundle_1000.verdict_ms.p90), ms(r.bundle_1000.longest_main_thread_gap_ms.max)]);
  rows.push([r.target, "1,000 certificates: verdict + 1st certificate", ms(r.bundle_1000.verdict_and_first_certificate_ms.median), ms(r.bundle_1000.verdict_and_first_certificate_ms.p90), "-"]);
  rows.push([r.target, "1,000 certificates: whole report on screen", ms(r.bundle_1000.all_shown_ms.median), ms(r.bundle_1000.all_shown_ms.p90), "-"]);
}
console.log(`\n${markdownTable(["page", "case", "median ms", "p90 ms", "longest main-thread gap ms (max of runs)"], rows, ["left", "left", "right", "right", "right"])}`);
for (const r of results) {
  const g = r.bundle_1000.longest_main_thread_gap_ms;
  console.log(`${r.target} (engines in: ${r.thread}): longest main-thread gap during the 1,000-certificate runs: median ${ms(g.median)} ms, p90 ${ms(g.p90)} ms, max ${ms(g.max)} ms.`);
  const n = r.bundle_1000.long_tasks_over_50_ms.runs;
  const longest = r.bundle_1000.longest_long_task_ms.max;
  console.log(
    `${r.target}: main-thread tasks over 50 ms (Long Tasks API) during the 1,000-certificate runs: ${n.reduce((a, b) => a + b, 0)} in ${n.length} runs` +
      (longest > 0 ? `, the longest ${ms(longest)} ms.` : "."),
  );
}

const outIndex = process.argv.indexOf("--out");
const out = outIndex >= 0 && outIndex + 1 < process.argv.length ? process.argv[outIndex + 1] : "page.json";
writeResults(out, { benchmark: "page-bench", machine: m, settings: { repeat: REPEAT, msstd: MSSTD, date: DATE, www: WWW_DIR, single: SINGLE_URL }, results });
