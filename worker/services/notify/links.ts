// The pages behind the mails' links: confirming an address (GET), and unsubscribing (GET shows a
// page with buttons, so that a link scanner changes nothing; POST acts, without signing in, for
// the page's form and for RFC 8058 one-click requests). Each token is used once.
import type { SiteRecord } from "../../db/sites";
import {
  confirmAddress,
  selectAddressById,
  selectToken,
  setAddressChoices,
  useToken,
  type AddressRow,
  type TokenKind,
  type TokenRow,
} from "../../db/subscriptions";
import type { Env } from "../../env";
import { sha256Hex } from "../../lib/hash";
import { linkPage, notifyWords, unsubscribeForm, type LinkOutcome, type NotifyLocale } from "../../locales/notifications";

export function linkUrl(env: Env, siteId: string, kind: "confirm" | "unsubscribe", token: string): string {
  return `${env.PALABRE_URL.replace(/\/+$/, "")}/api/v1/${siteId}/subscriptions/${kind}?token=${encodeURIComponent(token)}`;
}

export interface LinkPage {
  status: 200 | 400 | 404 | 410;
  html: string;
}

const STATUS: Record<LinkOutcome, LinkPage["status"]> = {
  confirmed: 200,
  saved: 200,
  stopped: 200,
  expired: 410,
  used: 410,
  forged: 404,
  off: 404,
};

function page(site: SiteRecord, locale: NotifyLocale, outcome: LinkOutcome, form = ""): LinkPage {
  return { status: STATUS[outcome], html: linkPage(locale, site.name, notifyWords[locale].outcome[outcome], form) };
}

// A token is random base64url; anything else is forged without asking the database.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

async function lookUp(
  env: Env,
  site: SiteRecord,
  token: string | undefined,
  kind: TokenKind,
  now: number,
): Promise<{ outcome: LinkOutcome; row: TokenRow | null; address: AddressRow | null; locale: NotifyLocale }> {
  let locale: NotifyLocale = site.settings.defaultLocale;
  if (!site.settings.replyNotifications) return { outcome: "off", row: null, address: null, locale };
  if (!token || !TOKEN_SHAPE.test(token)) return { outcome: "forged", row: null, address: null, locale };
  const row = await selectToken(env.DB, site.id, await sha256Hex(token), kind).first();
  if (!row) return { outcome: "forged", row: null, address: null, locale };
  const address = await selectAddressById(env.DB, row.address_id).first();
  if (address) locale = address.locale;
  if (row.used_at !== null) return { outcome: "used", row, address, locale };
  if (row.expires_at <= now) return { outcome: "expired", row, address, locale };
  return { outcome: kind === "confirm" ? "confirmed" : "saved", row, address, locale };
}

/** GET …/subscriptions/confirm?token=: the address becomes active, once. */
export async function confirmLink(env: Env, site: SiteRecord, token: string | undefined, now: number): Promise<LinkPage> {
  const found = await lookUp(env, site, token, "confirm", now);
  if (found.outcome !== "confirmed") return page(site, found.locale, found.outcome);
  const [used] = await env.DB.batch([useToken(env.DB, found.row!.hash, now), confirmAddress(env.DB, found.row!.hash, now)]);
  // Another click used it a moment ago.
  if (used!.results.length === 0) return page(site, found.locale, "used");
  return page(site, found.locale, "confirmed");
}

/** GET …/subscriptions/unsubscribe?token=: the choices, changing nothing. */
export async function unsubscribePage(
  env: Env,
  site: SiteRecord,
  token: string | undefined,
  now: number,
  action: string,
): Promise<LinkPage> {
  const found = await lookUp(env, site, token, "unsubscribe", now);
  if (found.outcome !== "saved") return page(site, found.locale, found.outcome);
  const a = found.address!;
  const on = { reply: a.on_reply === 1, "staff-reply": a.on_staff_reply === 1, featured: a.on_featured === 1 };
  const w = notifyWords[found.locale];
  return { status: 200, html: linkPage(found.locale, site.name, w.unsubscribe, unsubscribeForm(found.locale, action, on)) };
}

/**
 * POST …/subscriptions/unsubscribe?token=: RFC 8058's `List-Unsubscribe=One-Click` (or the page's
 * "stop" button) stops every mail to this address from this site; the page's "save" keeps the
 * kinds left checked.
 */
export async function unsubscribeLink(
  env: Env,
  site: SiteRecord,
  token: string | undefined,
  form: Record<string, string>,
  now: number,
): Promise<LinkPage> {
  const found = await lookUp(env, site, token, "unsubscribe", now);
  if (found.outcome !== "saved") return page(site, found.locale, found.outcome);
  const a = found.address!;
  const save = form.action === "save";
  const choices = save
    ? { stop: false, reply: form.reply === "on", staffReply: form.staffReply === "on", featured: form.featured === "on" }
    : { stop: true, reply: a.on_reply === 1, staffReply: a.on_staff_reply === 1, featured: a.on_featured === 1 };
  const [used] = await env.DB.batch([useToken(env.DB, found.row!.hash, now), setAddressChoices(env.DB, found.row!.hash, now, choices)]);
  if (used!.results.length === 0) return page(site, found.locale, "used");
  return page(site, found.locale, save ? "saved" : "stopped");
}
