// Rinnovo's service worker: precaches the files of one build so the app
// works offline once loaded, and serves them cache-first. scripts/postbuild
// writes the build's file list and version over the two placeholders below.
// A new deploy installs beside the old one and waits; the page offers to
// reload, and on the user's word (a same-origin message) it takes over and
// deletes the old caches, so no one is stuck on an old version.
const VERSION = '__RINNOVO_VERSION__';
const FILES = __RINNOVO_FILES__;
// Each page (the customer's at the root, the office's in ufficio/) has its
// own worker and caches' prefix, and deletes only its own old caches.
const PREFIX = '__RINNOVO_CACHE__';
// Sub-paths that another page's worker serves: left alone here.
const APART = __RINNOVO_APART__;
const CACHE = `${PREFIX}${VERSION}`;
const scoped = (path) => new URL(path, self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map(scoped))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  const from = event.source && event.source.url ? new URL(event.source.url).origin : null;
  if (from === self.location.origin && event.data && event.data.type === 'rinnovo:skip-waiting') {
    self.skipWaiting();
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (APART.some((path) => url.href.startsWith(scoped(path)))) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      // Every page of the app is index.html plus a hash route.
      const key = request.mode === 'navigate' ? scoped('index.html') : url.href.split('#')[0];
      const hit = await cache.match(key, { ignoreSearch: true });
      return hit || fetch(request);
    }),
  );
});
