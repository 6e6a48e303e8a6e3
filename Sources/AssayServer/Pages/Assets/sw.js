// Assay's service worker: keeps the checklist pages and their assets so an expert can open them
// where the network is gone. Pages come from the network when it answers (and are kept), and
// from the cache when it does not; writes always go to the network (the page's outbox keeps
// what could not be sent).
const CACHE = "assay-pages-v1";
const ASSETS = ["/app/assets/app.css", "/app/assets/checklist.js"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || !url.pathname.startsWith("/app/")) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && (ASSETS.includes(url.pathname) || url.pathname.endsWith("/checklist"))) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() => caches.match(request).then((cached) => cached || Response.error()))
  );
});
