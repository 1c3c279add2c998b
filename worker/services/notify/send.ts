// Mailing what subscribers are to be told, from the scheduled tick: notifications are grouped per
// address and thread, at most one mail per thread per hour per address (several answers in the
// hour make one mail listing them). A quiet thread's first notification goes at the next tick.
import { batchOf } from "../../db/typed";
import { findSite, type SiteRecord } from "../../db/sites";
import {
  claimGroup,
  insertUnsubscribeToken,
  selectAddressById,
  selectDueGroups,
  unclaim,
  type AddressRow,
  type ClaimedNotification,
} from "../../db/subscriptions";
import type { Env } from "../../env";
import { randomToken, sha256Hex } from "../../lib/hash";
import { escapeHtml, notifyWords } from "../../locales/notifications";
import { queueMail } from "../delivery/send";
import { linkUrl } from "./links";
import { linkableStoryUrl } from "../stories";

/** At most one mail per thread per address within this window. */
export const GROUP_WINDOW_MS = 3600_000;
/** An unsubscribe link works this long after its mail. */
export const UNSUBSCRIBE_TTL_MS = 90 * 24 * 3600_000;
/** Mails written per tick; the rest wait for the next one. */
const GROUPS_PER_TICK = 50;
const EXCERPT_MAX = 280;

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat);
  return chars.length > EXCERPT_MAX ? `${chars.slice(0, EXCERPT_MAX - 1).join("")}…` : flat;
}

/**
 * The story's page with the comment's anchor; the story key when it is the page's URL. Only a page
 * on the site's allowed origins is linked: a mail must never carry a planted address.
 */
function commentLink(n: ClaimedNotification, allowedOrigins: readonly string[]): string | null {
  const page = linkableStoryUrl(allowedOrigins, n.story_url ?? (/^https?:\/\//.test(n.story_key) ? n.story_key : null));
  if (page === null) return null;
  const u = new URL(page);
  u.hash = `comment-${n.event_id}`;
  return u.toString();
}

function compose(site: SiteRecord, address: AddressRow, items: ClaimedNotification[], unsubscribe: string) {
  const w = notifyWords[address.locale];
  const story = items[0]!.story_title || items[0]!.story_key;
  const parts = items.map((n) => ({
    head: w.item(n.kind, n.author_name),
    text: n.kind === "featured" ? "" : excerpt(n.body),
    link: commentLink(n, site.allowedOrigins),
  }));
  const text = [
    w.intro(story),
    ...parts.map((p) =>
      [p.head, p.text && (address.locale === "fr" ? `«\u00a0${p.text}\u00a0»` : `“${p.text}”`), p.link && `${w.read}${w.colon}${p.link}`]
        .filter(Boolean)
        .join("\n"),
    ),
    `${w.unsubscribe}${w.colon}${unsubscribe}`,
  ].join("\n\n");
  const html =
    `<p>${escapeHtml(w.intro(story))}</p>` +
    parts
      .map(
        (p) =>
          `<p><strong>${escapeHtml(p.head)}</strong>${p.text ? `<br><q>${escapeHtml(p.text)}</q>` : ""}` +
          `${p.link ? `<br><a href="${escapeHtml(p.link)}">${escapeHtml(w.read)}</a>` : ""}</p>`,
      )
      .join("") +
    `<p><small><a href="${escapeHtml(unsubscribe)}">${escapeHtml(w.unsubscribe)}</a></small></p>`;
  return { subject: w.subject(site.name, story, items.length), text, html };
}

async function mailGroup(env: Env, addressId: number, threadId: number, now: number, sites: Map<string, SiteRecord | null>) {
  const [, , claimed] = await batchOf(env.DB, claimGroup(env.DB, { addressId, threadId, now, windowMs: GROUP_WINDOW_MS }));
  const items = claimed.results;
  if (items.length === 0) return;
  try {
    const address = (await selectAddressById(env.DB, addressId).first())!;
    if (!sites.has(address.site_id)) sites.set(address.site_id, await findSite(env.DB, address.site_id));
    const site = sites.get(address.site_id);
    // The site stopped notifications: what was claimed is dropped.
    if (!site?.settings.replyNotifications) return;
    const token = randomToken();
    await insertUnsubscribeToken(env.DB, {
      siteId: site.id,
      addressId,
      hash: await sha256Hex(token),
      now,
      expiresAt: now + UNSUBSCRIBE_TTL_MS,
    }).run();
    const unsubscribe = linkUrl(env, site.id, "unsubscribe", token);
    const mail = compose(site, address, items, unsubscribe);
    const topic = items.every((n) => n.kind === items[0]!.kind) ? items[0]!.kind : "reply";
    await queueMail(
      env,
      {
        siteId: site.id,
        to: address.email,
        ...mail,
        topic,
        headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
      },
      now,
    );
  } catch (err) {
    console.error("reply notification mail not queued; retried at the next tick", addressId, threadId, err);
    await unclaim(
      env.DB,
      items.map((n) => n.id),
    ).run();
  }
}

/** Mails the notifications that are due. Called by the 5-minute tick; never throws. */
export async function sendDueNotifications(env: Env, now: number): Promise<void> {
  try {
    const { results } = await selectDueGroups(env.DB, now, GROUP_WINDOW_MS, GROUPS_PER_TICK).all();
    const sites = new Map<string, SiteRecord | null>();
    for (const g of results) {
      try {
        await mailGroup(env, g.address_id, g.thread_id, now, sites);
      } catch (err) {
        console.error("reply notifications of one thread failed", g, err);
      }
    }
  } catch (err) {
    console.error("sendDueNotifications failed", err);
  }
}
