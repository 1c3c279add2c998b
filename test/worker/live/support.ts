// A live reader for the tests: a WebSocket opened through the Worker (GET /api/v1/{site}/live), its
// frames kept in order and awaited one by one, and its close awaited. No test waits for a time:
// each waits for the frame or the close it expects (a missing one fails on the test's timeout).
import { env } from "cloudflare:workers";
import { liveStub } from "../../../worker/live/notify";
import { api, sitePath, type TestSite } from "../support";

export interface LiveReader {
  ws: WebSocket;
  /** the next frame not read yet (text frames as strings) */
  next(): Promise<string | ArrayBuffer>;
  /** the next frame, read as a notice */
  nextNotice(): Promise<unknown>;
  /** resolves with the close the server sent (or the socket's end) */
  closed: Promise<{ code: number; reason: string }>;
}

/** The upgrade request, as a page of `origin` sends it (null: no Origin). */
export function liveRequest(site: TestSite | string, story: string, origin: string | null, upgrade = true): Promise<Response> {
  return api(sitePath(site, `/live?story=${encodeURIComponent(story)}`), {
    origin,
    headers: upgrade ? { Upgrade: "websocket" } : {},
  });
}

/** Opens a live socket from the site's origin and starts keeping its frames. */
export async function openLive(site: TestSite, story: string): Promise<LiveReader> {
  const res = await liveRequest(site, story, site.origin);
  if (res.status !== 101 || !res.webSocket) throw new Error(`expected 101, got ${res.status}: ${await res.text()}`);
  return keep(res.webSocket);
}

function keep(ws: WebSocket): LiveReader {
  const frames: Array<string | ArrayBuffer> = [];
  const waiting: Array<(frame: string | ArrayBuffer) => void> = [];
  ws.addEventListener("message", (event) => {
    const frame = event.data as string | ArrayBuffer;
    const take = waiting.shift();
    if (take) take(frame);
    else frames.push(frame);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.addEventListener("close", (event) => resolve({ code: event.code, reason: event.reason }));
  });
  ws.accept();
  const next = () =>
    new Promise<string | ArrayBuffer>((resolve) => {
      const frame = frames.shift();
      if (frame !== undefined) resolve(frame);
      else waiting.push(resolve);
    });
  return {
    ws,
    next,
    nextNotice: async () => JSON.parse((await next()) as string),
    closed,
  };
}

/** The story's object, as the Worker names it. */
export function storyObject(site: TestSite, story: string) {
  return liveStub(env, site.id, story);
}
