// msstd-check's service worker: after the first visit, the served page opens
// and analyzes with no network, and the browser offers to install it (with
// www/manifest.webmanifest). Registered by www/js/offline.js; the single file
// (dist/msstd-check.html) has none (it needs none: it is one file on disk).
//
// What it keeps, in one cache per build ("msstd-check-<version>"):
//   * at install: the page and its files, and the core engine (the list and
//     the version are in pkg/sw-build.js, written by scripts/build-offline.mjs
//     from the built www/; the version is a hash of those files' contents);
//   * on demand: the full engine's glue and wasm, the first time the page
//     loads them (an input that needs it), and never before.
// Requests are answered from that cache first, then from the network; nothing
// else is fetched, and nothing but the page's own files is ever stored (no
// input, no report: the page never sends them anywhere).
//
// Updates: a new build changes pkg/sw-build.js, so the browser installs the new
// worker next to the old one (into its own cache) and lets it wait; the page
// says "a new version is ready", and when the user accepts, it sends
// {type: "skip-waiting"}: the new worker takes over, deletes every older
// msstd-check cache, and the page reloads from the new one.
"use strict";

importScripts("./pkg/sw-build.js");

const BUILD = self.MSSTD_BUILD;
const PREFIX = "msstd-check-";
const CACHE = `${PREFIX}${BUILD.version}`;
const scope = () => new URL(self.registration.scope);
const ON_DEMAND = new Set(BUILD.onDemand.map((path) => new URL(path, scope()).href));

self.addEventListener("install", (event) => {
  // cache: "reload": straight from the server, never from the HTTP cache (which
  // could hold a file of the previous build).
  const requests = BUILD.files.map((path) => new Request(new URL(path, scope()), { cache: "reload" }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "skip-waiting") self.skipWaiting();
});

/** The cache key of a request: the page itself for a navigation to it (whatever its query). */
function cacheKey(request) {
  const url = new URL(request.url);
  const root = scope();
  if (request.mode === "navigate" && (url.pathname === root.pathname || url.pathname === `${root.pathname}index.html`)) {
    return root.href;
  }
  return request;
}

async function respond(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(cacheKey(request));
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && ON_DEMAND.has(new URL(request.url).href)) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(scope().href)) return;
  event.respondWith(respond(request));
});
