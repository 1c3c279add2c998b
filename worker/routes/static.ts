// The embed script and every other static file (dashboard, demo pages), from the assets binding.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { home } from "./static-home";

// embed.js keeps one URL so that sites never edit their snippet: caches keep it a day and may
// serve it a week longer while revalidating, so a release reaches every page within a day.
const EMBED_CACHE = "public, max-age=86400, stale-while-revalidate=604800";
// The embed's and the dashboard's chunks are named by their content's hash: a new build gives new
// names, so a browser may keep each one for good.
const CHUNK_CACHE = "public, max-age=31536000, immutable";

/** The embed's files as module scripts that any site's page may load. */
function moduleScript(asset: Response, cache: string): Response {
  const res = new Response(asset.body, asset);
  if (asset.ok) {
    res.headers.set("Content-Type", "text/javascript; charset=utf-8");
    res.headers.set("Cache-Control", cache);
  }
  // A module script loaded by another site's page is a CORS request, and so is each module it imports.
  res.headers.set("Access-Control-Allow-Origin", "*");
  res.headers.set("X-Content-Type-Options", "nosniff");
  return res;
}

export const staticRoutes = new Hono<AppEnv>()
  .get("/embed.js", async (c) =>
    moduleScript(await c.env.ASSETS.fetch(new Request(new URL("/embed.js", c.req.url), c.req.raw)), EMBED_CACHE),
  )
  // The embed's lazy parts, which embed.js imports by URLs relative to its own.
  .get("/chunks/*", async (c) => moduleScript(await c.env.ASSETS.fetch(c.req.raw), CHUNK_CACHE))
  .get("/admin/chunks/*", async (c) => {
    const asset = await c.env.ASSETS.fetch(c.req.raw);
    if (!asset.ok) return asset;
    const res = new Response(asset.body, asset);
    res.headers.set("Cache-Control", CHUNK_CACHE);
    return res;
  })
  // What this server is, with links to the demos and the dashboard (it used to redirect to /admin/).
  .get("/", home)
  .all("*", (c) => c.env.ASSETS.fetch(c.req.raw));
