#!/usr/bin/env node
// Benchmark, in one Node process: the same job done by three libraries, on
// the same certificates, in PEM and in DER. Run by hand (never a test):
//
//     node bench/node-bench.mjs [--seconds 0.25] [--runs 20] [--warmup 1] [--pkg www/pkg]
//
// The job, per certificate: parse it, list the subject CN(s) and the DNS
// subject alternative names, and say whether mail.contoso.com matches
// (exactly, or by a wildcard of one label).
//   1. msstd-check: the core engine's wasm (www/pkg/msstd_check.js and
//      _bg.wasm, from `bash scripts/build-web.sh`), initialised with
//      initSync({module}); analyze(input, {msstd, at}) and the report read
//      (the CN attributes, the DNS SANs, verdict.modern_windows === "pass").
//      It does the whole analysis every time: fingerprints, every rule, the
//      fix, the chain explained; far more than the job asks.
//   2. @peculiar/x509 (with the reflect-metadata polyfill it requires):
//      new X509Certificate(input), subjectName.getField("CN"), the SAN
//      extension's dns names, and the match computed here in JS.
//   3. Node's built-in crypto.X509Certificate (OpenSSL): subject,
//      subjectAltName, checkHost(name, {partialWildcards: false}) (which, as
//      RFC 6125 says, looks at the CN only when there is no DNS SAN).
//   4. when scripts/build-npm.sh has built it (target/npm-engine): msstd-check
//      again, with the npm package's engine (the full engine's features at
//      opt-level 3: built for speed where the page's engines are built for bytes).
//
// Inputs: tests/fixtures/certs/cn-and-san.{pem,cer}, and every certificate of
// ../shared/corpus/real (*.pem, *.crt, *.cer, *.der; each PEM block) that all
// three parse, in both forms (the PEM of each is its DER re-encoded); the rest
// are skipped and counted. The sets measured: the small leaves (the fixture
// and every corpus certificate but the two large ones), google.com (137 SANs)
// and microsoft.com (163 SANs), found through the corpus manifest. Each
// measurement loops over its set for a fixed time; the runs are interleaved
// (run 1 of every set, library and form, then run 2, ...), so a slower
// machine moment weighs on all alike; the median certificates per second of
// the runs is reported, with ratios. Times are the process's CPU time
// (process.cpuUsage), not the wall clock: the time spent waiting for a core
// on a busy machine is not counted. Each measurement first runs its job
// untimed for a quarter of its time, so that it does not pay for the garbage
// the one before it left: without that, msstd-check's PEM case, which follows
// node:crypto's DER case in every run, measured up to 1.4x its DER case,
// against 1.13x on its own (BENCHMARKS.md, "Sixth pass"). Writes
// bench/results/node.json.

import "reflect-metadata";
import { X509Certificate as NodeX509 } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { SubjectAlternativeNameExtension, X509Certificate as PeculiarX509 } from "@peculiar/x509";
import { CERTS, CORPUS, ROOT, corpusCertificates, fmt, machine, markdownTable, median, numberArg, times, toPem, writeResults } from "./common.mjs";

const SECONDS = numberArg("seconds", 0.25);
const RUNS = numberArg("runs", 20);
const WARMUP = numberArg("warmup", 1);
const NAME = "mail.contoso.com";
const MSSTD = `msstd:${NAME}`;
const AT = "2026-06-01T00:00:00Z";

// www/pkg has no package.json saying "type": "module": Node would print a
// warning when it reads the glue as a module. It is one; say nothing.
process.removeAllListeners("warning");
const PKG = (() => {
  const i = process.argv.indexOf("--pkg");
  return i >= 0 && i + 1 < process.argv.length ? resolve(process.argv[i + 1]) : join(ROOT, "www", "pkg");
})();
const glue = await import(join(PKG, "msstd_check.js"));
glue.initSync({ module: readFileSync(join(PKG, "msstd_check_bg.wasm")) });
// The npm package's engine (scripts/build-npm.sh: the full engine's features at
// opt-level 3, built for speed), when it has been built: a fourth job.
const NPM_ENGINE = join(ROOT, "target", "npm-engine");
const npmGlue = existsSync(join(NPM_ENGINE, "msstd_check_full_bg.wasm")) ? await import(join(NPM_ENGINE, "msstd_check_full.js")) : null;
npmGlue?.initSync({ module: readFileSync(join(NPM_ENGINE, "msstd_check_full_bg.wasm")) });

/** Exact, or a wildcard of exactly one (whole, leftmost) label; ASCII case-insensitive. */
function nameMatches(pattern, name) {
  const p = pattern.toLowerCase().replace(/\.$/, "");
  const n = name.toLowerCase();
  if (p === n) return true;
  if (!p.startsWith("*.")) return false;
  const dot = n.indexOf(".");
  return dot > 0 && n.slice(dot + 1) === p.slice(2) && p.slice(2).includes(".");
}

// ------------------------------------------------------------- the three jobs

/** msstd-check's whole analysis with `engine`, and the job's answers read from the report. */
function ours(engine, input) {
  const report = engine.analyze(input, { msstd: MSSTD, at: AT });
  const c = report.certificates[report.leaf ?? 0];
  if (!c) throw new Error(report.findings.find((f) => f.severity === "error")?.message || "no certificate read");
  const cn = c.subject.attributes.filter((a) => a.type === "CN").map((a) => a.value);
  const dns = c.subject_alt_names ? c.subject_alt_names.names.dns : [];
  return { cn, dns, match: report.verdict.modern_windows === "pass" };
}

const NPM_JOB = "msstd-check (wasm, npm package engine, opt-level 3)";
const JOBS = {
  "msstd-check (wasm, core)": (input) => ours(glue, input),
  "@peculiar/x509": (input) => {
    const cert = new PeculiarX509(input);
    const cn = cert.subjectName.getField("CN");
    const san = cert.getExtension(SubjectAlternativeNameExtension);
    const dns = san ? san.names.items.filter((n) => n.type === "dns").map((n) => n.value) : [];
    return { cn, dns, match: [...cn, ...dns].some((p) => nameMatches(p, NAME)) };
  },
  "node:crypto X509Certificate": (input) => {
    const cert = new NodeX509(input);
    const cn = cert.subject
      .split("\n")
      .filter((l) => l.startsWith("CN="))
      .map((l) => l.slice(3));
    const dns = (cert.subjectAltName || "")
      .split(", ")
      .filter((s) => s.startsWith("DNS:"))
      .map((s) => s.slice(4));
    return { cn, dns, match: cert.checkHost(NAME, { partialWildcards: false }) !== undefined };
  },
};
if (npmGlue) JOBS[NPM_JOB] = (input) => ours(npmGlue, input);
const LIBS = Object.keys(JOBS);
const FORMS = ["PEM", "DER"];
const inputOf = (cert, form) => (form === "PEM" ? cert.pem : cert.der);

// ----------------------------------------------------------------- the inputs

function entry(name, der) {
  const bytes = new Uint8Array(der); // a copy, not a view of a pooled Buffer
  return { name, der: bytes, pem: toPem(bytes) };
}

const fixture = entry("cn-and-san", readFileSync(join(CERTS, "cn-and-san.cer")));
if (readFileSync(join(CERTS, "cn-and-san.pem"), "utf8").replace(/\r\n/g, "\n") !== fixture.pem) {
  console.warn("note: cn-and-san.pem is not byte for byte the PEM of cn-and-san.cer; the PEM used is the .cer re-encoded");
}

const corpus = corpusCertificates();
const kept = [];
const skipped = [];
for (const { name, der } of corpus.certs) {
  const cert = entry(name, der);
  const refused = [];
  for (const lib of LIBS) {
    for (const form of FORMS) {
      try {
        JOBS[lib](inputOf(cert, form));
      } catch (err) {
        refused.push(`${lib} (${form}): ${String(err.message || err).slice(0, 100)}`);
      }
    }
  }
  if (refused.length) skipped.push({ name, refused });
  else kept.push(cert);
}

// Do the three agree on the job's answers? (Reported, not required: their
// rules differ, e.g. checkHost ignores the CN when there are DNS SANs.)
const disagreements = [];
for (const cert of [fixture, ...kept]) {
  const answers = LIBS.map((lib) => JOBS[lib](cert.der));
  const key = (a) => JSON.stringify({ dns: a.dns, match: a.match });
  if (new Set(answers.map(key)).size > 1) {
    disagreements.push({ name: cert.name, ...Object.fromEntries(LIBS.map((lib, i) => [lib, { cn: answers[i].cn, dns: answers[i].dns.length, match: answers[i].match }])) });
  }
}

// ---------------------------------------------------------------- measuring

let sink = 0;
/** CPU time of this process so far, in ms (user + system): unlike the wall
 * clock, it does not count the time the process waits for a core, so numbers
 * taken on a busy machine still compare. */
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
/** Certificates per CPU second: `job` over `set` (in `form`), round and round, for `ms` of CPU time. */
function measure(job, set, form, ms) {
  const inputs = set.map((c) => inputOf(c, form));
  // Untimed first, for a quarter of the time: the garbage the measurement
  // before this one left is collected then, not counted against this one.
  const settled = cpuMs() + ms / 4;
  while (cpuMs() < settled) {
    for (const input of inputs) sink += job(input).dns.length;
  }
  let done = 0;
  const start = cpuMs();
  const end = start + ms;
  let now = start;
  while (now < end) {
    for (const input of inputs) {
      const r = job(input);
      sink += r.dns.length + (r.match ? 1 : 0);
    }
    done += inputs.length;
    now = cpuMs();
  }
  return done / ((now - start) / 1000);
}

// The large certificates, by their SAN counts in the corpus manifest.
function largeCertificateNames() {
  try {
    const manifest = JSON.parse(readFileSync(join(CORPUS, "manifest.json"), "utf8"));
    const large = {};
    for (const f of manifest.files) {
      const dns = f.openssl?.certificates?.[0]?.san_dns?.length ?? 0;
      if (dns >= 100) large[dns] = f.file;
    }
    return large;
  } catch {
    return {};
  }
}
const LARGE = largeCertificateNames();
const isFile = (cert, file) => cert.name === file || cert.name.startsWith(`${file}#`);
const largeSet = (sans) => kept.filter((c) => LARGE[sans] && isFile(c, LARGE[sans])).slice(0, 1);
const SETS = [
  { id: "small", label: `small leaves (the fixture and ${kept.filter((c) => !Object.values(LARGE).some((f) => isFile(c, f))).length} corpus certificates)`, certs: [fixture, ...kept.filter((c) => !Object.values(LARGE).some((f) => isFile(c, f)))] },
  { id: "google-137", label: `google.com, 137 SANs (${LARGE[137] ?? "missing"})`, certs: largeSet(137) },
  { id: "microsoft-163", label: `microsoft.com, 163 SANs (${LARGE[163] ?? "missing"})`, certs: largeSet(163) },
].filter((set) => set.certs.length > 0);

const m = machine();
console.log(`# msstd-check vs @peculiar/x509 vs node:crypto, in Node`);
console.log(`\n${m.cpu}, ${m.nproc} CPUs, Node ${m.node}; ${RUNS} interleaved runs of ${SECONDS} s each after ${WARMUP} s of warm-up, median.`);
console.log(
  `Corpus: ${corpus.files} files, ${corpus.certs.length} certificates found, ${kept.length} parsed by all three (PEM and DER), ` +
    `${skipped.length} skipped, ${corpus.unreadable.length} unreadable blocks/files.`,
);

const CASES = SETS.flatMap((set) => LIBS.flatMap((lib) => FORMS.map((form) => ({ set, lib, form, runs: [] }))));
for (const c of CASES) measure(JOBS[c.lib], c.set.certs, c.form, WARMUP * 1000);
for (let r = 0; r < RUNS; r++) {
  for (const c of CASES) c.runs.push(measure(JOBS[c.lib], c.set.certs, c.form, SECONDS * 1000));
  process.stderr.write(`  run ${r + 1} of ${RUNS} done\n`);
}
const results = CASES.map((c) => ({ set: c.set.id, library: c.lib, form: c.form, runs: c.runs, median: median(c.runs) }));
for (const row of results) process.stderr.write(`  ${row.set} ${row.library} ${row.form}: ${fmt(row.median)} certificates/s\n`);

// msstd-check reading many certificates at once: one analyze() of a PEM
// bundle of 1,000 certificates (as from e2e's makeBundle: cn-and-san.cer with
// the last two signature bytes numbered) vs one analyze() of the same 1,000 as
// DER inputs ([{name, data}]). Shows what PEM costs per certificate without
// the fixed cost of a call (the engine reads at most 1,000 per analysis).
const BUNDLE_SIZE = 1000;
const bundleDers = [];
for (let i = 0; i < BUNDLE_SIZE; i++) {
  const copy = new Uint8Array(fixture.der);
  copy[copy.length - 2] = (i >> 8) & 0xff;
  copy[copy.length - 1] = i & 0xff;
  bundleDers.push(copy);
}
const BUNDLE_FORMS = {
  PEM: bundleDers.map(toPem).join(""),
  DER: bundleDers.map((data, i) => ({ name: `cert-${i}.cer`, data })),
};
const bundle = [];
for (const [form, input] of Object.entries(BUNDLE_FORMS)) {
  const once = () => {
    const r = glue.analyze(input, { msstd: MSSTD, at: AT });
    if (r.certificates.length !== BUNDLE_SIZE) throw new Error(`the ${form} bundle gave ${r.certificates.length} certificates`);
    sink += r.certificates.length;
  };
  once();
  const runs = [];
  for (let r = 0; r < RUNS; r++) {
    let n = 0;
    const start = cpuMs();
    do {
      once();
      n += 1;
    } while (cpuMs() - start < SECONDS * 1000);
    runs.push((n * BUNDLE_SIZE) / ((cpuMs() - start) / 1000));
  }
  bundle.push({ form, certificates: BUNDLE_SIZE, runs, median: median(runs) });
  process.stderr.write(`  bundle of ${BUNDLE_SIZE} msstd-check ${form}: ${fmt(median(runs))} certificates/s\n`);
}

const get = (set, lib, form) => results.find((r) => r.set === set && r.library === lib && r.form === form)?.median ?? null;
const OURS = LIBS[0];
const tables = [];
for (const set of SETS) {
  if (set.certs.length === 0) continue;
  const rows = [];
  for (const lib of LIBS) {
    for (const form of FORMS) {
      const v = get(set.id, lib, form);
      const ours = get(set.id, OURS, form);
      rows.push([lib, form, fmt(v), fmt(1e6 / v, 1), lib === OURS ? "1× (itself)" : times(v / ours)]);
    }
  }
  const table = markdownTable(["library", "form", "certificates/s (median)", "µs per certificate", "speed vs msstd-check, same form"], rows);
  tables.push(`\n## ${set.label}\n\n${table}`);
}
// The summary: how many times faster msstd-check is (time of the other ÷ ours),
// per set and form, and over one pass of every set (each certificate once).
const [, PECULIAR, NODE] = LIBS;
const passTime = (lib, form) => SETS.reduce((t, s) => t + s.certs.length / get(s.id, lib, form), 0);
const summaryRows = [];
for (const form of FORMS) {
  for (const set of SETS) {
    const ours = get(set.id, OURS, form);
    const npm = npmGlue ? [fmt(1e6 / get(set.id, NPM_JOB, form), 1), times(get(set.id, NPM_JOB, form) / get(set.id, NODE, form)), times(get(set.id, NPM_JOB, form) / get(set.id, PECULIAR, form))] : [];
    summaryRows.push([set.id, form, fmt(1e6 / ours, 1), fmt(1e6 / get(set.id, NODE, form), 1), times(ours / get(set.id, NODE, form)), times(ours / get(set.id, PECULIAR, form)), ...npm]);
  }
  const n = SETS.reduce((k, s) => k + s.certs.length, 0);
  const t = passTime(OURS, form);
  const tn = npmGlue ? passTime(NPM_JOB, form) : 0;
  const npm = npmGlue ? [fmt((1e6 * tn) / n, 1), times(passTime(NODE, form) / tn), times(passTime(PECULIAR, form) / tn)] : [];
  summaryRows.push([`all ${n} once`, form, fmt((1e6 * t) / n, 1), fmt((1e6 * passTime(NODE, form)) / n, 1), times(passTime(NODE, form) / t), times(passTime(PECULIAR, form) / t), ...npm]);
}
tables.unshift(
  `\n## Summary: msstd-check's whole analysis vs the others' parse and match\n\n${markdownTable(
    ["set", "form", "msstd-check µs/cert", "node:crypto µs/cert", "msstd-check faster than node:crypto", "faster than @peculiar/x509", ...(npmGlue ? ["npm engine µs/cert", "npm engine faster than node:crypto", "npm engine faster than @peculiar/x509"] : [])],
    summaryRows,
  )}`,
);
const pemCost = {};
for (const set of SETS) {
  if (set.certs.length === 0) continue;
  pemCost[set.id] = Object.fromEntries(LIBS.map((lib) => [lib, get(set.id, lib, "DER") / get(set.id, lib, "PEM")]));
}
const pemRows = LIBS.map((lib) => [lib, ...SETS.filter((s) => s.certs.length).map((s) => times(pemCost[s.id][lib]))]);
tables.push(
  `\n## Reading PEM instead of DER (time per certificate, PEM / DER)\n\n${markdownTable(["library", ...SETS.filter((s) => s.certs.length).map((s) => s.label)], pemRows)}`,
);
const bPem = bundle.find((b) => b.form === "PEM").median;
const bDer = bundle.find((b) => b.form === "DER").median;
tables.push(
  `\n## msstd-check, ${BUNDLE_SIZE} certificates in one analyze()\n\n${markdownTable(
    ["input", "certificates/s (median)", "µs per certificate"],
    [
      [`one PEM bundle (${fmt(BUNDLE_FORMS.PEM.length)} characters)`, fmt(bPem), fmt(1e6 / bPem, 1)],
      [`${BUNDLE_SIZE} DER inputs`, fmt(bDer), fmt(1e6 / bDer, 1)],
    ],
  )}\n\nPEM / DER time per certificate: ${times(bDer / bPem)}.`,
);
console.log(tables.join("\n"));
if (skipped.length) {
  console.log(`\nSkipped (not parsed by all three):`);
  for (const s of skipped) console.log(`- ${s.name}: ${s.refused.join("; ")}`);
}
if (disagreements.length) {
  console.log(`\nWhere the three answers differ (the DNS SAN texts, or the match; details in node.json):`);
  for (const d of disagreements) console.log(`- ${d.name}: ${LIBS.map((lib) => `${lib} ${d[lib].dns} DNS SANs, match ${d[lib].match}`).join("; ")}`);
}

writeResults("node.json", {
  benchmark: "node-bench",
  machine: m,
  settings: { seconds_per_run: SECONDS, runs: RUNS, warmup_seconds: WARMUP, name: NAME, msstd: MSSTD, at: AT },
  libraries: {
    "msstd-check (wasm, core)": "www/pkg/msstd_check_bg.wasm (release web build), analyze()",
    ...(npmGlue ? { [NPM_JOB]: "target/npm-engine/msstd_check_full_bg.wasm (scripts/build-npm.sh: full features, opt-level 3), analyze()" } : {}),
    "@peculiar/x509": `${JSON.parse(readFileSync(join(ROOT, "node_modules", "@peculiar", "x509", "package.json"), "utf8")).version} (npm), with reflect-metadata`,
    "node:crypto X509Certificate": `built into Node ${process.version} (OpenSSL ${process.versions.openssl})`,
  },
  inputs: {
    fixture: "tests/fixtures/certs/cn-and-san.cer (and its PEM)",
    corpus: { dir: "../shared/corpus/real", files: corpus.files, certificates_found: corpus.certs.length, kept: kept.map((c) => c.name), skipped, unreadable: corpus.unreadable },
  },
  results,
  pem_vs_der_cost: pemCost,
  msstd_check_bundle: bundle,
  disagreements,
  sink,
});
