// What the reader's browser remembers (widget/storage.ts): the guest token and the name, per
// site, and a working page when storage is missing or refuses.
import { describe, expect, it } from "vitest";
import { createReaderStore, type KeyValueStore } from "../../widget/storage";

function memory(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const refusing: KeyValueStore = {
  getItem: () => {
    throw new DOMException("denied", "SecurityError");
  },
  setItem: () => {
    throw new DOMException("full", "QuotaExceededError");
  },
  removeItem: () => {
    throw new DOMException("denied", "SecurityError");
  },
};

describe("createReaderStore", () => {
  it("keeps the token and the name per site, under palabre: keys", () => {
    const store = memory();
    const reader = createReaderStore(() => store);
    reader.saveToken("journal", "tok-1");
    reader.saveName("journal", "Camille");
    expect(reader.token("journal")).toBe("tok-1");
    expect(reader.token("band")).toBeNull();
    expect(reader.name("journal")).toBe("Camille");
    expect(reader.name("band")).toBe("");
    expect([...store.data.keys()].sort()).toEqual(["palabre:name:journal", "palabre:token:journal"]);
  });

  it("reads what an earlier page stored, and forgets a token on request", () => {
    const store = memory();
    store.data.set("palabre:token:journal", "from-yesterday");
    const reader = createReaderStore(() => store);
    expect(reader.token("journal")).toBe("from-yesterday");
    reader.saveToken("journal", null);
    expect(reader.token("journal")).toBeNull();
    expect(store.data.has("palabre:token:journal")).toBe(false);
  });

  it("keeps the token for the page when storage refuses, and reads no name", () => {
    const reader = createReaderStore(() => refusing);
    expect(reader.token("journal")).toBeNull();
    reader.saveToken("journal", "tok-2");
    expect(reader.token("journal")).toBe("tok-2");
    expect(() => reader.saveName("journal", "Camille")).not.toThrow();
    expect(reader.name("journal")).toBe("");
  });

  it("works with no storage at all", () => {
    const reader = createReaderStore(() => null);
    reader.saveToken("journal", "tok-3");
    expect(reader.token("journal")).toBe("tok-3");
    expect(reader.name("journal")).toBe("");
  });

  it("does not store an empty name", () => {
    const store = memory();
    createReaderStore(() => store).saveName("journal", "");
    expect(store.data.size).toBe(0);
  });
});
