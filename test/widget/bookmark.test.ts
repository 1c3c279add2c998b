// The widget's side of the D1 bookmark (widget/api.ts, widget/storage.ts; the server's side is
// test/worker/sessions): the API client keeps the bookmark an answer carries, per site, and sends
// it back on its next request, so the reader's reads see their own writes. A fetch standing in for
// the server records what each request sent and answers as the reader API does.
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiFailure, createApi } from "../../widget/api";
import { post } from "../../widget/api-calls";
import { createReaderStore, readerStore, type KeyValueStore } from "../../widget/storage";

const HEADER = "X-Palabre-Bookmark";
const mark = (n: number) => `00000000-${n.toString(16).padStart(8, "0")}-00000000-${"0".repeat(32)}`;

interface Sent {
  url: string;
  method: string;
  bookmark: string | null;
}

/** A server whose answers carry `answers[i]` as the i-th request's bookmark (null: none). */
function server(answers: Array<string | null>, status = 200): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    sent.push({ url, method: init.method ?? "GET", bookmark: new Headers(init.headers).get(HEADER) });
    const bookmark = answers[sent.length - 1] ?? null;
    const body = status === 200 ? { comments: [], comment: { id: 1 } } : { error: { code: "not_found", message: "no" } };
    return new Response(JSON.stringify(body), {
      status,
      headers: { "Content-Type": "application/json", ...(bookmark ? { [HEADER]: bookmark } : {}) },
    });
  });
  return sent;
}

let siteCount = 0;
const newSite = () => `bookmark-site-${++siteCount}`;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the API client and the D1 bookmark", () => {
  it("sends none before an answer carried one, then sends back the last one received", async () => {
    const site = newSite();
    const api = createApi("https://palabre.test", site);
    const sent = server([null, mark(5), mark(7), mark(9)]);
    await api.thread({ story: "s", sort: "newest" });
    await post(api, { story: "s", body: "Bonjour", author: { name: "Ana" } }, "key-1");
    expect(readerStore.bookmark(site)).toBe(mark(5));
    await api.thread({ story: "s", sort: "newest" });
    await api.thread({ story: "s", sort: "newest" });
    expect(sent.map((s) => [s.method, s.bookmark])).toEqual([
      ["GET", null],
      ["POST", null],
      ["GET", mark(5)],
      ["GET", mark(7)],
    ]);
    expect(readerStore.bookmark(site)).toBe(mark(9));
  });

  it("keeps a bookmark per site: one site's never goes to another", async () => {
    const [a, b] = [newSite(), newSite()];
    const sent = server([mark(3), null]);
    await createApi("https://palabre.test", a).thread({ story: "s", sort: "newest" });
    await createApi("https://palabre.test", b).thread({ story: "s", sort: "newest" });
    expect(sent[1]!.bookmark).toBeNull();
    expect(readerStore.bookmark(a)).toBe(mark(3));
    expect(readerStore.bookmark(b)).toBeNull();
  });

  it("keeps the bookmark of a refused answer, and the last one when no answer came back", async () => {
    const site = newSite();
    const api = createApi("https://palabre.test", site);
    server([mark(4)], 404);
    await expect(api.thread({ story: "s", sort: "newest" })).rejects.toBeInstanceOf(ApiFailure);
    expect(readerStore.bookmark(site)).toBe(mark(4));
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(api.thread({ story: "s", sort: "newest" })).rejects.toMatchObject({ code: "network" });
    expect(readerStore.bookmark(site)).toBe(mark(4));
  });

  it("replaces a damaged stored bookmark with the server's next one (the server ignores what it cannot read)", async () => {
    const site = newSite();
    readerStore.saveBookmark(site, "damaged");
    const sent = server([mark(11)]);
    await createApi("https://palabre.test", site).thread({ story: "s", sort: "newest" });
    expect(sent[0]!.bookmark).toBe("damaged");
    expect(readerStore.bookmark(site)).toBe(mark(11));
  });
});

describe("the bookmark in the reader's storage", () => {
  it("is stored under palabre:bookmark:{site}, read back by the next page", () => {
    const data = new Map<string, string>();
    const store: KeyValueStore = {
      getItem: (k) => data.get(k) ?? null,
      setItem: (k, v) => void data.set(k, v),
      removeItem: (k) => void data.delete(k),
    };
    createReaderStore(() => store).saveBookmark("journal", mark(2));
    expect([...data]).toEqual([["palabre:bookmark:journal", mark(2)]]);
    expect(createReaderStore(() => store).bookmark("journal")).toBe(mark(2));
    expect(createReaderStore(() => store).bookmark("band")).toBeNull();
  });

  it("lives in memory when storage refuses, for as long as the page", () => {
    const refusing: KeyValueStore = {
      getItem: () => {
        throw new DOMException("denied", "SecurityError");
      },
      setItem: () => {
        throw new DOMException("full", "QuotaExceededError");
      },
      removeItem: () => undefined,
    };
    const reader = createReaderStore(() => refusing);
    expect(reader.bookmark("journal")).toBeNull();
    reader.saveBookmark("journal", mark(8));
    expect(reader.bookmark("journal")).toBe(mark(8));
  });
});
