// Reader routes for writing: posting a comment or a reply (through the moderation pipeline), the
// author's edits and deletions, and reactions.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import { readerCredential } from "../auth/reader";
import { clientIp } from "../lib/hash";
import { limitBody } from "../lib/body-limit";
import { jsonBody, parseOrThrow } from "../lib/validate";
import { commentIdParam, editCommentBody, postCommentBody } from "../schemas/reader";
import { postComment } from "../services/comments";
import { deleteComment, editOwnComment } from "../services/own-comments";
import { setReaction } from "../services/reactions";
import { checkHuman, TURNSTILE_HEADER } from "../services/bot-check";
import { requestLocale } from "../locales/reasons";
import { withSite } from "../lib/site-scope";
import { storyNotifier, type StoryNotifier } from "../live/notify";

/** A write's credential: a malformed header or a bad SSO token is refused (401). */
function writingCredential(c: Context<AppEnv>, now: number) {
  return readerCredential(c.var.site, c.req.header("Authorization"), { strict: true, now });
}

/** The live readers of this site's stories (worker/live), told after the write, without delaying it. */
function liveOf(c: Context<AppEnv>): StoryNotifier {
  return storyNotifier(c, c.var.site.id);
}

function commentId(c: Context<AppEnv>): number {
  return parseOrThrow(commentIdParam, { id: c.req.param("id") }).id;
}

export const commentRoutes = new Hono<AppEnv>()
  // The site is checked inside the post's first batch (withSite): a post is two round trips.
  .post("/comments", limitBody, jsonBody(postCommentBody), async (c) => {
    // A Turnstile token passes once: when the post runs again under the site's new row, the
    // check it already passed stands.
    let human = false;
    const saved = await withSite(c, async (db, site) => {
      const now = Date.now();
      const poster = {
        credential: await readerCredential(site, c.req.header("Authorization"), { strict: true, now }),
        ip: clientIp(c.req.raw.headers),
        idempotencyKey: c.req.header("Idempotency-Key"),
      };
      // Every guest post is checked, a guest token or not: only a sign-in through the site is an
      // identity someone vouches for. Where guests may not post, the pipeline refuses them anyway.
      if (!human && poster.credential?.kind !== "sso" && site.settings.guestPosting) {
        await checkHuman(c.env, site, { token: c.req.header(TURNSTILE_HEADER), ip: poster.ip, retryKey: poster.idempotencyKey });
        human = true;
      }
      const locale = requestLocale(c.req.header("Accept-Language"), site.settings.defaultLocale);
      return postComment(db, site, c.req.valid("json"), poster, now, locale);
    });
    // A held post is news to no reader until approved (services/admin/moderation.ts tells them then).
    if (saved.comment.status === "published")
      liveOf(c)(c.req.valid("json").story, { t: "new", id: saved.comment.id, root: saved.comment.rootId });
    return c.json(saved, 201);
  })
  .patch("/comments/:id", limitBody, jsonBody(editCommentBody), async (c) => {
    const now = Date.now();
    const id = commentId(c);
    const editor = { credential: await writingCredential(c, now), ip: clientIp(c.req.raw.headers) };
    const locale = requestLocale(c.req.header("Accept-Language"), c.var.site.settings.defaultLocale);
    return c.json(await editOwnComment(c.env.DB, c.var.site, id, c.req.valid("json"), editor, now, locale, liveOf(c)), 200);
  })
  .delete("/comments/:id", async (c) => {
    const now = Date.now();
    const id = commentId(c);
    return c.json(await deleteComment(c.env.DB, c.var.site, id, await writingCredential(c, now), now, liveOf(c)), 200);
  })
  // Reactions tell no live reader (worker/live/notify.ts): a count is not worth waking every reader.
  .put("/comments/:id/reaction", async (c) => {
    const now = Date.now();
    const id = commentId(c);
    const credential = await writingCredential(c, now);
    const ip = clientIp(c.req.raw.headers);
    // A like without a token mints a reader identity: that is what the check guards. Taking a like
    // back needs a token already.
    if (credential === null && c.var.site.settings.guestPosting) {
      await checkHuman(c.env, c.var.site, { token: c.req.header(TURNSTILE_HEADER), ip });
    }
    return c.json(await setReaction(c.env.DB, c.var.site, id, true, credential, now, ip), 200);
  })
  .delete("/comments/:id/reaction", async (c) => {
    const now = Date.now();
    const id = commentId(c);
    return c.json(
      await setReaction(c.env.DB, c.var.site, id, false, await writingCredential(c, now), now, clientIp(c.req.raw.headers)),
      200,
    );
  });
