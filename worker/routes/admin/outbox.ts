// The outbox of a site: /api/admin/sites/{site}/outbox (moderators and admins read it) and
// /outbox/{id}/retry (admins put a failed delivery back in the queue).
import { Hono } from "hono";
import { requireSiteRole, type AdminEnv } from "../../auth/middleware";
import { parseOrThrow, queryParams } from "../../lib/validate";
import { deliveryIdParam, outboxQuery } from "../../schemas/outbox";
import { listOutbox, retryDelivery } from "../../services/delivery/outbox-admin";

export const outboxRoutes = new Hono<AdminEnv>()
  .get("/outbox", queryParams(outboxQuery), async (c) => c.json(await listOutbox(c.env.DB, c.var.site, c.req.valid("query")), 200))
  .post("/outbox/:id/retry", requireSiteRole("admin"), async (c) => {
    const { id } = parseOrThrow(deliveryIdParam, { id: c.req.param("id") });
    return c.json(await retryDelivery(c.env, c.var.site, c.var.staff, id, Date.now()), 200);
  });
