// Live threads: while the discussion is on screen and the tab visible, a socket to the story's
// live channel (live.ts) says when a comment is published; without one (it cannot open, it
// dropped), one conditional request every 15 s asks for comments posted since the story was read
// (news-poll.ts). This controller holds the clock, the socket, and what the button will show. It
// comes with the lazy forms chunk, which the idle browser loads soon after the first comment:
// nothing is new before the first tick anyway.
import type { LiveNotice } from "../../common/live";
import type { CommentView } from "../../worker/schemas/views";
import type { ReactiveController } from "../element";
import type { CommentsHost } from "./host";
import type { InViewController } from "./in-view";
import { browserEnv, LiveChannel, liveUrl, type LiveEnv } from "./live";
import { poll } from "./news-poll";

const POLL_MS = 15_000;
/**
 * Notices are announced together, this long after the first: a burst is one announcement, and the
 * reader's own comment (whose notice may come before the answer to their post) is not counted.
 */
const ANNOUNCE_MS = 300;
/** A `changed` notice refreshes what the button holds within this long, at a random moment (a herd spread). */
const REFRESH_MS = 2_000;

export class NewsController implements ReactiveController {
  /** new comments the button will show, oldest first */
  fresh: CommentView[] = [];
  /** the newest id the last answer went up to, when it held everything newer */
  through = 0;
  /** comments the socket said were published, not loaded yet: the news request loads them on "show" */
  pending = new Set<number>();
  readonly live: LiveChannel;
  /** news requests sent, and the latest one whose answer was taken */
  asked = 0;
  answered = 0;
  private timer?: ReturnType<typeof setInterval>;
  /** what the status line last said of the count */
  private said = 0;
  private announcing?: () => void;
  private refreshing?: () => void;

  constructor(
    private host: CommentsHost,
    readonly inView: InViewController,
    private env: LiveEnv = browserEnv(),
  ) {
    this.live = new LiveChannel(
      {
        notice: (n) => this.notice(n),
        // What was published while no socket was open (between the thread's read and the first
        // socket, off screen, dropped) is asked for once: one request per socket, not per 15 s.
        opened: () => void poll(host, this),
      },
      env,
    );
    host.addController(this);
  }

  hostConnected(): void {
    // The clock moves relative times and edit windows along; news come with the same tick.
    this.timer = setInterval(() => this.tick(), POLL_MS);
    document.addEventListener("visibilitychange", this.watch);
    this.watch();
  }

  hostUpdated(): void {
    this.watch();
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
    document.removeEventListener("visibilitychange", this.watch);
    this.live.want(null);
  }

  /** The clock's tick: a poll, unless a socket is open (its notices say what the poll would). */
  tick(): void {
    this.host.now = Date.now();
    if (this.watching() && !this.live.open) void poll(this.host, this);
  }

  private watching(): boolean {
    return this.inView.visible && document.visibilityState === "visible";
  }

  /** One socket while the thread is on screen and the tab visible, to the thread's story; none else. */
  watch = (): void => {
    const { client, thread, storyKey } = this.host;
    const on = !!client && (thread.phase === "ready" || thread.phase === "loading") && this.watching();
    this.live.want(on ? liveUrl(client.root, storyKey, document.baseURI) : null);
  };

  /** A notice from the socket: counted and announced (`new`), or what the button holds refreshed (`changed`). */
  notice(n: LiveNotice): void {
    const thread = this.host.thread;
    // A reload under way reads what the notice is about.
    if (thread.phase !== "ready") return;
    if (n.t === "new") {
      if (n.id <= Math.max(thread.latestId, this.through) || this.pending.has(n.id) || this.fresh.some((c) => c.id === n.id)) return;
      // As the poll: a reply counts only in a thread the page shows (news-poll.ts places the rest nowhere).
      if (n.root !== null && !thread.comments.some((c) => c.id === n.root)) return;
      this.pending.add(n.id);
      this.announcing ??= this.env.later(() => {
        this.announcing = undefined;
        this.announce();
      }, ANNOUNCE_MS);
    } else if (this.fresh.some((c) => c.id === n.id)) {
      // Only what the button holds is refreshed, as the poll does: an announced comment edited or
      // removed before it is shown. Comments on screen stay as they are until a reload.
      this.refreshing ??= this.env.later(() => {
        this.refreshing = undefined;
        void poll(this.host, this);
      }, this.env.random() * REFRESH_MS);
    }
  }

  /** How many comments the button offers: those loaded, and those announced by the socket (not the reader's own). */
  get count(): number {
    const { latestId, mine } = this.host.thread;
    let n = this.fresh.length;
    for (const id of this.pending) if (id > latestId && !mine.has(id) && !this.fresh.some((c) => c.id === id)) n++;
    return n;
  }

  /** Says the count politely when it changed (the button shows them on request). */
  announce(): void {
    const n = this.count;
    if (n && n !== this.said) this.host.status = this.host.forms!.t.newComments(n);
    this.said = n;
    this.host.requestUpdate();
  }

  /** What the button will show now (renders the button and its count). */
  offer(fresh: CommentView[]): void {
    this.fresh = fresh;
    this.host.requestUpdate();
  }

  /** An answer of the news request: the socket's ids it covers are loaded or gone (removed, the reader's own). */
  covered(upTo: number): void {
    for (const id of this.pending) if (id <= upTo) this.pending.delete(id), this.host.requestUpdate();
  }

  /** A new first page replaces what was announced. */
  reset(): void {
    this.fresh = [];
    this.through = 0;
    this.pending.clear();
    this.said = 0;
  }
}
