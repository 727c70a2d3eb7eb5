#!/usr/bin/env node
// Builds of the engine side by side, in one Node process: which is faster, and
// how much a PEM costs over its DER. Run by hand (never a test):
//
//     node bench/engine-ab.mjs [--rounds 20] [--seconds 0.1] DIR [DIR ...]
//
// Each DIR holds one build's glue and wasm, as scripts/build-engine.sh writes
// them: msstd_check.js + msstd_check_bg.wasm (the core engine), or
// msstd_check_full.js + msstd_check_full_bg.wasm. Copy a build aside before
// changing the code (`bash scripts/build-engine.sh core /tmp/before`), then
// compare it with the new one.
//
// Inputs: tests/fixtures/certs/cn-and-san.cer, and the 163-SAN microsoft.com
// and 137-SAN google.com certificates of ../shared/corpus/real; each as DER
// and as PEM (the PEM of each is its DER re-encoded), the PEM both as bytes
// (a file) and as a string (pasted text). Per round, every input
// runs on every build for about --seconds of CPU, in turn, so a slower
// machine moment weighs on all alike. Reported: the median µs of CPU
// (process.cpuUsage) per analyze(), and PEM ÷ DER per build.

import { readFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CERTS, CORPUS, corpusCertificates, fmt, machine, markdownTable, median, numberArg, toPem } from "./common.mjs";

const ROUNDS = numberArg("rounds", 20);
const SECONDS = numberArg("seconds", 0.1);
const dirs = process.argv.slice(2).filter((a, i, all) => !a.startsWith("--") && !all[i - 1]?.startsWith("--"));
if (dirs.length === 0) {
  console.error("usage: node bench/engine-ab.mjs [--rounds N] [--seconds S] DIR [DIR ...]");
  process.exit(2);
}

/** One build's glue, initialised. */
async function load(dir, index) {
  const name = ["msstd_check", "msstd_check_full"].find((n) => existsSync(join(dir, `${n}.js`)));
  if (!name) throw new Error(`${dir}: no msstd_check.js or msstd_check_full.js`);
  const glue = await import(`${pathToFileURL(resolve(dir, `${name}.js`)).href}?build=${index}`);
  glue.initSync({ module: readFileSync(join(dir, `${name}_bg.wasm`)) });
  return { dir, glue };
}

/** The inputs: [{set, form, data}]: DER bytes, the PEM's bytes (a file), the PEM as a string (pasted text). */
function inputs() {
  const { certs } = corpusCertificates(CORPUS);
  const pick = (prefix) => {
    const found = certs.find((c) => c.name.startsWith(prefix));
    if (!found) throw new Error(`${prefix}* is not in ${CORPUS}`);
    return found.der;
  };
  const sets = {
    "cn-and-san": readFileSync(join(CERTS, "cn-and-san.cer")),
    "microsoft.com (163 SANs)": pick("real-microsoft.com-163-sans"),
    "google.com (137 SANs)": pick("real-google.com-137-sans"),
  };
  return Object.entries(sets).flatMap(([set, der]) => [
    { set, form: "DER", data: new Uint8Array(der) },
    { set, form: "PEM", data: new Uint8Array(Buffer.from(toPem(der))) },
    { set, form: "PEM text", data: toPem(der) },
  ]);
}

const OPTIONS = { msstd: "msstd:mail.contoso.com", at: "2026-06-01T00:00:00Z" };

/** µs of CPU per analyze() over about `seconds`. */
function measure(glue, data, seconds) {
  const input = [{ name: "certificate", data }];
  let calls = 0;
  const start = process.cpuUsage();
  let used = 0;
  while (used < seconds * 1e6) {
    for (let i = 0; i < 10; i++) glue.analyze(input, OPTIONS);
    calls += 10;
    const u = process.cpuUsage(start);
    used = u.user + u.system;
  }
  return used / calls;
}

const builds = [];
for (const [i, dir] of dirs.entries()) builds.push(await load(dir, i));
const cases = inputs();
const samples = new Map(cases.map((c) => [c, builds.map(() => [])]));
for (const c of cases) for (const b of builds) measure(b.glue, c.data, SECONDS); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const c of cases) builds.forEach((b, i) => samples.get(c)[i].push(measure(b.glue, c.data, SECONDS)));
}

const us = (c, i) => median(samples.get(c)[i]);
const m = machine();
console.log(`${m.cpu}, ${m.nproc} cores, Node ${m.node}, ${m.date}\n${ROUNDS} rounds, ${SECONDS} s of CPU per input and build per round; median µs per analyze()\n`);
console.log(markdownTable(["input", "form", ...dirs], cases.map((c) => [c.set, c.form, ...builds.map((_, i) => fmt(us(c, i), 1))])));
const sets = [...new Set(cases.map((c) => c.set))];
const ratio = (set, form, i) => us(cases.find((c) => c.set === set && c.form === form), i) / us(cases.find((c) => c.set === set && c.form === "DER"), i);
for (const form of ["PEM", "PEM text"]) {
  console.log(`\n${form} ÷ DER\n`);
  console.log(markdownTable(["input", ...dirs], sets.map((s) => [s, ...builds.map((_, i) => fmt(ratio(s, form, i), 2))])));
}
