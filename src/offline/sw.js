// The service worker: the app opens, edits and exports with no network once it was loaded.
// scripts/post-build prepends VERSION (a hash of the build's files) and FILES (every file of
// dist/), and writes the result to dist/sw.js.
//
// - Install: every file of the build goes into the cache "cchc-<VERSION>" (fetched past the
//   HTTP cache, each retried); the worker becomes active only when all are there.
// - Requests: the network first, as if there were no service worker (a server's answer, even
//   an error page, is passed on untouched; a good answer not yet cached is kept); only when
//   the network fails does the cached file answer, and a page navigation gets the cached
//   index.html. The app's files are content-hashed, so a cached one is never stale; the page
//   of a new build still works online while the old worker runs.
// - Update: a new build means a new sw.js, which installs beside the old one and waits; the
//   page shows "Đã có phiên bản mới", saves, and asks it to take over ("skipWaiting"), then
//   reloads. Older caches are removed once the new worker is active.

const CACHE = "cchc-" + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil(precache());
});

// Every file of the build into the cache, each tried up to four times, an attempt given up
// after 15 s (a busy or flaky link, or a connection that stalls, must not leave the app
// without its offline copy until the next visit).
async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(
    FILES.map(async (file) => {
      for (let attempt = 1; ; attempt++) {
        const abort = new AbortController();
        const timer = setTimeout(() => abort.abort(), 15000);
        try {
          const response = await fetch(new Request(file, { cache: "reload", signal: abort.signal }));
          if (!response.ok) {
            throw new Error(file + ": HTTP " + response.status);
          }
          await cache.put(file, response);
          return;
        } catch (error) {
          if (attempt >= 4) {
            throw error;
          }
          await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
        } finally {
          clearTimeout(timer);
        }
      }
    }),
  );
}

self.addEventListener("message", (event) => {
  if (event.data === "skipWaiting") {
    self.skipWaiting();
  }
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith("cchc-") && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(fetch(request).then((response) => keep(event, response), () => cached(request)));
});

// A good answer of the site that is not cached yet (one the build's list does not name) is
// kept for offline use too.
function keep(event, response) {
  if (response.ok && response.type === "basic") {
    const copy = response.clone();
    event.waitUntil(
      caches
        .open(CACHE)
        .then((cache) =>
          cache
            .match(event.request, { ignoreSearch: true })
            .then((hit) => hit || cache.put(event.request, copy)),
        ),
    );
  }
  return response;
}

// With no network: the cached file, or for a page the cached index.html.
async function cached(request) {
  const cache = await caches.open(CACHE);
  const hit =
    (await cache.match(request, { ignoreSearch: true })) ||
    (request.mode === "navigate" ? await cache.match("./index.html") : undefined);
  return hit || Response.error();
}
