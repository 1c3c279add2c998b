// The live channel of a story: GET /api/v1/{site}/live?story=KEY upgrades to a WebSocket held by the
// story's Durable Object (worker/live/story-live.ts), which pushes a notice after each change a
// reader could see. Only a page of the site opens one: site-scope has refused any other origin, and
// a request without an Origin (no browser page) is refused here, since every browser sends one on
// a WebSocket handshake. Connecting reads nothing of the story: an unknown key only gets no notice.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { ApiError } from "../lib/errors";
import { parseOrThrow } from "../lib/validate";
import { liveQuery } from "../schemas/reader";
import { liveStub } from "../live/notify";
import { FULL_RETRY_AFTER_S, LIVE_NETWORK_HEADER } from "../live/story-live";
import { clientIp, ipHash } from "../lib/hash";

export const liveRoutes = new Hono<AppEnv>().get("/live", async (c) => {
  if (c.req.header("Origin") === undefined) {
    throw new ApiError(403, "origin_required", "The live channel is open only to the site's pages (an Origin header is required).");
  }
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
    throw new ApiError(426, "upgrade_required", "The live channel is a WebSocket: ask for it with Upgrade: websocket.", undefined, {
      headers: { Upgrade: "websocket" },
    });
  }
  const { story } = parseOrThrow(liveQuery, { story: c.req.query("story") });
  // The reader's network, as a keyed hash scoped to the live channel: the object counts its sockets by it.
  const upgrade = new Request(c.req.raw.url, { headers: c.req.raw.headers });
  upgrade.headers.set(LIVE_NETWORK_HEADER, await ipHash(`${c.var.site.id}:live`, clientIp(c.req.raw.headers)));
  const res = await liveStub(c.env, c.var.site.id, story).fetch(upgrade);
  if (res.status === 429) {
    const retryAfter = Number(res.headers.get("Retry-After") ?? FULL_RETRY_AFTER_S);
    throw new ApiError(
      429,
      "flood",
      "Too many live connections to this discussion from your network: its news comes by polling.",
      undefined,
      {
        details: { retryAfter },
        headers: { "Retry-After": String(retryAfter) },
      },
    );
  }
  if (res.status === 503) {
    throw new ApiError(503, "internal", "This discussion has too many live readers right now: try again later.", undefined, {
      headers: { "Retry-After": res.headers.get("Retry-After") ?? String(FULL_RETRY_AFTER_S) },
    });
  }
  if (res.status !== 101 || !res.webSocket) throw new Error(`the story's object answered ${res.status} to an upgrade`);
  // A new response: the object's has immutable headers, and the middlewares above add theirs.
  return new Response(null, { status: 101, webSocket: res.webSocket });
});
