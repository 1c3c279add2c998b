// The story's live channel (a WebSocket to GET /api/v1/{site}/live?story=KEY, common/live.ts): one
// socket per element while its thread is on screen, kept alive by a ping, reopened with a backoff
// when it fails. Only the socket's life is here; what a notice does is the news controller's
// (news.ts), which polls whenever no socket is open. In the forms' chunk, off the first comment's
// path. The socket, the timers and the randomness are given, so that tests drive them by hand.
import { LIVE_PING, parseLiveNotice, type LiveNotice } from "../../common/live";

/** What of a WebSocket the channel uses. */
export interface LiveSocket {
  send(data: string): void;
  close(): void;
  onopen: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: (() => void) | null;
  onerror: (() => void) | null;
}

export interface LiveEnv {
  /** the WebSocket class (none: the browser has none, and the poll does all the work) */
  Socket: (new (url: string) => LiveSocket) | undefined;
  /** runs `fn` in `ms`; returns what cancels it */
  later(fn: () => void, ms: number): () => void;
  random(): number;
}

export interface LiveEvents {
  notice(notice: LiveNotice): void;
  /** a socket opened: what was published before it (since the thread was read, or while none was open) is to be asked for */
  opened(): void;
}

/** A ping this often keeps proxies from closing an idle socket; a silent one is taken for dead. */
export const PING_MS = 30_000;
/** The first retry's delay, doubled at each failure in a row up to MAX_RETRY_MS. */
export const FIRST_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 60_000;

export const browserEnv = (): LiveEnv => ({
  Socket: globalThis.WebSocket as LiveEnv["Socket"],
  later: (fn, ms) => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
  random: Math.random,
});

/** The channel's address beside the API's (`root`: …/api/v1/{site}), ws: or wss: as the API's scheme. */
export function liveUrl(root: string, story: string, base: string): string {
  const url = new URL(`${root}/live`, base);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.search = new URLSearchParams({ story }).toString();
  return url.href;
}

/**
 * The delay before retry number `tries` (1, 2…): 1 s, 2 s, 4 s… up to 60 s, each ±25 % so that the
 * readers a restart dropped together do not all come back in the same instant.
 */
export const retryDelay = (tries: number, random: number): number =>
  Math.round(Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (tries - 1)) * (0.75 + random / 2));

export class LiveChannel {
  /** a socket is open: notices come through it, and the poll rests */
  open = false;
  private socket: LiveSocket | null = null;
  /** where the socket should be; null: nowhere (off screen, hidden, removed) */
  private url: string | null = null;
  /** the last story wanted: a new one starts with no failures */
  private last: string | null = null;
  /** failures in a row: the next retry's delay */
  private tries = 0;
  /** a frame came since the last ping */
  private heard = false;
  private cancel?: () => void;

  constructor(
    private events: LiveEvents,
    private env: LiveEnv,
  ) {}

  /** Keeps one socket open to `url`, or none (null). Called on every change; a same `url` changes nothing. */
  want(url: string | null): void {
    if (url === this.url) return;
    // A socket open when the thread left the screen worked: it is reopened at once.
    if (this.open) this.tries = 0;
    this.stop();
    this.url = url;
    if (!url) return;
    if (url !== this.last) (this.last = url), (this.tries = 0);
    // Back on screen while failing: the backoff goes on (the poll works meanwhile).
    if (this.tries) this.retry();
    else this.connect();
  }

  private connect(): void {
    const { Socket } = this.env;
    if (!Socket || !this.url) return;
    let ws: LiveSocket;
    try {
      ws = new Socket(this.url);
    } catch {
      // A refused address (a page's policy, mixed content): as a failed connection.
      this.failed();
      return;
    }
    this.socket = ws;
    ws.onopen = () => {
      this.open = this.heard = true;
      this.pingLater();
      this.events.opened();
    };
    ws.onmessage = (e) => {
      this.heard = true;
      const notice = parseLiveNotice(e.data);
      if (notice) this.events.notice(notice);
    };
    // Any close, whatever its code, and any error: the poll takes over and the socket is tried again.
    ws.onclose = ws.onerror = () => this.failed();
  }

  private pingLater(): void {
    this.cancel = this.env.later(() => {
      // Nothing since the last ping, not even its pong: a connection that died without a close.
      if (!this.heard) {
        this.failed();
        return;
      }
      this.heard = false;
      // Open for a whole period: the next drop starts the backoff over.
      this.tries = 0;
      // Only while open (a closing socket drops it without throwing).
      this.socket!.send(LIVE_PING);
      this.pingLater();
    }, PING_MS);
  }

  private failed(): void {
    this.stop();
    this.tries++;
    this.retry();
  }

  private retry(): void {
    this.cancel = this.env.later(() => this.connect(), retryDelay(this.tries, this.env.random()));
  }

  /** Closes the socket (its late events are ignored) and cancels what was planned. */
  private stop(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.open = false;
    const ws = this.socket;
    this.socket = null;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    ws.close();
  }
}
