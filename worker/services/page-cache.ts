// Anonymous first pages of a thread in the Cache API (caches.default), so that a warm read costs
// one small D1 statement and no page build.
//
// A page is stored under a synthetic URL holding everything it was built from: the site's row
// (its version, lib/site-cache.ts), the story's version (moved on by every change a reader could
// see: db/stories.ts), the sort and the page size. A write never deletes anything: it moves the
// story's version on, and the old page simply cannot be asked for again (it expires by itself).
// The thread has no locale (the widget translates), so the key has none either.
//
// Only anonymous pages: a reader with a credential gets their own held comments, their reactions
// and `viewer`, which no other reader may ever be served.
import type { ThreadSort } from "../schemas/views";

/** How long a stored page stays, at most: a bound on storage, never on freshness (the key is). */
const STORED_SECONDS = 24 * 60 * 60;

/** The header a stored page keeps the story's status in: a story may close by the clock alone. */
const STATUS_HEADER = "X-Palabre-Story-Status";

export interface PageKey {
  /** the origin the request came to: the Cache API keeps entries per zone */
  origin: string;
  siteId: string;
  siteVersion: string;
  story: string;
  sort: ThreadSort;
  limit: number;
}

export interface StoredPage {
  json: string;
  status: string;
}

// The story version each anonymous first page was last stored under, per site and story, so that
// a read knows which key to look for before it has asked D1 (the batch then confirms the version).
const MAX_STORIES = 5000;
const lastStored = new Map<string, number>();

function storyOf(k: PageKey): string {
  return `${k.siteId}\n${k.siteVersion}\n${k.story}\n${k.sort}\n${k.limit}`;
}

function cacheUrl(k: PageKey, version: number): string {
  const q = new URLSearchParams({ site: k.siteId, sv: k.siteVersion, v: String(version), sort: k.sort, limit: String(k.limit) });
  return `${k.origin}/__palabre/cache/thread/${encodeURIComponent(k.story)}?${q}`;
}

function cache(): Cache | null {
  // Absent outside workerd (and a no-op on workers.dev): every read then builds its page.
  return typeof caches !== "undefined" ? caches.default : null;
}

/** The page last stored for this key, and the story version it was built at; null when none is known. */
export async function findPage(k: PageKey): Promise<{ version: number; page: StoredPage } | null> {
  const version = lastStored.get(storyOf(k));
  const store = cache();
  if (version === undefined || !store) return null;
  const hit = await store.match(cacheUrl(k, version));
  if (!hit) return null;
  return { version, page: { json: await hit.text(), status: hit.headers.get(STATUS_HEADER) ?? "" } };
}

/** Stores a page built at this story version; `wait` keeps the request alive until it is stored. */
export function storePage(k: PageKey, version: number, page: StoredPage, wait: (p: Promise<unknown>) => void): void {
  const store = cache();
  if (!store) return;
  const key = storyOf(k);
  lastStored.delete(key);
  lastStored.set(key, version);
  while (lastStored.size > MAX_STORIES) lastStored.delete(lastStored.keys().next().value!);
  const res = new Response(page.json, {
    headers: {
      "Content-Type": "application/json",
      "Cache-Control": `public, max-age=${STORED_SECONDS}`,
      [STATUS_HEADER]: page.status,
    },
  });
  wait(store.put(cacheUrl(k, version), res).catch((err) => console.error("thread page not cached", err)));
}
