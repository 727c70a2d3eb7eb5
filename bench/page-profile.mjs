#!/usr/bin/env node
// Where the page's milliseconds go (run by hand, never a test): the same drops
// as bench/page-bench.mjs (one certificate, the 1,000-certificate bundle), on
// the served page, traced with the Chrome DevTools Protocol. For each case,
// from the drop to the whole report on screen, it sums the main thread's
// top-level trace events by kind (script, style, layout, paint, GC, ...) and
// the worker thread's, lists the longest main-thread tasks, and, from a CPU
// profile of a second drop, the JS functions with the most self time.
//
//     node bench/page-profile.mjs [--runs 3] [--single] [--www DIR]
//
// --single profiles the single file (file://) instead of the served page;
// --www serves another build of www/ (an older one copied aside).
// Prints Markdown; writes nothing.

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { CERTS, WWW, launchBrowser, makeBundle, openPage, singleFileUrl, startServer } from "../e2e/helpers.mjs";
import { fmt, installDropHelpers, markdownTable, median, numberArg } from "./common.mjs";

const RUNS = numberArg("runs", 3);
const SINGLE = process.argv.includes("--single");
const wwwIndex = process.argv.indexOf("--www");
const WWW_DIR = wwwIndex >= 0 ? resolve(process.argv[wwwIndex + 1]) : WWW;

/** The drop-and-wait of page-bench, with marks: verdict on screen, whole report on screen. */
async function prepare(page, der, pem) {
  await installDropHelpers(page, der, pem, "msstd:mail.contoso.com", "2026-06-01");
  await page.evaluate(() => {
    const { dropEvent, frame, until, isVerdict, isDone, clear } = window.__benchPage;
    window.__drop = async (which, certificates) => {
      const drop = dropEvent(which);
      const t0 = performance.now();
      performance.mark("drop");
      document.getElementById("drop").dispatchEvent(drop);
      let tSet = 0;
      const moment = (test, name) =>
        until(test).then(() => {
          if (name === "verdict") tSet = performance.now() - t0;
          return frame().then((t) => {
            performance.mark(name);
            return t - t0;
          });
        });
      const [tVerdict, tDone] = await Promise.all([moment(isVerdict, "verdict"), moment(() => isDone(certificates), "done")]);
      await clear();
      return { set: tSet, verdict: tVerdict, done: tDone };
    };
  });
}

/** The DevTools timeline's kinds of main-thread work: trace event name -> kind (others are not counted). */
const KINDS = {
  FunctionCall: "script",
  EvaluateScript: "script",
  TimerFire: "script",
  FireAnimationFrame: "script",
  EventDispatch: "script",
  RunMicrotasks: "script",
  HandlePostMessage: "script (message from the worker)",
  "v8.compile": "script compile",
  "V8.CompileCode": "script compile",
  ParseHTML: "parse HTML",
  ParseAuthorStyleSheet: "parse CSS",
  UpdateLayoutTree: "style",
  Layout: "layout",
  PrePaint: "pre-paint",
  Paint: "paint",
  Layerize: "composite",
  UpdateLayer: "composite",
  Commit: "composite",
  HitTest: "hit test",
  MinorGC: "GC",
  MajorGC: "GC",
  "V8.GC_SCAVENGER": "GC",
  "V8.GC_MARK_COMPACTOR": "GC",
  "V8.GC_MC_INCREMENTAL": "GC",
  "BlinkGC.AtomicPhase": "GC",
  "SerializedScriptValueFactory::deserialize": "message deserialize",
  "SerializedScriptValueFactory::create": "message serialize",
  "ThreadControllerImpl::RunTask": "other (task)",
  RunTask: "other (task)",
};

/** The kind of a trace event, or null (not counted). */
const kind = (name) => KINDS[name] || null;

/** Sums the trace's events between the marks: per thread, per kind of nested event. */
function breakdown(events) {
  const threadNames = new Map();
  for (const e of events) if (e.ph === "M" && e.name === "thread_name") threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
  const marks = {};
  for (const e of events) if (e.cat && e.cat.includes("blink.user_timing") && ["drop", "verdict", "done"].includes(e.name)) marks[e.name] = e.ts;
  const complete = events.filter((e) => e.ph === "X" && e.dur !== undefined && e.ts >= marks.drop && e.ts <= marks.done);
  const byThread = new Map();
  for (const e of complete) {
    const t = threadNames.get(`${e.pid}:${e.tid}`) || "?";
    if (!byThread.has(t)) byThread.set(t, []);
    byThread.get(t).push(e);
  }
  const main = byThread.get("CrRendererMain") || [];
  const worker = [...byThread.entries()].filter(([t]) => /DedicatedWorker/.test(t)).flatMap(([, es]) => es);
  const tasks = main.filter((e) => e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask").sort((a, b) => b.dur - a.dur);
  // Self time per kind: each event's duration minus its children's (nested on the same thread).
  const selfTimes = (es) => {
    const sorted = [...es].sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const stack = [];
    const self = new Map();
    const add = (e, ms) => {
      const k = kind(e.name);
      self.set(k, (self.get(k) || 0) + ms);
    };
    const counted = sorted.filter((e) => kind(e.name));
    const children = new Map();
    for (const e of counted) {
      while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) children.set(parent, (children.get(parent) || 0) + e.dur);
      stack.push(e);
    }
    for (const e of counted) add(e, Math.max(0, e.dur - (children.get(e) || 0)) / 1000);
    return self;
  };
  const verdictAt = (marks.verdict - marks.drop) / 1000;
  return {
    verdictAt,
    doneAt: (marks.done - marks.drop) / 1000,
    main: selfTimes(main),
    mainBeforeVerdict: selfTimes(main.filter((e) => e.ts <= marks.verdict)),
    worker: selfTimes(worker),
    longest: tasks
      .filter((e, i, all) => i === 0 || all[i - 1].ts !== e.ts) // a RunTask nested in a RunTask: once
      .slice(0, 5)
      .map((e) => {
        const inside = selfTimes(main.filter((x) => x.ts >= e.ts && x.ts + x.dur <= e.ts + e.dur));
        const what = [...inside.entries()].filter(([k, v]) => v >= 1 && !/task/.test(k)).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(0)}`);
        return { at: (e.ts - marks.drop) / 1000, ms: e.dur / 1000, what: what.join(", ") };
      }),
    taskCount: tasks.length,
    tasksOver50: tasks.filter((e) => e.dur > 50_000).length,
  };
}

async function trace(page, cdp, which, n) {
  const events = [];
  cdp.on("Tracing.dataCollected", (d) => events.push(...d.value));
  const done = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", {
    transferMode: "ReportEvents",
    traceConfig: {
      includedCategories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing", "v8", "v8.execute", "toplevel", "blink", "loading", "disabled-by-default-v8.gc"],
    },
  });
  const times = await page.evaluate(({ which, n }) => window.__drop(which, n), { which, n });
  await cdp.send("Tracing.end");
  await done;
  cdp.removeAllListeners("Tracing.dataCollected");
  return { times, ...breakdown(events) };
}

/** JS self time per function (url:line name) from a CPU profile of one drop. */
async function cpuProfile(page, cdp, which, n) {
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  await page.evaluate(({ which, n }) => window.__drop(which, n), { which, n });
  const { profile } = await cdp.send("Profiler.stop");
  const dt = new Map();
  const ids = profile.samples;
  for (let i = 0; i < ids.length; i++) dt.set(ids[i], (dt.get(ids[i]) || 0) + (profile.timeDeltas[i + 1] || 0) / 1000);
  const self = new Map();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const file = f.url.split("/").pop() || "(native)";
    const key = `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) || 0) + (dt.get(node.id) || 0));
  }
  return [...self.entries()].filter(([k]) => !/^\(idle\)|^\(program\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 15);
}

function printCase(label, runs, profile) {
  console.log(`\n## ${label}\n`);
  const kinds = new Set(runs.flatMap((r) => [...r.main.keys(), ...r.worker.keys()]));
  const med = (f) => fmt(median(runs.map(f)), 1);
  console.log(`verdict set ${med((r) => r.times.set)} ms, verdict on screen ${med((r) => r.times.verdict)} ms, whole report on screen ${med((r) => r.times.done)} ms (median of ${runs.length}, traced: slower than untraced).`);
  console.log(`main-thread tasks: ${med((r) => r.taskCount)}; over 50 ms: ${med((r) => r.tasksOver50)}; the longest of each run (ms, at ms from the drop: self time inside):\n`);
  for (const r of runs) console.log(`- ${r.longest.map((t) => `${fmt(t.ms, 1)} at ${fmt(t.at, 0)} (${t.what})`).join("; ")}`);
  const rows = [...kinds]
    .map((k) => [k, med((r) => r.mainBeforeVerdict.get(k) || 0), med((r) => r.main.get(k) || 0), med((r) => r.worker.get(k) || 0)])
    .filter((row) => row.slice(1).some((v) => v !== "0.0"))
    .sort((a, b) => Number(b[2].replace(/,/g, "")) - Number(a[2].replace(/,/g, "")));
  console.log(`\n${markdownTable(["self time, ms (median)", "main, to verdict", "main, to whole report", "worker"], rows, ["left", "right", "right", "right"])}`);
  console.log(`\nJS self time (CPU profile of one more drop, main thread and worker):\n`);
  console.log(markdownTable(["function", "ms"], profile.map(([k, v]) => [k, fmt(v, 1)]), ["left", "right"]));
}

const server = SINGLE ? null : await startServer(WWW_DIR);
const browser = await launchBrowser();
try {
  const p = await openPage(browser, SINGLE ? singleFileUrl() : `${server.origin}/`, { viewport: { width: 1100, height: 900 } });
  const { page } = p;
  page.setDefaultTimeout(120_000);
  await prepare(page, readFileSync(join(CERTS, "cn-and-san.cer")), makeBundle(1000).pem);
  const cdp = await p.context.newCDPSession(page);
  const drop = (which, n) => page.evaluate(({ which, n }) => window.__drop(which, n), { which, n });
  await drop("one", 1);
  await drop("one", 1);
  const one = [];
  for (let i = 0; i < RUNS; i++) one.push(await trace(page, cdp, "one", 1));
  const oneProfile = await cpuProfile(page, cdp, "one", 1);
  await drop("bundle", 1000); // loads the full engine
  await drop("bundle", 1000);
  const bundle = [];
  for (let i = 0; i < RUNS; i++) bundle.push(await trace(page, cdp, "bundle", 1000));
  const bundleProfile = await cpuProfile(page, cdp, "bundle", 1000);
  console.log(`# Where the page's time goes (${SINGLE ? "single file" : "served page"})`);
  printCase("1 certificate (core engine)", one, oneProfile);
  printCase("1,000 certificates (full engine loaded)", bundle, bundleProfile);
  await p.close();
} finally {
  await browser.close();
  if (server) await server.close();
}
