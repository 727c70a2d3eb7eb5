#!/usr/bin/env node
// What it costs to hand a pasted text (a JS string) to the engine, without
// the engine (run by hand, never a test): the wasm-bindgen glue's own string
// passing (an ASCII text copied one character at a time in JS, as
// passStringToWasm0 does) against the platform's TextEncoder.encode plus one
// copy into a buffer (what src/wasm.rs bytes_of() does), and encodeInto.
//
//     node bench/string-crossing.mjs [--rounds 9]
//
// Inputs: the PEM of tests/fixtures/certs/cn-and-san.cer and of the 137- and
// 163-SAN certificates of ../shared/corpus/real, 64 distinct string copies of
// each (so that none is a cached constant). Reported: median µs per string.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CERTS, CORPUS, corpusCertificates, markdownTable, median, numberArg, toPem } from "./common.mjs";

const ROUNDS = numberArg("rounds", 9);
const memory = new Uint8Array(1 << 20);
const encoder = new TextEncoder();

/** The glue's copy of an ASCII string (wasm-bindgen's passStringToWasm0 before its first non-ASCII character). */
function glueCopy(text) {
  let at = 0;
  for (; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code > 0x7f) break;
    memory[at] = code;
  }
  return at;
}
/** TextEncoder.encode, then one copy (Uint8Array.to_vec on the Rust side). */
function encodeAndCopy(text) {
  const bytes = encoder.encode(text);
  memory.set(bytes, 0);
  return bytes.length;
}
/** TextEncoder.encodeInto straight into the buffer. */
function encodeInto(text) {
  return encoder.encodeInto(text, memory.subarray(0, text.length * 3)).written;
}

function microseconds(convert, texts, calls) {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) sink += convert(texts[i & 63]);
  if (sink < 0) console.log(sink);
  return Number(process.hrtime.bigint() - start) / calls / 1000;
}

const { certs } = corpusCertificates(CORPUS);
const der = (prefix) => certs.find((c) => c.name.startsWith(prefix)).der;
const inputs = {
  "cn-and-san": readFileSync(join(CERTS, "cn-and-san.cer")),
  "google.com (137 SANs)": der("real-google.com-137-sans"),
  "microsoft.com (163 SANs)": der("real-microsoft.com-163-sans"),
};
const ways = { "glue's copy": glueCopy, "encode + copy": encodeAndCopy, encodeInto };
const rows = [];
for (const [name, bytes] of Object.entries(inputs)) {
  const pem = toPem(bytes);
  const texts = Array.from({ length: 64 }, (_, i) => `${pem}${" ".repeat(i % 2)}`);
  const samples = Object.fromEntries(Object.keys(ways).map((w) => [w, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [way, convert] of Object.entries(ways)) samples[way].push(microseconds(convert, texts, 20000));
  }
  rows.push([name, String(pem.length), ...Object.keys(ways).map((w) => median(samples[w]).toFixed(2))]);
}
console.log(markdownTable(["PEM of", "characters", ...Object.keys(ways).map((w) => `${w} µs`)], rows));
