// Shared helpers of the benchmarks in bench/ (run by hand, never by the tests):
// the machine, statistics, Markdown tables, the results folder, the inputs.

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const RESULTS = join(ROOT, "bench", "results");
export const CERTS = join(ROOT, "tests", "fixtures", "certs");
export const CORPUS = resolve(ROOT, "..", "shared", "corpus", "real");

/** `--name value` from the command line, as a number, or `fallback`. */
export function numberArg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= process.argv.length) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} needs a positive number`);
  return n;
}

function run(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

/** What the numbers were measured on. */
export function machine() {
  let cpu = null;
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((l) => l.startsWith("model name"));
    cpu = line ? line.split(":").slice(1).join(":").trim() : null;
  } catch {
    cpu = os.cpus()[0]?.model ?? null;
  }
  const chromium = run("/usr/bin/chromium", ["--version"]);
  return {
    nproc: Number(run("nproc", [])) || os.availableParallelism(),
    cpu,
    memory_gb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: chromium ? chromium.replace(/\s+built on.*$/, "") : null,
    openssl: run("openssl", ["version"]),
    date: new Date().toISOString(),
  };
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The p-th percentile (nearest rank), p in 0..100. */
export function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)));
  return s[rank - 1];
}

/** A number with thousands separators and `digits` decimals. */
export function fmt(n, digits = 0) {
  if (n === null || n === undefined || Number.isNaN(n)) return "-";
  return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A ratio as "2.31×". */
export const times = (n) => (n === null || n === undefined || !Number.isFinite(n) ? "-" : `${n >= 10 ? fmt(n, 0) : n >= 1 ? fmt(n, 2) : fmt(n, 3)}×`);

/** A Markdown table: `header` (strings), `rows` (arrays of cells); numbers right-aligned. */
export function markdownTable(header, rows, align = header.map((_, i) => (i === 0 ? "left" : "right"))) {
  const cells = [header, ...rows].map((row) => row.map((c) => String(c)));
  const widths = header.map((_, i) => Math.max(3, ...cells.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => (align[i] === "right" ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (align[i] === "right" ? ` ${"-".repeat(w - 1)}: ` : ` ${"-".repeat(w)} `)).join("|")}|`;
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join("\n");
}

/** Writes bench/results/<name> (JSON) and says so. */
export function writeResults(name, data) {
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, name);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`\nwrote ${relative(ROOT, file)}`);
}

/** The base64 text of `der` as a PEM CERTIFICATE block (64-character lines). */
export function toPem(der) {
  return `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString("base64").match(/.{1,64}/g).join("\n")}\n-----END CERTIFICATE-----\n`;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----\r?\n([\s\S]*?)-----END CERTIFICATE-----/g;

/**
 * Every certificate of the outside corpus (../shared/corpus/real): each PEM
 * CERTIFICATE block of the *.pem, *.crt, *.cer files, and each binary
 * *.der/*.crt/*.cer file as one DER certificate. Returns {certs: [{name, der}],
 * files, unreadable: [{name, reason}]} (blocks whose base64 does not decode).
 */
export function corpusCertificates(dir = CORPUS) {
  const certs = [];
  const unreadable = [];
  let files = 0;
  let names;
  try {
    names = readdirSync(dir).sort();
  } catch {
    return { certs, files, unreadable, missing: dir };
  }
  for (const file of names) {
    if (!/\.(pem|crt|cer|der)$/i.test(file)) continue;
    files += 1;
    const bytes = readFileSync(join(dir, file));
    const text = bytes.toString("latin1");
    if (text.includes("-----BEGIN")) {
      let i = 0;
      for (const m of text.matchAll(PEM_BLOCK)) {
        i += 1;
        const b64 = m[1].replace(/\s+/g, "");
        const name = `${file}#${i}`;
        if (!/^[A-Za-z0-9+/]+=*$/.test(b64)) {
          unreadable.push({ name, reason: "PEM block whose base64 does not decode" });
          continue;
        }
        certs.push({ name, der: Buffer.from(b64, "base64") });
      }
      if (i === 0) unreadable.push({ name: file, reason: "no complete PEM CERTIFICATE block" });
    } else if (bytes.length > 0) {
      certs.push({ name: file, der: bytes });
    } else {
      unreadable.push({ name: file, reason: "empty file" });
    }
  }
  return { certs, files, unreadable };
}

/**
 * Installs in a page of www/ (already open in `page`, playwright-core) what the
 * page benchmarks (page-bench.mjs, page-profile.mjs) share: `msstd` and `date`
 * typed into their inputs, and `window.__benchPage` with
 *   der, pem: the files to drop (cn-and-san.cer, the 1,000-certificate bundle);
 *   dropEvent(which): a drop event of "one" or "bundle" for #drop;
 *   frame(): the time of the next animation frame;
 *   until(test, target = #result, options = subtree): resolves once test() is true;
 *   shownCertificates(): how many certificates the report shows;
 *   isVerdict(), isDone(n): the verdict is set; that and all n certificates
 *     are shown, the progress bar gone, nothing still being built;
 *   clear(): removes the dropped file and waits for the idle verdict.
 */
export async function installDropHelpers(page, der, pem, msstd, date) {
  await page.evaluate(
    ({ b64, pem, msstd, date }) => {
      const bin = atob(b64);
      const der = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) der[i] = bin.charCodeAt(i);
      const set = (id, value) => {
        const el = document.getElementById(id);
        el.value = value;
        el.dispatchEvent(new Event("input", { bubbles: true }));
      };
      set("msstd", msstd);
      set("date", date);
      const certs = document.getElementById("certificates");
      const result = document.getElementById("result");
      const verdict = document.getElementById("verdict");
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
      const until = (test, target = result, options = { attributes: true, childList: true, subtree: true }) =>
        new Promise((resolve) => {
          if (test()) return resolve();
          const observer = new MutationObserver(() => {
            if (test()) {
              observer.disconnect();
              resolve();
            }
          });
          observer.observe(target, options);
        });
      // The certificates on screen (the children of #certificates: a loop over
      // them, cheaper than a selector over the whole report at every mutation).
      const shownCertificates = () => {
        if (document.getElementById("report").hidden) return 0;
        let n = 0;
        for (const el of certs.children) if (el.classList.contains("cert")) n += 1;
        return n;
      };
      const isVerdict = () => ["pass", "warn", "fail"].includes(verdict.dataset.verdict);
      const isDone = (n) => isVerdict() && shownCertificates() === n && document.getElementById("progress").hidden && !result.hasAttribute("data-building");
      const dropEvent = (which) => {
        const file = which === "bundle" ? new File([pem], "bundle-1000.pem") : new File([der], "cn-and-san.cer");
        const dt = new DataTransfer();
        dt.items.add(file);
        return new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true });
      };
      const clear = async () => {
        document.querySelector("#file-list button").click();
        await until(() => verdict.dataset.verdict === "idle", verdict, { attributes: true });
      };
      window.__benchPage = { der, pem, dropEvent, frame, until, shownCertificates, isVerdict, isDone, clear };
    },
    { b64: Buffer.from(der).toString("base64"), pem, msstd, date },
  );
}
