// Readers' reply notifications: subscribing (the widget, through the site scope like every reader
// write), and the mails' links, which come from a mail client or a mail provider (no Origin, or
// Palabre's own on the unsubscribe page's form): they load the site themselves and answer HTML.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import { readerCredential } from "../auth/reader";
import { findSite } from "../db/sites";
import { limitBody } from "../lib/body-limit";
import { jsonBody, parseOrThrow } from "../lib/validate";
import { requestLocale } from "../locales/reasons";
import { linkPage, notifyWords } from "../locales/notifications";
import { SITE_ID, commentIdParam, subscriptionBody } from "../schemas/reader";
import { confirmLink, unsubscribeLink, unsubscribePage, type LinkPage } from "../services/notify/links";
import { subscribe } from "../services/notify/subscribe";

/** POST /api/v1/{site}/comments/{id}/subscription (reader API, behind siteScope) */
export const subscriptionRoutes = new Hono<AppEnv>().post(
  "/comments/:id/subscription",
  limitBody,
  jsonBody(subscriptionBody),
  async (c) => {
    const now = Date.now();
    const id = parseOrThrow(commentIdParam, { id: c.req.param("id") }).id;
    const credential = await readerCredential(c.var.site, c.req.header("Authorization"), { strict: true, now });
    const locale = requestLocale(c.req.header("Accept-Language"), c.var.site.settings.defaultLocale);
    return c.json(await subscribe(c.env, c.var.site, id, c.req.valid("json"), credential, now, locale), 202);
  },
);

function html(c: Context<AppEnv>, page: LinkPage): Response {
  return c.html(page.html, page.status, {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex",
  });
}

async function site(c: Context<AppEnv>) {
  const id = c.req.param("site") ?? "";
  return SITE_ID.test(id) ? findSite(c.env.DB, id) : null;
}

function noSite(c: Context<AppEnv>): Response {
  const locale = requestLocale(c.req.header("Accept-Language"), "en");
  return html(c, { status: 404, html: linkPage(locale, "Palabre", notifyWords[locale].outcome.forged) });
}

const token = (c: Context<AppEnv>) => c.req.query("token");

/** /api/v1/{site}/subscriptions/…: mounted before the reader API, so no origin rule applies. */
export const mailLinkRoutes = new Hono<AppEnv>()
  .get("/confirm", async (c) => {
    const s = await site(c);
    return s ? html(c, await confirmLink(c.env, s, token(c), Date.now())) : noSite(c);
  })
  .get("/unsubscribe", async (c) => {
    const s = await site(c);
    if (!s) return noSite(c);
    const action = new URL(c.req.url).pathname + new URL(c.req.url).search;
    return html(c, await unsubscribePage(c.env, s, token(c), Date.now(), action));
  })
  .post("/unsubscribe", limitBody, async (c) => {
    const s = await site(c);
    if (!s) return noSite(c);
    // RFC 8058: `List-Unsubscribe=One-Click`, form-encoded (or multipart); the page's form sends `action`.
    let form: Record<string, string> = {};
    try {
      const body = await c.req.parseBody();
      form = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === "string"));
    } catch {
      form = {};
    }
    return html(c, await unsubscribeLink(c.env, s, token(c), form, Date.now()));
  });
