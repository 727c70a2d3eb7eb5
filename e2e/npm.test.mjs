// The npm package (scripts/build-npm.sh): installed from its tarball into a
// fresh empty project with no registry, then used from Node (the Node entry,
// no init call) and from Chromium (the browser entry, through an import map,
// served by a static server on 127.0.0.1).
// Run after `bash scripts/build-web.sh` (reused):   node --test e2e/npm.test.mjs

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { CERTS, ROOT, fixtureText, launchBrowser, startServer } from "./helpers.mjs";

const VERSION = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/^version = "([^"]+)"/m)[1];
const AT = "2026-06-01T00:00:00Z";
const MSSTD = "msstd:mail.contoso.com";

let project;
let tgz;
let installed;

before(() => {
  execFileSync("bash", [join(ROOT, "scripts", "build-npm.sh")], { cwd: ROOT, stdio: "pipe" });
  const built = readdirSync(join(ROOT, "dist", "npm")).filter((f) => f.endsWith(".tgz"));
  assert.deepEqual(built, [`msstd-check-${VERSION}.tgz`], "one tarball, named by the Cargo.toml version");
  tgz = join(ROOT, "dist", "npm", built[0]);
  project = mkdtempSync(join(tmpdir(), "msstd-npm-"));
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  // No registry: offline, an empty cache of its own, and a registry address nothing answers on.
  execFileSync(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", "--cache", join(project, ".npm-cache"), "--registry", "http://127.0.0.1:9/", tgz],
    { cwd: project, stdio: "pipe" },
  );
  installed = join(project, "node_modules", "msstd-check");
});

after(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

/** Runs an ES module in the consumer project with Node; returns what it printed, parsed as JSON. */
function node(source) {
  const out = execFileSync("node", ["--input-type=module", "-e", source], { cwd: project, encoding: "utf8", env: { ...process.env, CERTS } });
  return JSON.parse(out);
}

describe("npm package", () => {
  test("the tarball: ESM, Node and browser entries, types, README, licences, no dependencies", () => {
    const files = execFileSync("tar", ["tzf", tgz], { encoding: "utf8" }).trim().split("\n").sort();
    assert.deepEqual(files, [
      "package/LICENSE-APACHE",
      "package/LICENSE-MIT",
      "package/README.md",
      "package/msstd_check_full.d.ts",
      "package/msstd_check_full.js",
      "package/msstd_check_full_bg.wasm",
      "package/node.js",
      "package/package.json",
      "package/web.js",
    ]);
    const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
    assert.equal(pkg.name, "msstd-check");
    assert.equal(pkg.version, VERSION);
    assert.equal(pkg.type, "module");
    assert.equal(pkg.license, "MIT OR Apache-2.0");
    assert.equal(pkg.dependencies, undefined, "no runtime dependencies");
    assert.deepEqual(pkg.exports["."].node, { types: "./msstd_check_full.d.ts", default: "./node.js" });
    assert.deepEqual(pkg.exports["."].browser, { types: "./msstd_check_full.d.ts", default: "./web.js" });
    const types = readFileSync(join(installed, "msstd_check_full.d.ts"), "utf8");
    for (const declared of [
      "export type Report =",
      "export type Verdict =",
      "export type AnalyzeOptions =",
      "export type AnalyzeInput =",
      "export function analyze(input: AnalyzeInput, options?: AnalyzeOptions | null): Report;",
      "export function reportText(input: AnalyzeInput, options?: AnalyzeOptions | null): string;",
      "export function compare(old: AnalyzeInput, renewal: AnalyzeInput, options?: AnalyzeOptions | null): Comparison;",
      "export function compareText(old: AnalyzeInput, renewal: AnalyzeInput, options?: AnalyzeOptions | null): string;",
      "export function version(): string;",
    ]) {
      assert.ok(types.includes(declared), `the types declare ${declared}`);
    }
    const readme = readFileSync(join(installed, "README.md"), "utf8");
    assert.ok(!/\{\{/.test(readme), "every placeholder of the README is filled");
    const wasmBytes = readFileSync(join(installed, "msstd_check_full_bg.wasm")).length;
    assert.ok(readme.includes(wasmBytes.toLocaleString("en-US")), "the README states the wasm's real size");
  });

  test("Node: import and analyze with no init call; real verdicts, a .pfx, the text report", () => {
    const got = node(`
      import { readFileSync } from "node:fs";
      import { join } from "node:path";
      import init, { analyze, compare, compareText, reportText, version } from "msstd-check";
      const cert = (name) => readFileSync(join(process.env.CERTS, name));
      const opts = { msstd: "${MSSTD}", at: "${AT}" };
      const pass = analyze(cert("cn-and-san.pem"), opts);
      const fail = analyze(cert("cn-and-san.pem"), { ...opts, msstd: "msstd:other.contoso.com" });
      const pfx = analyze([{ name: "leaf-aes.pfx", data: cert("leaf-aes.pfx") }], { ...opts, password: "Contoso!2025" });
      const chain = analyze(cert("chain-bad-signature.pem").toString("utf8"), opts);
      let error = null;
      try { analyze(42, opts); } catch (e) { error = e instanceof Error ? e.message : String(e); }
      const initialised = await init();
      console.log(JSON.stringify({
        version: version(),
        pass: pass.verdict.overall,
        host: pass.certificates[0].subject,
        fail: fail.verdict.overall,
        pfxCertificates: pfx.certificates.length,
        pfxFull: pfx.needs_full_engine,
        engine: pass.engine,
        chain: chain.verdict.overall,
        text: reportText(cert("cn-and-san.pem"), opts).split("\\n").find((l) => l.startsWith("VERDICT")),
        error,
        init: typeof initialised.memory,
        compare: (({ old, new: renewal, advice }) => [old.verdict.legacy_windows, renewal.verdict.legacy_windows, advice[0].kind])(
          compare(cert("compare/renew-old.pem"), cert("compare/cn-moved.pem"), { ...opts, at: "2026-11-25T00:00:00Z" }),
        ),
        compareText: compareText(cert("compare/renew-old.pem"), cert("compare/cn-moved.pem"), { ...opts, at: "2026-11-25T00:00:00Z" }).includes("pass -> fail"),
      }));
    `);
    assert.equal(got.version, VERSION);
    assert.equal(got.pass, "pass");
    assert.equal(got.fail, "fail");
    assert.equal(got.pfxCertificates, 2, "the .pfx opens with its password (the full engine)");
    assert.equal(got.pfxFull, false);
    assert.deepEqual(got.engine, { signatures: true, mozilla_roots: true, pkcs12: true, autodiscover: true, exchange: true }, "the full engine ships");
    assert.equal(got.chain, "fail", "a broken signature in the chain is found");
    assert.equal(got.text, "VERDICT: PASS");
    assert.match(got.error, /must be a string or a Uint8Array/, "bad arguments throw an Error");
    assert.equal(got.init, "object", "init() resolves to the initialised engine in Node too");
    assert.deepEqual(got.compare, ["pass", "fail", "set_principal"], "compare(): the renewal fails on legacy Windows; set the new name");
    assert.equal(got.compareText, true);
  });

  test("browser: the browser entry through an import map, init() fetching the wasm next to it", async () => {
    const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
    const entry = `/node_modules/msstd-check/${pkg.exports["."].browser.default.replace(/^\.\//, "")}`;
    writeFileSync(
      join(project, "index.html"),
      `<!doctype html><meta charset="utf-8"><title>consumer</title><link rel="icon" href="data:,">\n` +
        `<script type="importmap">${JSON.stringify({ imports: { "msstd-check": entry } })}</script>\n`,
    );
    const server = await startServer(project);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(`${server.origin}/index.html`);
      const got = await page.evaluate(
        async ({ pem, msstd, at }) => {
          const m = await import("msstd-check");
          await m.default();
          const report = m.analyze(pem, { msstd, at });
          const other = m.analyze(new TextEncoder().encode(pem), { msstd: "msstd:other.contoso.com", at: new Date(at) });
          return { version: m.version(), verdict: report.verdict.overall, other: other.verdict.overall, text: m.reportText(pem, { msstd, at }).includes("VERDICT: PASS") };
        },
        { pem: fixtureText("cn-and-san.pem"), msstd: MSSTD, at: AT },
      );
      assert.deepEqual(got, { version: VERSION, verdict: "pass", other: "fail", text: true });
      const paths = server.requests.map((r) => [r.path, r.status]);
      assert.deepEqual(paths, [
        ["/index.html", 200],
        ["/node_modules/msstd-check/web.js", 200],
        ["/node_modules/msstd-check/msstd_check_full.js", 200],
        ["/node_modules/msstd-check/msstd_check_full_bg.wasm", 200],
      ]);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
