// The home ("My sites"): GET /api/admin/overview, every site of the signed-in member at once.
import { Hono } from "hono";
import { requireStaff, type AdminEnv } from "../../auth/middleware";
import { readOverview } from "../../services/admin/overview";

export const overviewRoutes = new Hono<AdminEnv>()
  .use("*", requireStaff)
  .get("/", async (c) => c.json(await readOverview(c.env, c.var.staff, Date.now()), 200));
