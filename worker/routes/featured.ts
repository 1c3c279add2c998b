// Reader route for the site's editors' picks across stories (<palabre-featured>).
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { queryParams } from "../lib/validate";
import { featuredQuery } from "../schemas/reader";
import { readFeatured } from "../services/featured";
import { SHARED_LIST } from "./threads";

export const featuredRoutes = new Hono<AppEnv>().get("/featured", queryParams(featuredQuery), async (c) => {
  // The same for every reader, on home pages: see SHARED_LIST.
  return c.json(await readFeatured(c.env.DB, c.var.site, c.req.valid("query"), Date.now()), 200, { "Cache-Control": SHARED_LIST });
});
