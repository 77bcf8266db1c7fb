// The guide's service worker: the whole guide on the phone, in the reader's languages.
//
// pwa/offline.py serves this file at /sw.js with two constants in front of it, both
// generated at startup from the real pages and assets (never written by hand):
//   VERSION   a hash of the precache list and of this source;
//   PRECACHE  {shared: {asset URL: revision},
//              locales: {tag: {home, offline, pages: {URL: revision}}}}
// A revision is the first 6 bytes of the SHA-256 of the URL's bytes, in hex.
//
// Rules this file keeps:
// - One cache per version. An update saves everything the reader had saved before it
//   can activate, and again as it activates (a language may have been saved since);
//   old caches are deleted only once the new version is active and holds every
//   language saved in them.
// - Only successful same-origin responses are stored, and only when their bytes are
//   the ones this version lists: a file from another deployment is refused.
// - Pages and assets come from the cache first, so a page opens at once and offline,
//   and a page and its assets always come from the same version.
"use strict";

const CACHE_PREFIX = "lms-guide-";
const CACHE = CACHE_PREFIX + VERSION;
const REVISION_HEADER = "x-guide-revision";
const PARALLEL_DOWNLOADS = 4;
const TAGS = Object.keys(PRECACHE.locales);
// The reader's own choice of language, kept apart from the versions' caches (its name
// does not start with CACHE_PREFIX) so that an update neither copies nor deletes it.
const CHOICE = "lms-guide:choice";
const CHOICE_URL = "/.chosen-language";

// Every URL this version knows, with its revision.
const REVISIONS = new Map(Object.entries(PRECACHE.shared));
for (const tag of TAGS) {
  for (const [url, revision] of Object.entries(PRECACHE.locales[tag].pages)) {
    REVISIONS.set(url, revision);
  }
}

function entriesOf(tag) {
  return [...Object.keys(PRECACHE.shared), ...Object.keys(PRECACHE.locales[tag].pages)];
}

async function revisionOf(blob) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await blob.arrayBuffer()));
  return Array.from(digest.slice(0, 6), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

async function olderCaches() {
  const names = await caches.keys();
  const older = names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE);
  return Promise.all(older.map((name) => caches.open(name)));
}

// The stored response for a URL, if it is of the revision this version expects.
async function stored(cache, url) {
  const response = await cache.match(url, { ignoreVary: true });
  if (response && response.headers.get(REVISION_HEADER) === REVISIONS.get(url)) {
    return response;
  }
  return null;
}

async function download(url, signal) {
  const revision = REVISIONS.get(url);
  const response = await fetch(url, {
    // Pages are revalidated (they may have changed); hashed assets never change.
    cache: url in PRECACHE.shared ? "default" : "no-cache",
    credentials: "same-origin",
    redirect: "error",
    signal,
  });
  if (!response.ok || response.type !== "basic") {
    throw new Error(`${url}: ${response.status}`);
  }
  const body = await response.blob();
  if ((await revisionOf(body)) !== revision) {
    // The server has moved on to another version: this one can no longer be saved
    // whole. The page asks the browser to look for the new worker.
    throw new Error(`${url}: not the listed version`);
  }
  const headers = new Headers(response.headers);
  headers.set(REVISION_HEADER, revision);
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

// Save `urls` into this version's cache: copy what an older version already has at
// the same revision, download the rest. Reports progress over what was missing.
// The first download that fails ends the save: the others are aborted and nothing
// more is reported, so the page hears one failure and no progress after it.
async function save(urls, onProgress) {
  const cache = await caches.open(CACHE);
  const missing = [];
  for (const url of urls) {
    if (!(await stored(cache, url))) missing.push(url);
  }
  const older = await olderCaches();
  const total = missing.length;
  const failure = new AbortController();
  const failed = failure.signal;
  let done = 0;
  async function worker() {
    try {
      while (missing.length && !failed.aborted) {
        const url = missing.shift();
        let response = null;
        for (const cacheOfOlderVersion of older) {
          response = response || (await stored(cacheOfOlderVersion, url));
        }
        await cache.put(url, response || (await download(url, failed)));
        if (!failed.aborted) onProgress(++done, total);
      }
    } catch (error) {
      failure.abort();
      throw error;
    }
  }
  if (total) onProgress(0, total);
  await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, worker));
  return total;
}

async function bytesOf(urls) {
  const cache = await caches.open(CACHE);
  let bytes = 0;
  for (const url of urls) {
    const response = await cache.match(url, { ignoreVary: true });
    if (response) bytes += (await response.blob()).size;
  }
  return bytes;
}

async function isSaved(tag) {
  const cache = await caches.open(CACHE);
  for (const url of entriesOf(tag)) {
    if (!(await stored(cache, url))) return false;
  }
  return true;
}

// The languages the reader saved with an earlier version: those whose home page
// is in an older cache. An update saves them all again before it activates.
async function previouslySaved() {
  const older = await olderCaches();
  const tags = [];
  for (const tag of TAGS) {
    for (const cache of older) {
      if (await cache.match(PRECACHE.locales[tag].home, { ignoreVary: true })) {
        tags.push(tag);
        break;
      }
    }
  }
  return tags;
}

// The shared assets and every language saved in an older cache, into this one.
async function carryOver() {
  const urls = new Set(Object.keys(PRECACHE.shared));
  for (const tag of await previouslySaved()) entriesOf(tag).forEach((url) => urls.add(url));
  await save([...urls], () => {});
}

// Once this version is the active one: carry over what was saved in older versions'
// caches since this one installed (the reader may have saved a language while it
// waited), and only then delete them. If that fails (offline, say), they are kept,
// and the next page the reader opens tries again: a saved language is never lost.
async function settle() {
  const older = (await caches.keys()).filter(
    (name) => name.startsWith(CACHE_PREFIX) && name !== CACHE,
  );
  if (!older.length) return;
  await carryOver();
  // A newer version that has started installing meanwhile keeps its own cache.
  if (self.registration.installing || self.registration.waiting) return;
  await Promise.all(older.map((name) => caches.delete(name)));
}

self.addEventListener("install", (event) => {
  // Any failed download rejects, so an incomplete version never activates; the
  // browser tries again on a later visit.
  event.waitUntil(carryOver());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    settle()
      .catch(() => {})
      .then(() => self.clients.claim()),
  );
});

// Saves under way, by language: a reader who opens pages quickly while the first
// save runs waits for it instead of downloading the same files again.
const saving = new Map();

async function saveLocale(tag, client, wantSize) {
  const reply = (message) => client && client.postMessage({ tag, ...message });
  if (!PRECACHE.locales[tag]) {
    reply({ type: "failed" });
    return;
  }
  const urls = entriesOf(tag);
  if (!saving.has(tag)) {
    const progress = (done, total) => reply({ type: "progress", done, total });
    saving.set(tag, save(urls, progress).finally(() => saving.delete(tag)));
  }
  try {
    const downloaded = await saving.get(tag);
    // Measuring reads every saved file: only when the page will show the size.
    const bytes = downloaded || wantSize ? await bytesOf(urls) : null;
    reply({ type: "saved", bytes, downloaded });
  } catch (error) {
    reply({ type: "failed" });
  }
}

async function reportSaved(client) {
  const saved = [];
  for (const tag of TAGS) {
    if (await isSaved(tag)) saved.push(tag);
  }
  if (client) client.postMessage({ type: "status", saved });
}

// The reader's choice, as the page last saw it in the language cookie (null: none).
async function remember(tag) {
  if (!tag) return caches.delete(CHOICE);
  const cache = await caches.open(CHOICE);
  return cache.put(CHOICE_URL, new Response(tag));
}

async function chosenLanguage() {
  const choice = await caches.match(CHOICE_URL, { cacheName: CHOICE });
  return choice ? choice.text() : "";
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "save") {
    event.waitUntil(saveLocale(String(data.tag), event.source, Boolean(data.size)));
    // Pages message the waiting version when there is one: with none waiting or
    // installing, this is the active version, which may have old caches to settle.
    if (!self.registration.waiting && !self.registration.installing) {
      event.waitUntil(settle().catch(() => {}));
    }
  } else if (data.type === "chosen") {
    // Sent by every page as it opens (offline.js), from the cookie the server reads.
    // A worker cannot read cookies, and a request's Cookie header is not shown to it
    // in every browser; a copy refreshed on each page stays equal to the cookie, even
    // for a choice made before this worker ran, or a cookie since cleared. Not the
    // language of the last page opened: a link to a French page is not a choice.
    event.waitUntil(remember(data.tag ? String(data.tag) : ""));
  } else if (data.type === "status") {
    event.waitUntil(reportSaved(event.source));
  } else if (data.type === "activate") {
    // The reader chose "Update": this waiting version takes over, pages reload.
    self.skipWaiting();
  }
});

// Offline and not saved: the offline page, in the language of the address when
// that language is saved; for an address that names no language ("/" among them),
// in the one the reader chose, as the server does (pwa/handlers.py: the cookie, then
// Accept-Language); else in one of the browser's languages, else any saved. "/"
// goes to that language's guide.
async function offlinePage(path) {
  const cache = await caches.open(CACHE);
  const key = (tag) => tag.toLowerCase().replace(/_/g, "-");
  const first = key(path.split("/")[1] || "");
  const named = TAGS.filter((tag) => key(tag) === first);
  const chosen = named.length ? "" : key(await chosenLanguage());
  const wanted = (navigator.languages || []).map((language) => language.toLowerCase());
  const primary = (tag) => tag.split("-")[0];
  const order = [
    ...named,
    ...TAGS.filter((tag) => key(tag) === chosen),
    ...wanted.flatMap((language) =>
      TAGS.filter((tag) => tag.toLowerCase() === language || primary(tag) === primary(language)),
    ),
    ...TAGS,
  ];
  for (const tag of order) {
    const locale = PRECACHE.locales[tag];
    const page = await cache.match(locale.offline, { ignoreVary: true });
    if (page) {
      return path === "/" ? Response.redirect(locale.home, 302) : page;
    }
  }
  return Response.error();
}

async function navigate(request) {
  const url = new URL(request.url);
  const cache = await caches.open(CACHE);
  if (REVISIONS.has(url.pathname)) {
    const cached = await cache.match(url.pathname, { ignoreVary: true });
    if (cached) return cached;
  } else if (REVISIONS.has(url.pathname + "/")) {
    // The server redirects /es/treatment to /es/treatment/; so does the saved copy.
    if (await cache.match(url.pathname + "/", { ignoreVary: true })) {
      return Response.redirect(url.pathname + "/" + url.search, 301);
    }
  }
  try {
    return await fetch(request);
  } catch (error) {
    return offlinePage(url.pathname);
  }
}

async function fromCache(request, path) {
  const cache = await caches.open(CACHE);
  return (await cache.match(path, { ignoreVary: true })) || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(request));
  } else if (REVISIONS.has(url.pathname)) {
    event.respondWith(fromCache(request, url.pathname));
  }
});
