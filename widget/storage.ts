// What the reader's browser remembers per site: the guest commenter token, the name they post
// under, and the D1 bookmark of their last answer once they wrote (sent back so that their reads
// see their writes: worker/lib/d1-session.ts). Storage may be missing or refuse (privacy modes, sandboxed frames, a full quota): then the
// token lives as long as the page and the name is typed again next time.

/** The part of the Web Storage API used here (tests pass their own). */
export type KeyValueStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

function local(): KeyValueStore | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function createReaderStore(store: () => KeyValueStore | null = local) {
  // The token and the bookmark are read once per site and then kept here: storage that refuses
  // writes still leaves the page a working identity, and its own writes seen.
  const kept = new Map<string, string | null>();
  const get = (key: string): string | null => {
    try {
      return store()?.getItem(key) ?? null;
    } catch {
      return null;
    }
  };
  const set = (key: string, value: string | null): void => {
    try {
      if (value) store()?.setItem(key, value);
      else store()?.removeItem(key);
    } catch {
      /* kept in memory only */
    }
  };
  const read = (key: string): string | null => {
    if (!kept.has(key)) kept.set(key, get(key));
    return kept.get(key)!;
  };
  const keep = (key: string, value: string | null): void => {
    kept.set(key, value);
    set(key, value);
  };
  return {
    token: (site: string): string | null => read(`palabre:token:${site}`),
    saveToken: (site: string, token: string | null): void => keep(`palabre:token:${site}`, token),
    /**
     * In localStorage, like the token, not sessionStorage: a reload or a second tab after a post
     * still reads a replica that holds it. Not personal: a position in the database's history.
     */
    bookmark: (site: string): string | null => read(`palabre:bookmark:${site}`),
    saveBookmark: (site: string, bookmark: string): void => keep(`palabre:bookmark:${site}`, bookmark),
    name: (site: string): string => get(`palabre:name:${site}`) ?? "",
    saveName: (site: string, name: string): void => set(`palabre:name:${site}`, name || null),
  };
}

export type ReaderStore = ReturnType<typeof createReaderStore>;

/** The page's store, shared by every element. */
export const readerStore = createReaderStore();
