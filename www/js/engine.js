// The page's side of the engine host (www/worker.js): a request/reply client
// over the worker's messages, the start of the worker, and the inputs as
// posted to it. See www/worker.js for the protocol.

/**
 * A client of the engine host. `port` is the worker or, in the single file
 * where no worker can start, an object that runs the host on this page and
 * behaves like one. call() posts a request and returns a promise of its
 * reply; `onProgress` gets the request's progress messages.
 */
export function createClient(port) {
  let next = 1;
  const calls = new Map();
  port.addEventListener("message", (e) => {
    const reply = e.data;
    const call = reply && calls.get(reply.id);
    if (!call) return;
    if (reply.progress) {
      if (call.onProgress) call.onProgress(reply.progress);
      return;
    }
    calls.delete(reply.id);
    if (reply.ok) call.resolve(reply);
    else call.reject(new Error(reply.error));
  });
  const failAll = (message) => {
    for (const call of calls.values()) call.reject(new Error(message));
    calls.clear();
  };
  port.addEventListener("error", (e) => {
    e.preventDefault();
    failAll(`the checker stopped${e.message ? ` (${e.message})` : ""}`);
  });
  port.addEventListener("messageerror", () => failAll("a reply of the checker could not be read"));
  return {
    call(message, { transfer = [], onProgress = null } = {}) {
      const id = next++;
      return new Promise((resolve, reject) => {
        calls.set(id, { resolve, reject, onProgress });
        try {
          port.postMessage({ ...message, id }, transfer);
        } catch (err) {
          calls.delete(id);
          reject(err);
        }
      });
    },
  };
}

/**
 * Resolves with `worker` once it runs (it says hello), or rejects when it
 * cannot start (its script not found, refused by the CSP or the browser).
 */
export function openWorker(worker, timeoutMs = 15_000) {
  return new Promise((resolve, reject) => {
    const done = (fn, value) => {
      clearTimeout(timer);
      worker.removeEventListener("message", onMessage);
      worker.removeEventListener("error", onError);
      fn(value);
    };
    const onMessage = (e) => {
      if (e.data && e.data.hello) done(resolve, worker);
    };
    const onError = (e) => {
      e.preventDefault();
      worker.terminate();
      done(reject, new Error(`the checker's worker could not start${e.message ? ` (${e.message})` : ""}`));
    };
    const timer = setTimeout(() => {
      worker.terminate();
      done(reject, new Error("the checker's worker did not start"));
    }, timeoutMs);
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", onError);
  });
}

/**
 * Loads an engine ("core", "full") in the host; `wasm`: its bytes, or
 * undefined (the worker fetches them). Resolves with what the engine says of
 * itself: {version, limits, labels} (see src/wasm.rs).
 */
export async function loadEngine(client, name, wasm) {
  const reply = await client.call({ type: "load", engine: name, wasm }, { transfer: wasm ? [wasm.buffer] : [] });
  return { version: reply.version, limits: reply.limits, labels: reply.labels };
}

/**
 * The compare request (compare mode): the certificate in use (`old`) and its
 * renewal (`next`), as analyze() inputs, checked with the same `options`.
 * Returns {message, transfer} for client.call().
 */
export function compareRequest(engine, old, next, options, ifFull) {
  const a = postable(old);
  const b = postable(next);
  return { message: { type: "compare", engine, old: a.input, new: b.input, options, ifFull }, transfer: [...a.transfer, ...b.transfer] };
}

/** The size of an input, in bytes (characters for text): what decides the progress bar. */
export function inputBytes(input) {
  if (typeof input === "string") return input.length;
  return input.reduce((n, item) => n + item.data.length, 0);
}

/**
 * The input as posted to the worker. File bytes are copied, and the copies
 * transferred (not cloned a second time): the page keeps its own bytes, to
 * check them again when an option changes.
 */
export function postable(input) {
  if (!Array.isArray(input)) return { input, transfer: [] };
  const transfer = [];
  const items = input.map(({ name, data }) => {
    if (typeof data === "string") return { name, data };
    const copy = data.slice();
    transfer.push(copy.buffer);
    return { name, data: copy };
  });
  return { input: items, transfer };
}
