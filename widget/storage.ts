// What the reader's browser remembers per site: the guest commenter token and the name they post
// under. Storage may be missing or refuse (privacy modes, sandboxed frames, a full quota): then the
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
  // The token is read once per site and then kept here: storage that refuses writes still leaves
  // the page a working identity.
  const tokens = new Map<string, string | null>();
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
  return {
    token(site: string): string | null {
      if (!tokens.has(site)) tokens.set(site, get(`palabre:token:${site}`));
      return tokens.get(site)!;
    },
    saveToken(site: string, token: string | null): void {
      tokens.set(site, token);
      set(`palabre:token:${site}`, token);
    },
    name: (site: string): string => get(`palabre:name:${site}`) ?? "",
    saveName: (site: string, name: string): void => set(`palabre:name:${site}`, name || null),
  };
}

export type ReaderStore = ReturnType<typeof createReaderStore>;

/** The page's store, shared by every element. */
export const readerStore = createReaderStore();
