// Alerts of a site: /api/admin/sites/{site}/alerts[/{id}/acknowledge] and the signed-in member's
// alert mails, /api/admin/sites/{site}/alert-mail (moderators and admins).
import { Hono } from "hono";
import type { AdminEnv } from "../../auth/middleware";
import { limitBody } from "../../lib/body-limit";
import { jsonBody, parseOrThrow, queryParams } from "../../lib/validate";
import { alertMailBody, alertsQuery, incidentIdParam } from "../../schemas/admin";
import { readAlertMail, writeAlertMail } from "../../services/alerts/alert-mail";
import { acknowledge, listIncidents } from "../../services/alerts/incidents";

export const alertRoutes = new Hono<AdminEnv>()
  .get("/alerts", queryParams(alertsQuery), async (c) =>
    c.json(await listIncidents(c.env.DB, c.var.site, c.req.valid("query").status), 200),
  )
  .post("/alerts/:id/acknowledge", async (c) => {
    const { id } = parseOrThrow(incidentIdParam, { id: c.req.param("id") });
    return c.json(await acknowledge(c.env.DB, c.var.site, c.var.staff, id, Date.now()), 200);
  })
  .get("/alert-mail", async (c) => c.json(await readAlertMail(c.env.DB, c.var.site, c.var.staff), 200))
  .put("/alert-mail", limitBody, jsonBody(alertMailBody), async (c) =>
    c.json(await writeAlertMail(c.env.DB, c.var.site, c.var.staff, c.req.valid("json").enabled, Date.now()), 200),
  );
