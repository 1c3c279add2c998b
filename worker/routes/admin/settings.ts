// A site's name, origins and rules, for its admins only: /api/admin/sites/{site}/settings.
import { Hono } from "hono";
import { requireSiteRole, type AdminEnv } from "../../auth/middleware";
import { jsonBody } from "../../lib/validate";
import { settingsBody } from "../../schemas/admin";
import { settingsView, updateSettings } from "../../services/admin/settings";
import { limitBody } from "../../lib/body-limit";
import { syncRegistryEntry } from "../../lib/site-home";

const adminOnly = requireSiteRole("admin");

export const settingsRoutes = new Hono<AdminEnv>()
  .get("/settings", adminOnly, (c) => c.json(settingsView(c.var.site), 200))
  .put("/settings", adminOnly, limitBody, jsonBody(settingsBody), async (c) => {
    const saved = await updateSettings(c.env.DB, c.var.site, c.var.staff, c.req.valid("json"), Date.now(), c.env.PALABRE_URL);
    await syncRegistryEntry(c.env, c.var.site.id);
    return c.json(saved, 200);
  });
