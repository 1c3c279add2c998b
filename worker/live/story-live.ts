// One story's live readers (issue 14 point 3): a Durable Object per story, named by its site and key
// (worker/live/notify.ts liveStub), that holds the readers' WebSockets and passes them the notices
// the Worker sends after each write a reader could see. It uses the Hibernation API: the runtime
// keeps the sockets open while the object sleeps, and answers the readers' pings itself, so 10 000
// idle readers cost no duration and no CPU; only a notice (or a reader sending junk) wakes it.
// It keeps nothing: a restart loses no state a reader needs, since the widget catches up through
// the API (its poll) after any reconnect.
import { DurableObject } from "cloudflare:workers";
import { LIVE_MAX_FRAME_BYTES, LIVE_PING, LIVE_POLICY_CLOSE, LIVE_PONG, type LiveNotice } from "../../common/live";
import type { Env } from "../env";

/** Sockets one story's object holds at most; a reader beyond them is told to retry (and polls meanwhile). */
export const MAX_SOCKETS_PER_STORY = 10_000;

/** Seconds a reader refused for want of room waits before trying again. */
export const FULL_RETRY_AFTER_S = 60;

/**
 * Sockets one network (the route's hash of the reader's IP) holds on one story at most. A client
 * needs no cookie to open a socket: without this, one machine could take every seat of a story
 * in a bad buzz. A newsroom or a mobile carrier's shared address keeps room for 50 readers; those
 * past it poll, as every reader without a socket does.
 */
export const MAX_SOCKETS_PER_NETWORK = 50;

/** The route's header naming the reader's network (a keyed hash, never the IP), the socket's tag here. */
export const LIVE_NETWORK_HEADER = "X-Palabre-Live-Network";

/** Close codes a peer may report but no endpoint may send (RFC 6455 7.4.1): answered as a normal close. */
const RESERVED_CLOSE_CODES = new Set([1005, 1006, 1015]);

export class StoryLive extends DurableObject<Env> {
  /**
   * Sockets accepted, at least: counted from getWebSockets() when the object wakes, then only up as
   * readers come (never down, so never under the truth). Listing the sockets costs as many objects
   * as there are readers, so it is counted again only when this says the story is full.
   */
  private atLeast: number | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Answered by the runtime without waking the object: a reader's keep-alive costs nothing here.
    this.ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(LIVE_PING, LIVE_PONG));
  }

  /** The upgrade, already checked by the Worker's route (origin, story key): accepts the socket if there is room. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
      return new Response(null, { status: 426, headers: { Upgrade: "websocket" } });
    }
    if (this.atLeast === null || this.atLeast >= MAX_SOCKETS_PER_STORY) this.atLeast = this.ctx.getWebSockets().length;
    if (this.atLeast >= MAX_SOCKETS_PER_STORY) {
      return new Response(null, { status: 503, headers: { "Retry-After": String(FULL_RETRY_AFTER_S) } });
    }
    // Counted by the runtime from the sockets' tags (at most 50 listed), decided in this one-threaded
    // object: two upgrades of one network at once cannot both take the last seat.
    const network = request.headers.get(LIVE_NETWORK_HEADER);
    if (network && this.ctx.getWebSockets(network).length >= MAX_SOCKETS_PER_NETWORK) {
      return new Response(null, { status: 429, headers: { "Retry-After": String(FULL_RETRY_AFTER_S) } });
    }
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, network ? [network] : []);
    this.atLeast++;
    return new Response(null, { status: 101, webSocket: client });
  }

  /**
   * Sends the notice to every reader of the story (RPC, from worker/live/notify.ts); a socket whose
   * send throws (closing, gone) is skipped. Answers how many were sent.
   */
  async notify(notice: LiveNotice): Promise<number> {
    // Only the contract's fields, whatever the caller passed: nothing else may reach readers.
    const frame = JSON.stringify(notice.t === "new" ? { t: notice.t, id: notice.id, root: notice.root } : { t: notice.t, id: notice.id });
    let sent = 0;
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(frame);
        sent++;
      } catch {
        // the reader is leaving: its close event removes it
      }
    }
    return sent;
  }

  /** How many readers are connected (the tests, and a later count of live readers). */
  async readers(): Promise<number> {
    return this.ctx.getWebSockets().length;
  }

  /**
   * Readers send nothing but pings, which the auto-response answers without reaching here: anything
   * that does (another text, a long frame, a binary one) is a client that does not keep the
   * contract, closed at once rather than read.
   */
  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // A ping that did reach the object (an auto-response set after the socket's frame arrived).
    if (typeof message === "string" && message === LIVE_PING && message.length <= LIVE_MAX_FRAME_BYTES) {
      ws.send(LIVE_PONG);
      return;
    }
    ws.close(LIVE_POLICY_CLOSE, "only pings are accepted");
  }

  /** The reader closed: the close is answered, as the Hibernation API leaves it to the object. */
  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(RESERVED_CLOSE_CODES.has(code) ? 1000 : code, reason);
    } catch {
      // already closed
    }
  }

  override async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
    console.error("live socket error", error);
    try {
      ws.close(1011, "error");
    } catch {
      // already closed
    }
  }
}
