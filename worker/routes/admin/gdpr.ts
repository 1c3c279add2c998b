// A person's data, for the site's admins: GET …/commenters/{id}/export (GDPR Art. 15, 20) and
// DELETE …/commenters/{id} (Art. 17). Moderators see a person but may not take out or erase them.
import { Hono } from "hono";
import { requireSiteRole, type AdminEnv } from "../../auth/middleware";
import { parseOrThrow } from "../../lib/validate";
import { commenterIdParam } from "../../schemas/admin";
import { erasePerson, exportPerson } from "../../services/gdpr";
import { storyNotifier } from "../../live/notify";

export const gdprRoutes = new Hono<AdminEnv>()
  .get("/commenters/:id/export", requireSiteRole("admin"), async (c) => {
    const { id } = parseOrThrow(commenterIdParam, { id: c.req.param("id") });
    const data = await exportPerson(c.env.DB, c.var.site, id, Date.now());
    return c.json(data, 200, {
      "Content-Disposition": `attachment; filename="palabre-${c.var.site.id}-person-${id}.json"`,
    });
  })
  .delete("/commenters/:id", requireSiteRole("admin"), async (c) => {
    const { id } = parseOrThrow(commenterIdParam, { id: c.req.param("id") });
    return c.json(
      await erasePerson(c.env.DB, c.var.site, id, { staffId: c.var.staff.id, by: "staff" }, Date.now(), storyNotifier(c, c.var.site.id)),
      200,
    );
  });
