#!/usr/bin/env node
// Benchmark of whole processes: a batch of certificate files, each read by
//   1. `openssl x509 -noout -subject -ext subjectAltName -in FILE`, one process per file;
//   2. `msstd-check --json --msstd msstd:mail.contoso.com FILE`, one process per file;
//   3. one `msstd-check --json --msstd msstd:mail.contoso.com FILE...` for the whole batch.
// Run by hand (never a test):
//
//     node bench/process-bench.mjs [--rounds 10]
//
// The batch: every tests/fixtures/certs/*.pem that is a single certificate
// (one PEM block, a CERTIFICATE one) that openssl reads. The release binary
// target/release/msstd-check is built first when it is missing (cargo build
// --release). Each round runs the whole batch once per way, after one warm-up
// round; the median files per second over the rounds is reported, with the
// ratios. Times include starting each process (spawnSync from Node, the same
// for every way). Writes bench/results/process.json.

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { CERTS, ROOT, fmt, machine, markdownTable, median, numberArg, times, writeResults } from "./common.mjs";

const ROUNDS = numberArg("rounds", 10);
const MSSTD = "msstd:mail.contoso.com";
const AT = "2026-06-01T00:00:00Z";
const BIN = join(ROOT, "target", "release", "msstd-check");

if (!existsSync(BIN)) {
  console.log("target/release/msstd-check is missing: cargo build --release");
  execFileSync("cargo", ["build", "--release", "--locked"], { cwd: ROOT, stdio: "inherit" });
}
const version = spawnSync(BIN, ["--version"], { encoding: "utf8" }).stdout.trim();

// ---------------------------------------------------------------- the batch
const files = [];
const excluded = [];
for (const name of readdirSync(CERTS).sort()) {
  if (!name.endsWith(".pem")) continue;
  const path = join(CERTS, name);
  const text = readFileSync(path, "latin1");
  const blocks = text.match(/-----BEGIN [^-]*-----/g) || [];
  if (blocks.length !== 1 || blocks[0] !== "-----BEGIN CERTIFICATE-----") {
    excluded.push({ file: name, reason: `${blocks.length} PEM blocks (${[...new Set(blocks)].join(", ") || "none"})` });
    continue;
  }
  const ok = spawnSync("openssl", ["x509", "-noout", "-in", path], { stdio: "ignore" }).status === 0;
  if (!ok) {
    excluded.push({ file: name, reason: "openssl x509 cannot read it" });
    continue;
  }
  files.push(path);
}
const bytes = files.reduce((n, f) => n + statSync(f).size, 0);

// ------------------------------------------------------------------ the ways
function check(result, what) {
  if (result.error) throw result.error;
  // msstd-check: 0 pass, 1 warn, 2 fail, 3 unknown are answers; 64+ are errors.
  if (result.status === null || result.status > 3) {
    throw new Error(`${what} exited with ${result.status}: ${String(result.stderr).slice(0, 300)}`);
  }
  return result.stdout.length;
}

const WAYS = [
  {
    id: "openssl-per-file",
    label: "openssl x509, one process per file",
    run: () => {
      let out = 0;
      for (const f of files) out += check(spawnSync("openssl", ["x509", "-noout", "-subject", "-ext", "subjectAltName", "-in", f]), `openssl ${f}`);
      return out;
    },
  },
  {
    id: "msstd-check-per-file",
    label: "msstd-check --json, one process per file",
    run: () => {
      let out = 0;
      for (const f of files) out += check(spawnSync(BIN, ["--json", "--msstd", MSSTD, "--at", AT, f], { maxBuffer: 64 << 20 }), `msstd-check ${f}`);
      return out;
    },
  },
  {
    id: "msstd-check-batch",
    label: "msstd-check --json, one process for all files",
    run: () => check(spawnSync(BIN, ["--json", "--msstd", MSSTD, "--at", AT, ...files], { maxBuffer: 256 << 20 }), "msstd-check batch"),
  },
];

const m = machine();
console.log(`# Whole processes: openssl vs msstd-check`);
console.log(`\n${m.cpu}, ${m.nproc} CPUs, ${m.openssl}, ${version}; ${files.length} files (${fmt(bytes)} bytes), ${ROUNDS} rounds after a warm-up, median.`);

const results = [];
for (const way of WAYS) {
  const output = way.run(); // warm-up (and the page cache)
  const runs = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.hrtime.bigint();
    way.run();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    runs.push(files.length / seconds);
  }
  results.push({ way: way.id, label: way.label, files: files.length, runs, median: median(runs), output_bytes: output });
  process.stderr.write(`  ${way.label}: ${fmt(median(runs))} files/s\n`);
}

const of = (id) => results.find((r) => r.way === id).median;
const rows = results.map((r) => [r.label, fmt(r.median, 1), fmt(1000 / r.median, 2), times(r.median / of("openssl-per-file")), times(r.median / of("msstd-check-per-file"))]);
console.log(`\n${markdownTable(["way", "files/s (median)", "ms per file", "vs openssl per file", "vs msstd-check per file"], rows)}`);
console.log(`\nOutput per round: openssl ${fmt(results[0].output_bytes)} bytes, msstd-check --json ${fmt(results[1].output_bytes)} bytes per file, ${fmt(results[2].output_bytes)} bytes batched.`);
if (excluded.length) console.log(`Excluded from the batch: ${excluded.map((e) => `${e.file} (${e.reason})`).join("; ")}.`);

writeResults("process.json", {
  benchmark: "process-bench",
  machine: m,
  binary: { path: relative(ROOT, BIN), version, modified: statSync(BIN).mtime.toISOString() },
  settings: { rounds: ROUNDS, msstd: MSSTD, at: AT },
  batch: { files: files.map((f) => relative(ROOT, f)), bytes, excluded },
  results,
});
