// Banning or suspending an author, and lifting it: /api/admin/sites/{site}/commenters/{id}/ban; and
// banning while rejecting all their open comments: …/commenters/{id}/ban-and-reject.
import { Hono } from "hono";
import type { AdminEnv } from "../../auth/middleware";
import { jsonBody, parseOrThrow } from "../../lib/validate";
import { banAndRejectBody, banBody, commenterIdParam } from "../../schemas/admin";
import { ban, banAndReject, unban } from "../../services/admin/bans";
import { limitBody } from "../../lib/body-limit";
import { storyNotifier } from "../../live/notify";

export const banRoutes = new Hono<AdminEnv>()
  .post("/commenters/:id/ban", limitBody, jsonBody(banBody), async (c) => {
    const { id } = parseOrThrow(commenterIdParam, { id: c.req.param("id") });
    return c.json(await ban(c.env.DB, c.var.site, c.var.staff, id, c.req.valid("json"), Date.now()), 200);
  })
  .delete("/commenters/:id/ban", async (c) => {
    const { id } = parseOrThrow(commenterIdParam, { id: c.req.param("id") });
    return c.json(await unban(c.env.DB, c.var.site, c.var.staff, id, Date.now()), 200);
  })
  .post("/commenters/:id/ban-and-reject", limitBody, jsonBody(banAndRejectBody), async (c) => {
    const { id } = parseOrThrow(commenterIdParam, { id: c.req.param("id") });
    return c.json(
      await banAndReject(c.env.DB, c.var.site, c.var.staff, id, c.req.valid("json"), Date.now(), storyNotifier(c, c.var.site.id)),
      200,
    );
  });
