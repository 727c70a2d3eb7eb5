// msstd-check's engine worker: the wasm engines run here, off the page's main
// thread, so that the page stays responsive while a big input (a bundle of
// 1,000 certificates, a 16 MB file) is analysed.
//
// The same file runs in two builds:
//   * served (www/index.html): app.js starts it as a module worker
//     (new Worker("worker.js", {type: "module"}); the page's CSP allows
//     worker-src 'self'), and the bootstrap at the end imports the glue of each
//     engine from ./pkg/ when the page asks for it;
//   * single file (dist/msstd-check.html): scripts/make-single-file.mjs drops
//     everything after the "@bootstrap-served" marker and runs the rest, with
//     the inlined glue, in a classic worker made from a Blob URL (the page
//     sends each engine's wasm bytes in its "load" request).
//
// The protocol (every request has an `id`; each reply carries it back):
//   page -> worker {type: "load", engine: "core"|"full", wasm?: Uint8Array}
//          <- {ok: true, version, limits, labels} | {ok: false, error}
//             (the engine's input limits and words, src/wasm.rs limits() and labels())
//   page -> worker {type: "analyze", engine, input, options, ifFull}
//          <- {progress: {bytes, certificates}} (first, for a large input)
//          <- {ok: true, report: <JSON text>, certificates: [<JSON text>, ...]} | {ok: true, needsFull: true} | {ok: false, error}
//             (the report in parts: `report` with each certificate reduced to
//             {index, origin}, and the certificates themselves, in JSON texts of
//             up to 100 certificates each: made by the engine: src/wasm.rs analyzeParts())
//   page -> worker {type: "text", engine, input, options}
//          <- {ok: true, text} | {ok: false, error}
//   page -> worker {type: "compare", engine, old, new, options, ifFull}
//          <- {ok: true, report: <the comparison as JSON text>} | {ok: true, needsFull: true} | {ok: false, error}
//             (src/wasm.rs compare(): both reports, the changes, the advice; needsFull
//             when either side's report says needs_full_engine)
//   page -> worker {type: "compareText", engine, old, new, options}
//          <- {ok: true, text} | {ok: false, error}
// and, once, when the worker runs: <- {hello: true}.
//
// `ifFull`: the page has the full engine to offer; when the report says
// `needs_full_engine`, only that is sent back (not the core engine's report,
// which the page would not show), and the page loads the full engine and asks
// again. Requests are answered one at a time, in order.
//
// Nothing here keeps what it is given: each request's input is dropped with
// the request; nothing is logged.

// Inputs from this size on get a progress message first (the page shows a
// progress bar for them).
const PROGRESS_BYTES = 64 * 1024;
const PEM_CERTIFICATE = /-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----/g;

/** The size of an analyze() input, in bytes (string length for text). */
function inputSize(input) {
  const size = (data) => (typeof data === "string" ? data.length : data && typeof data.length === "number" ? data.length : 0);
  if (Array.isArray(input)) return input.reduce((n, item) => n + size(item && item.data), 0);
  return size(input);
}

/** How many PEM certificate blocks the input holds: a cheap estimate for the progress text. */
function countCertificates(input) {
  let latin1 = null;
  const count = (data) => {
    let text = data;
    if (typeof text !== "string") {
      if (!(text instanceof Uint8Array)) return 0;
      latin1 = latin1 || new TextDecoder("latin1");
      text = latin1.decode(text);
    }
    const found = text.match(PEM_CERTIFICATE);
    return found ? found.length : 0;
  };
  if (Array.isArray(input)) return input.reduce((n, item) => n + count(item && item.data), 0);
  return count(input);
}

/** The certificates of a report come to the page as JSON texts of this many. */
const CERTIFICATES_PER_TEXT = 100;

function errorText(err) {
  if (err && typeof err.message === "string") return err.message;
  return String(err);
}

/**
 * The engine host. `loaders` maps an engine name ("core", "full") to an async
 * function that takes the engine's wasm bytes (or undefined: fetch it) and
 * returns its initialised wasm-bindgen glue ({analyzeParts, reportText,
 * certificatesDer, version, limits, labels}, and compare, compareText in the full engine).
 * Returns handle(message, post): answers one request, calling post(reply) for
 * each reply; requests are answered in the order they were handled.
 */
function createHost(loaders) {
  const engines = new Map();
  let queue = Promise.resolve();

  const engine = (name) => {
    const glue = engines.get(name);
    if (!glue) throw new Error(`the ${name} engine is not loaded`);
    return glue;
  };

  async function answer(msg, post) {
    const id = msg && msg.id;
    try {
      switch (msg && msg.type) {
        case "load": {
          let glue = engines.get(msg.engine);
          if (!glue) {
            const loader = Object.prototype.hasOwnProperty.call(loaders, msg.engine) ? loaders[msg.engine] : null;
            if (!loader) throw new Error(`there is no ${msg.engine} engine`);
            glue = await loader(msg.wasm);
            engines.set(msg.engine, glue);
          }
          post({ id, ok: true, version: glue.version(), limits: glue.limits(), labels: glue.labels() });
          return;
        }
        case "analyze": {
          const glue = engine(msg.engine);
          const bytes = inputSize(msg.input);
          if (bytes >= PROGRESS_BYTES) post({ id, progress: { bytes, certificates: countCertificates(msg.input) } });
          // The report in parts, straight from the engine (src/wasm.rs
          // analyzeParts): the report's JSON text with the certificates cut down
          // to {index, origin}, and the certificates as JSON texts of
          // CERTIFICATES_PER_TEXT, which the page parses after the verdict is on
          // screen. No object is built here; strings cross to the page in one copy.
          const parts = glue.analyzeParts(msg.input, msg.options, Boolean(msg.ifFull), CERTIFICATES_PER_TEXT);
          if (msg.ifFull && parts.needsFullEngine) post({ id, ok: true, needsFull: true });
          else post({ id, ok: true, report: parts.report, certificates: parts.certificates });
          return;
        }
        case "der": {
          const glue = engine(msg.engine);
          if (typeof glue.certificatesDer !== "function") throw new Error("this engine cannot give the certificates back");
          post({ id, ok: true, certificates: glue.certificatesDer(msg.input, msg.options) });
          return;
        }
        case "compare": {
          const glue = engine(msg.engine);
          // The comparison is in the full engine only (the core engine leaves it out):
          // the page loads the full engine and asks again.
          if (typeof glue.compare !== "function") {
            if (!msg.ifFull) throw new Error("comparing needs the full engine, which is not loaded");
            post({ id, ok: true, needsFull: true });
            return;
          }
          const bytes = inputSize(msg.old) + inputSize(msg.new);
          if (bytes >= PROGRESS_BYTES) post({ id, progress: { bytes, certificates: countCertificates(msg.old) + countCertificates(msg.new) } });
          const comparison = glue.compare(msg.old, msg.new, msg.options);
          if (msg.ifFull && (comparison.old.needs_full_engine || comparison.new.needs_full_engine)) post({ id, ok: true, needsFull: true });
          else post({ id, ok: true, report: JSON.stringify(comparison) });
          return;
        }
        case "compareText": {
          const text = engine(msg.engine).compareText(msg.old, msg.new, msg.options);
          post({ id, ok: true, text });
          return;
        }
        case "text": {
          const text = engine(msg.engine).reportText(msg.input, msg.options);
          post({ id, ok: true, text });
          return;
        }
        default:
          throw new Error(`unknown request ${JSON.stringify(msg && msg.type)}`);
      }
    } catch (err) {
      post({ id, ok: false, error: errorText(err) });
    }
  }

  return (msg, post) => {
    queue = queue.then(() => answer(msg, post));
    return queue;
  };
}

/** Runs `handle` as this worker's message handler, and says hello to the page. */
function listen(handle) {
  self.addEventListener("message", (e) => handle(e.data, (reply) => self.postMessage(reply)));
  self.postMessage({ hello: true });
}

// @bootstrap-served (scripts/make-single-file.mjs removes everything from here on)
listen(
  createHost({
    core: async () => {
      const glue = await import("./pkg/msstd_check.js");
      await glue.default();
      return glue;
    },
    full: async () => {
      const glue = await import("./pkg/msstd_check_full.js");
      await glue.default();
      return glue;
    },
  }),
);
