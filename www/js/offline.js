// Offline support of the served page: registers the service worker (www/sw.js)
// and, when a new build of the page is ready, says so in a notice of its own
// with a button that switches to it. Self-contained: it touches no element of
// the page but the one it adds, and the page works the same without it (no
// service worker support, or a file:// page: the single file has no such
// script at all).
//
// State, for the tests and for curious eyes: <html data-offline="...">
//   "unavailable": no service worker here (or it could not be registered);
//   "installing":  first visit, the page's files are being cached;
//   "ready":       a worker controls the page: it opens and works offline;
//   "update":      a new version is installed and waits for the user.

const root = document.documentElement;
const setState = (state) => {
  root.dataset.offline = state;
};
// Set when the user asked for the new version: its takeover then reloads the page.
let reloadOnChange = false;

/** The "update ready" notice (created once, on demand). */
function showUpdate(worker) {
  let notice = document.getElementById("update-notice");
  if (!notice) {
    notice = document.createElement("div");
    notice.id = "update-notice";
    notice.className = "update-notice";
    notice.setAttribute("role", "status");
    const message = document.createElement("span");
    message.textContent = "A new version of msstd-check is ready. Reloading clears what is on screen.";
    const button = document.createElement("button");
    button.type = "button";
    button.id = "update-reload";
    button.textContent = "Reload to update";
    notice.append(message, " ", button);
    document.body.append(notice);
  }
  notice.hidden = false;
  notice.querySelector("button").onclick = () => {
    reloadOnChange = true;
    worker.postMessage({ type: "skip-waiting" });
  };
  setState("update");
}

async function register() {
  const sw = navigator.serviceWorker;
  // updateViaCache "none": the browser checks sw.js and what it imports
  // (pkg/sw-build.js, the build's version) against the server, not the HTTP cache.
  const registration = await sw.register("sw.js", { updateViaCache: "none" });
  sw.addEventListener("controllerchange", () => {
    if (reloadOnChange) location.reload();
    else setState("ready");
  });
  const watch = (worker) => {
    worker.addEventListener("statechange", () => {
      // "installed" with a controller: a new version waits; without one, the
      // first install, which activates by itself.
      if (worker.state === "installed" && sw.controller) showUpdate(worker);
    });
  };
  if (registration.waiting && sw.controller) showUpdate(registration.waiting);
  else if (registration.installing) watch(registration.installing);
  registration.addEventListener("updatefound", () => {
    if (registration.installing) watch(registration.installing);
  });
  if (!registration.waiting) setState(sw.controller ? "ready" : "installing");
}

if ("serviceWorker" in navigator && window.isSecureContext && location.protocol !== "file:") {
  register().catch(() => setState("unavailable"));
} else {
  setState("unavailable");
}
