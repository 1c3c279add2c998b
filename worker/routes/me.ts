// A reader's own data with their token: GET /api/v1/{site}/me/export (GDPR Art. 15, 20) and
// DELETE /api/v1/{site}/me (Art. 17; immediate, or confirmed by a mailed link when an email is
// known: services/gdpr-reader.ts). The link's page (GET shows a button, POST erases) comes from a
// mail client, without the site's origin: meMailLinkRoutes is mounted before the reader API.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import { readerCredential } from "../auth/reader";
import { findSite } from "../db/sites";
import { limitBody } from "../lib/body-limit";
import { linkPage } from "../locales/notifications";
import { requestLocale, type ApiLocale } from "../locales/reasons";
import { SITE_ID } from "../schemas/reader";
import { confirmErasure, eraseMine, erasurePage, exportMine, type ErasurePage } from "../services/gdpr-reader";
import { storyNotifier } from "../live/notify";

/** …/me/export and …/me, behind the reader API's site scope (allowed origins). */
export const meRoutes = new Hono<AppEnv>()
  .get("/me/export", async (c) => {
    const now = Date.now();
    const credential = await readerCredential(c.var.site, c.req.header("Authorization"), { strict: true, now });
    const data = await exportMine(c.env.DB, c.var.site, credential, now);
    return c.json(data, 200, {
      "Cache-Control": "no-store",
      "Content-Disposition": `attachment; filename="palabre-${c.var.site.id}-my-data.json"`,
    });
  })
  .delete("/me", async (c) => {
    const now = Date.now();
    const credential = await readerCredential(c.var.site, c.req.header("Authorization"), { strict: true, now });
    const locale = requestLocale(c.req.header("Accept-Language"), c.var.site.settings.defaultLocale);
    const result = await eraseMine(c.env, c.var.site, credential, locale, now, storyNotifier(c, c.var.site.id));
    return c.json(result, result.status === "erased" ? 200 : 202, { "Cache-Control": "no-store" });
  });

function localeOf(c: Context<AppEnv>, fallback: ApiLocale): ApiLocale {
  const lang = c.req.query("lang");
  return lang === "fr" || lang === "en" ? lang : requestLocale(c.req.header("Accept-Language"), fallback);
}

function page(c: Context<AppEnv>, p: ErasurePage): Response {
  return c.html(p.html, p.status, { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex" });
}

async function siteOf(c: Context<AppEnv>) {
  const id = c.req.param("site") ?? "";
  return SITE_ID.test(id) ? findSite(c.env.DB, id) : null;
}

const noSite = (c: Context<AppEnv>) => c.html(linkPage(localeOf(c, "en"), "Palabre", "Not found."), 404);

/** /api/v1/{site}/me/erasure?token=…: mounted before the reader API, so no origin rule applies. */
export const meMailLinkRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const site = await siteOf(c);
    if (!site) return noSite(c);
    const url = new URL(c.req.url);
    return page(
      c,
      await erasurePage(
        c.env.DB,
        site,
        c.req.query("token"),
        localeOf(c, site.settings.defaultLocale),
        url.pathname + url.search,
        Date.now(),
      ),
    );
  })
  .post("/", limitBody, async (c) => {
    const site = await siteOf(c);
    if (!site) return noSite(c);
    return page(
      c,
      await confirmErasure(
        c.env.DB,
        site,
        c.req.query("token"),
        localeOf(c, site.settings.defaultLocale),
        Date.now(),
        storyNotifier(c, site.id),
      ),
    );
  });
