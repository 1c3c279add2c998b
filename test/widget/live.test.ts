// The widget's side of the live channel (widget/comments/live.ts, news.ts; the server's side is
// test/worker/live): one socket while the thread is on screen, notices counted and announced as
// the poll announces news, the poll taking over whenever no socket is open, reconnects backing
// off. A small WebSocket stands in for the browser's, a clock whose timers the test fires by hand
// for the browser's timers, and a fetch that answers the news request as the reader API does.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CommentView, NewsResponse } from "../../worker/schemas/views";
import { createApi } from "../../widget/api";
import type { CommentsHost } from "../../widget/comments/host";
import type { InViewController } from "../../widget/comments/in-view";
import { LiveChannel, type LiveEnv, type LiveSocket, MAX_RETRY_MS, PING_MS, retryDelay } from "../../widget/comments/live";
import { NewsController } from "../../widget/comments/news";
import { poll, show } from "../../widget/comments/news-poll";
import { ThreadController } from "../../widget/comments/thread-state";

class FakeSocket implements LiveSocket {
  sent: string[] = [];
  closed = false;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(
    readonly url: string,
    all: FakeSocket[],
  ) {
    all.push(this);
  }
  send(data: string): void {
    this.sent.push(data);
  }
  close(): void {
    this.closed = true;
  }
  // The server's side.
  accept(): void {
    this.onopen?.();
  }
  push(frame: unknown): void {
    this.onmessage?.({ data: frame });
  }
  drop(): void {
    this.onclose?.();
  }
}

interface Timer {
  fn: () => void;
  ms: number;
  on: boolean;
}

/** The timers and sockets the channel was given, each driven by the test. */
function fakeEnv(opts: { refuse?: boolean } = {}) {
  const sockets: FakeSocket[] = [];
  const timers: Timer[] = [];
  const env: LiveEnv = {
    Socket: class extends FakeSocket {
      constructor(url: string) {
        if (opts.refuse) throw new DOMException("refused", "SecurityError");
        super(url, sockets);
      }
    },
    later: (fn, ms) => {
      const t = { fn, ms, on: true };
      timers.push(t);
      return () => void (t.on = false);
    },
    random: () => 0.5,
  };
  const due = () => timers.filter((t) => t.on);
  /** Runs the first timer still due of `ms` (any when not given). */
  const fire = (ms?: number) => {
    const t = due().find((x) => ms === undefined || x.ms === ms);
    if (!t) throw new Error(`no timer of ${ms} ms due (due: ${due().map((x) => x.ms)})`);
    t.on = false;
    t.fn();
  };
  const last = () => sockets[sockets.length - 1]!;
  const opened = () => sockets.filter((s) => !s.closed);
  return { env, sockets, due, fire, last, opened };
}

const comment = (id: number, rootId: number | null = null): CommentView =>
  ({
    id,
    parentId: rootId,
    rootId,
    depth: rootId ? 1 : 0,
    replyTo: null,
    author: { name: `Reader ${id}` },
    body: `Comment ${id}`,
    status: "published",
    createdAt: "2026-12-03T10:00:00.000Z",
    replyCount: 0,
    featured: null,
    reactions: 0,
    reacted: false,
    own: false,
    editedAt: null,
  }) as unknown as CommentView;

const news = (comments: CommentView[], latestId = Math.max(0, ...comments.map((c) => c.id))): NewsResponse => ({
  newCount: comments.length,
  comments,
  more: false,
  latestId,
  commentCount: comments.length,
});

const SITE = "journal";
const STORY = "https://news.example/2026/12/story";

/** A discussion on screen (latest id 10), its news controller, and what the news request was asked. */
function discussion(opts: { refuse?: boolean } = {}) {
  const fake = fakeEnv(opts);
  const requests: string[] = [];
  let answer = news([]);
  vi.stubGlobal("fetch", async (url: string) => {
    requests.push(url);
    return new Response(JSON.stringify(answer), { headers: { "Content-Type": "application/json" } });
  });
  const host = {
    status: "",
    now: 0,
    storyKey: STORY,
    client: createApi("https://palabre.test", SITE),
    forms: { t: { newComments: (n: number) => (n === 1 ? "1 nouveau commentaire" : `${n} nouveaux commentaires`) } },
    addController: () => {},
    requestUpdate: () => {},
    focusAfter: async () => {},
  } as unknown as CommentsHost & { thread: ThreadController };
  const thread = new ThreadController(host);
  (host as { thread: ThreadController }).thread = thread;
  thread.set({ phase: "ready", latestId: 10, comments: [{ ...comment(10), replies: [], repliesCursor: null }] });
  const inView = { visible: true } as InViewController;
  const controller = new NewsController(host, inView, fake.env);
  return {
    ...fake,
    host,
    thread,
    inView,
    news: controller,
    requests,
    answer: (next: NewsResponse) => void (answer = next),
  };
}

/** The socket opened, and its catch-up request (what was published since the thread's read) answered. */
async function opened(d: ReturnType<typeof discussion>): Promise<FakeSocket> {
  d.news.watch();
  const before = d.requests.length;
  d.last().accept();
  await vi.waitFor(() => expect(d.requests).toHaveLength(before + 1));
  await vi.waitFor(() => expect(d.news.answered).toBe(d.news.asked));
  return d.last();
}

const page = { visibilityState: "visible" as DocumentVisibilityState };

beforeEach(() => {
  page.visibilityState = "visible";
  vi.stubGlobal("document", {
    get visibilityState() {
      return page.visibilityState;
    },
    baseURI: `${STORY}?utm=x`,
    addEventListener: () => {},
    removeEventListener: () => {},
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the socket of a thread on screen", () => {
  it("goes to the API's origin (wss: for https:) with the site and the story only", () => {
    const d = discussion();
    d.news.watch();
    expect(d.sockets).toHaveLength(1);
    const url = new URL(d.last().url);
    expect(url.origin).toBe("wss://palabre.test");
    expect(url.pathname).toBe(`/api/v1/${SITE}/live`);
    expect([...url.searchParams]).toEqual([["story", STORY]]);
  });

  it("is one per element, however often the element renders, and closes off screen, in a hidden tab and when removed", () => {
    const d = discussion();
    for (let i = 0; i < 5; i++) d.news.hostUpdated();
    d.last().accept();
    d.news.hostUpdated();
    expect(d.sockets).toHaveLength(1);
    d.inView.visible = false;
    d.news.watch();
    expect(d.opened()).toHaveLength(0);
    d.inView.visible = true;
    d.news.watch();
    expect(d.opened()).toHaveLength(1);
    page.visibilityState = "hidden";
    d.news.watch();
    expect(d.opened()).toHaveLength(0);
    page.visibilityState = "visible";
    d.news.watch();
    expect(d.opened()).toHaveLength(1);
    d.news.hostDisconnected();
    expect(d.opened()).toHaveLength(0);
    expect(d.due()).toHaveLength(0);
    expect(d.sockets).toHaveLength(3);
  });

  it("sends a ping every 30 s while open, and nothing else", () => {
    const d = discussion();
    d.news.watch();
    d.last().accept();
    d.fire(PING_MS);
    d.last().push("pong");
    d.fire(PING_MS);
    expect(d.last().sent).toEqual(["ping", "ping"]);
    expect(d.last().closed).toBe(false);
  });

  it("takes a socket silent for a whole ping period for dead: closed, and tried again", () => {
    const d = discussion();
    d.news.watch();
    d.last().accept();
    d.fire(PING_MS);
    d.fire(PING_MS); // no pong came
    expect(d.last().closed).toBe(true);
    d.fire(retryDelay(1, 0.5));
    expect(d.sockets).toHaveLength(2);
  });
});

describe("notices", () => {
  it("count each new comment once, above the thread's latest id, announced together without a request", async () => {
    const d = discussion();
    await opened(d);
    for (const frame of [
      '{"t":"new","id":11,"root":null}',
      '{"t":"new","id":11,"root":null}',
      '{"t":"new","id":9,"root":null}',
      '{"t":"new","id":10,"root":null}',
      "pong",
      "not json",
      '{"t":"new","id":"12"}',
      '{"t":"new","id":12,"root":null}',
    ])
      d.last().push(frame);
    expect(d.news.count).toBe(2);
    expect(d.host.status).toBe(""); // said once for the burst, a moment later
    d.fire(300);
    expect(d.host.status).toBe("2 nouveaux commentaires");
    d.last().push('{"t":"new","id":13,"root":null}');
    d.fire(300);
    expect(d.host.status).toBe("3 nouveaux commentaires");
    expect(d.news.count).toBe(3);
    expect(d.requests).toHaveLength(1); // the socket's catch-up, when it opened
  });

  it("count a reply only in a thread the page shows, as the poll does", async () => {
    const d = discussion();
    await opened(d);
    // comment 10 is on the page (discussion()); 7's thread is not
    d.last().push('{"t":"new","id":11,"root":7}');
    d.last().push('{"t":"new","id":12,"root":10}');
    d.last().push('{"t":"new","id":13,"root":"10"}');
    d.fire(300);
    expect(d.news.count).toBe(1);
    expect(d.host.status).toBe("1 nouveau commentaire");
  });

  it("do not count the reader's own comment, whose notice may come before the answer to their post", async () => {
    const d = discussion();
    await opened(d);
    d.last().push('{"t":"new","id":11,"root":null}');
    d.thread.set({ mine: new Set([11]) });
    d.fire(300);
    expect(d.news.count).toBe(0);
    expect(d.host.status).toBe("");
  });

  it("are loaded by one news request when the reader asks to see them, and shown", async () => {
    const d = discussion();
    await opened(d);
    d.last().push('{"t":"new","id":11,"root":null}');
    d.last().push('{"t":"new","id":12,"root":null}');
    d.fire(300);
    d.answer(news([comment(11), comment(12, 10)]));
    await show(d.host, d.news);
    expect(d.requests).toHaveLength(2);
    const asked = new URL(d.requests[1]!);
    expect(asked.pathname).toBe(`/api/v1/${SITE}/news`);
    expect(asked.searchParams.get("after")).toBe("10");
    expect(d.thread.comments.map((c) => [c.id, c.replies.map((r) => r.id)])).toEqual([
      [11, []],
      [10, [12]],
    ]);
    expect(d.thread.latestId).toBe(12);
    expect(d.news.count).toBe(0);
    // A notice for what is on screen now counts for nothing.
    d.last().push('{"t":"new","id":12,"root":null}');
    expect(d.news.count).toBe(0);
  });

  it("forget what a news answer covers: a comment removed before it was shown is no longer counted", async () => {
    const d = discussion();
    await opened(d);
    d.last().push('{"t":"new","id":11,"root":null}');
    d.last().push('{"t":"new","id":12,"root":null}');
    d.last().drop(); // the poll takes over
    d.answer(news([comment(12)], 12)); // 11 was removed meanwhile
    d.news.tick();
    await vi.waitFor(() => expect(d.news.fresh.map((c) => c.id)).toEqual([12]));
    expect(d.news.count).toBe(1);
  });

  it("`changed` refreshes an announced comment not shown yet (once for a burst), and nothing else", async () => {
    const d = discussion();
    d.answer(news([comment(11)]));
    d.news.tick(); // no socket yet: the poll
    await vi.waitFor(() => expect(d.news.fresh).toHaveLength(1));
    await opened(d);
    d.last().push('{"t":"changed","id":10}'); // on screen: stays as it is until a reload
    expect(d.due().filter((t) => t.ms !== PING_MS)).toHaveLength(0);
    d.last().push('{"t":"changed","id":11}');
    d.last().push('{"t":"changed","id":11}');
    const refresh = d.due().filter((t) => t.ms !== PING_MS);
    expect(refresh).toHaveLength(1);
    expect(refresh[0]!.ms).toBeLessThanOrEqual(2000);
    d.answer(news([{ ...comment(11), body: "Edited", editedAt: "2026-12-03T10:01:00.000Z" }]));
    d.fire(refresh[0]!.ms);
    await vi.waitFor(() => expect(d.news.fresh[0]!.body).toBe("Edited"));
    expect(d.requests).toHaveLength(3); // the poll, the socket's catch-up, the refresh
  });
});

describe("the poll, when no socket is open", () => {
  it("does not run while the socket is open, and runs at the next tick once it drops", async () => {
    const d = discussion();
    await opened(d);
    for (let i = 0; i < 3; i++) d.news.tick();
    await Promise.resolve();
    expect(d.requests).toHaveLength(1);
    d.last().drop();
    d.news.tick();
    await vi.waitFor(() => expect(d.requests).toHaveLength(2));
    expect(new URL(d.requests[1]!).pathname).toBe(`/api/v1/${SITE}/news`);
  });

  it("does all the work when the socket cannot open, as when the browser refuses the address", async () => {
    for (const refuse of [false, true]) {
      const d = discussion({ refuse });
      d.news.watch();
      d.last()?.drop(); // refused by the server (or never built)
      d.news.tick();
      d.news.tick();
      await vi.waitFor(() => expect(d.requests).toHaveLength(2));
      expect(d.due().map((t) => t.ms)).toEqual([retryDelay(1, 0.5)]);
    }
  });

  it("keeps the later of two answers that crossed (a socket's catch-up beside a tick)", async () => {
    const d = discussion();
    const gates: Array<(answer: NewsResponse) => void> = [];
    vi.stubGlobal(
      "fetch",
      () =>
        new Promise<Response>((resolve) =>
          gates.push((a) => resolve(new Response(JSON.stringify(a), { headers: { "Content-Type": "application/json" } }))),
        ),
    );
    const older = poll(d.host, d.news);
    const later = poll(d.host, d.news);
    await vi.waitFor(() => expect(gates).toHaveLength(2));
    gates[1]!(news([comment(11), comment(12)]));
    await later;
    gates[0]!(news([comment(11)]));
    await older;
    expect(d.news.fresh.map((c) => c.id)).toEqual([11, 12]);
  });

  it("does not run off screen or in a hidden tab, socket or not", async () => {
    const d = discussion();
    d.inView.visible = false;
    d.news.watch();
    d.news.tick();
    d.inView.visible = true;
    page.visibilityState = "hidden";
    d.news.tick();
    await Promise.resolve();
    expect(d.requests).toEqual([]);
    expect(d.sockets).toHaveLength(0);
  });

  it("runs once each time a socket opens, to catch up on what was published while none was", async () => {
    const d = discussion();
    // The first: between the thread's read and the socket (the forms' chunk comes when idle).
    d.answer(news([comment(11)]));
    await opened(d);
    expect(d.news.fresh.map((c) => c.id)).toEqual([11]);
    expect(d.host.status).toBe("1 nouveau commentaire");
    // After a drop.
    d.last().drop();
    d.fire(retryDelay(1, 0.5));
    await opened(d);
    // Back on screen after a while off it: notices were missed too.
    d.inView.visible = false;
    d.news.watch();
    d.inView.visible = true;
    await opened(d);
    expect(d.requests).toHaveLength(3);
    expect(d.sockets).toHaveLength(3);
  });
});

describe("reconnecting", () => {
  it("backs off 1 s, 2 s, 4 s… up to 60 s while the socket keeps failing", () => {
    const d = discussion();
    d.news.watch();
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      d.last().drop();
      const [retry] = d.due();
      delays.push(retry!.ms);
      d.fire(retry!.ms);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    expect(d.sockets).toHaveLength(10);
    expect(d.opened()).toHaveLength(1);
  });

  it("spreads each delay by up to a quarter either way", () => {
    expect([retryDelay(1, 0), retryDelay(1, 0.999999), retryDelay(3, 0), retryDelay(10, 0.999999)]).toEqual([
      750,
      1250,
      3000,
      Math.round(MAX_RETRY_MS * 1.25),
    ]);
  });

  it("starts over after a socket that stayed open a whole ping period; not after one that dropped at once", () => {
    const d = discussion();
    d.news.watch();
    for (let i = 0; i < 3; i++) {
      d.last().drop();
      d.fire();
    }
    d.last().accept();
    d.last().drop(); // opened, then closed at once (a server refusing, a restart)
    expect(d.due().map((t) => t.ms)).toEqual([8000]);
    d.fire();
    d.last().accept();
    d.fire(PING_MS);
    d.last().drop();
    expect(d.due().map((t) => t.ms)).toEqual([1000]);
  });

  it("goes on backing off when the thread comes back on screen, and starts clean for another story", () => {
    const d = discussion();
    d.news.watch();
    d.last().drop();
    d.fire();
    d.last().drop();
    d.inView.visible = false;
    d.news.watch();
    expect(d.due()).toHaveLength(0);
    d.inView.visible = true;
    d.news.watch();
    expect(d.due().map((t) => t.ms)).toEqual([2000]);
    expect(d.sockets).toHaveLength(2);
    (d.host as { storyKey: string }).storyKey = "another-story";
    d.news.watch();
    expect(d.due()).toHaveLength(0);
    expect(d.sockets).toHaveLength(3);
    expect(new URL(d.last().url).searchParams.get("story")).toBe("another-story");
  });

  it("ignores what a closed socket says after it was replaced", () => {
    const events = { notices: [] as unknown[], opened: 0 };
    const fake = fakeEnv();
    const live = new LiveChannel({ notice: (n) => events.notices.push(n), opened: () => events.opened++ }, fake.env);
    live.want("wss://palabre.test/api/v1/journal/live?story=a");
    const first = fake.last();
    live.want("wss://palabre.test/api/v1/journal/live?story=b");
    first.accept();
    first.push('{"t":"new","id":5,"root":null}');
    first.drop();
    expect(events).toEqual({ notices: [], opened: 0 });
    expect(live.open).toBe(false);
    expect(fake.due()).toHaveLength(0);
    fake.last().accept();
    fake.last().push('{"t":"new","id":6,"root":null}');
    expect(events).toEqual({ notices: [{ t: "new", id: 6, root: null }], opened: 1 });
  });
});
