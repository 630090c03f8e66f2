/**
 * Keeps the kiosk's app shell (index.html and its hashed assets) so that a
 * reload during a server restart or a network loss still shows the kiosk,
 * never a browser error page. Built by shell-plugin.ts, which replaces
 * __SHELL__ (absolute paths of the shell) and __SHELL_VERSION__.
 *
 * Besides the shell, only officer photos are kept (a few, in their own
 * cache): offline, the header shows the officer's face instead of initials.
 * Other API calls, socket.io and the QR survey page (same /kiosk/ scope) go
 * to the network untouched.
 */
declare const __SHELL__: string[];
declare const __SHELL_VERSION__: string;

const sw = self as unknown as ServiceWorkerGlobalScope;
const PREFIX = 'hl-kiosk-shell-';
const CACHE = PREFIX + __SHELL_VERSION__;
const ENTRY = new URL('./', sw.registration.scope).pathname;
/** Officer photos, outside the shell's versioned cache (a deploy must not drop them). */
const PHOTOS = 'hl-kiosk-photos';
const PHOTO_PATH = '/api/v1/officer-photos/';
/** A counter shows one officer at a time; a few more cover a change of duty or of photo. */
const PHOTO_CAP = 12;
/** A server that does not answer the page within this is treated as down. */
const PAGE_TIMEOUT_MS = 4000;

sw.addEventListener('install', (e) => {
  e.waitUntil(
    caches
      .open(CACHE)
      .then((c) => c.addAll(__SHELL__.map((u) => new Request(u, { cache: 'reload' }))))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (e) => {
  e.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== sw.location.origin) return;
  if (req.mode === 'navigate' && (url.pathname === ENTRY || url.pathname === `${ENTRY}index.html`)) e.respondWith(page(req));
  else if (__SHELL__.includes(url.pathname)) e.respondWith(asset(req));
  else if (url.pathname.startsWith(PHOTO_PATH)) e.respondWith(photo(req, e));
});

/**
 * Stale-while-revalidate: the kept copy at once when there is one, refreshed
 * from the network behind it; the oldest beyond PHOTO_CAP go. A photo the
 * server no longer has (404) is forgotten. Nothing kept and no network: the
 * error the <img> turns into initials, as before.
 */
async function photo(req: Request, e: FetchEvent): Promise<Response> {
  const cache = await caches.open(PHOTOS);
  const kept = await cache.match(req);
  const fresh = fetch(req).then(async (res) => {
    if (res.ok) {
      await cache.put(req, res.clone());
      const keys = await cache.keys();
      for (const old of keys.slice(0, Math.max(0, keys.length - PHOTO_CAP))) await cache.delete(old);
    } else if (res.status === 404) await cache.delete(req);
    return res;
  });
  if (!kept) return fresh;
  e.waitUntil(fresh.catch(() => undefined));
  return kept;
}

/**
 * Network first, so a deploy shows at once; the cached page when the server
 * is down, slow or answering with an error. The network copy is not cached:
 * the cached page must always match the cached assets of the same version.
 */
async function page(req: Request): Promise<Response> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), PAGE_TIMEOUT_MS);
  try {
    const res = await fetch(req, { signal: abort.signal });
    if (res.ok) return res;
  } catch {
    // down or offline: fall through to the cache
  } finally {
    clearTimeout(timer);
  }
  return (await caches.match(ENTRY, { cacheName: CACHE })) ?? Response.error();
}

/** Hashed file names never change content: cache first. */
async function asset(req: Request): Promise<Response> {
  return (await caches.match(req, { cacheName: CACHE })) ?? fetch(req);
}
