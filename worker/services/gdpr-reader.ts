// A reader's own data: their export (GET /api/v1/{site}/me/export) and erasure (DELETE
// /api/v1/{site}/me) with their token. The erasure is immediate when Palabre knows no email for
// them (the token is then the only proof of who they are, and it is what is presented); when it
// knows one (an SSO email, or a confirmed notification address), a link is mailed there and the
// erasure waits for it: a borrowed device or a leaked token alone cannot wipe a known person.
import { typed } from "../db/typed";
import type { ReaderCredential } from "../auth/reader";
import { insertErasureRequest, selectErasureRequest, type ErasureRequestRow } from "../db/gdpr";
import type { SiteRecord } from "../db/sites";
import type { Env } from "../env";
import { invalidToken } from "../lib/bearer";
import { ApiError } from "../lib/errors";
import { randomToken, sha256Hex } from "../lib/hash";
import { linkPage } from "../locales/notifications";
import type { ApiLocale } from "../locales/reasons";
import type { PersonExport } from "../schemas/export";
import { queueMail } from "./delivery/send";
import { runErasure, type ErasureResult } from "./gdpr-erase";
import { readPersonExport } from "./gdpr-export";
import { erasureWords } from "./gdpr-words";
import type { StoryNotifier } from "../live/notify";

export const ERASURE_TTL_MS = 24 * 3600_000;
/** mails asked per reader and day: more is a flood of mails to someone's inbox */
export const ERASURE_MAILS_PER_DAY = 3;

const credentialsRequired = () => new ApiError(401, "credentials_required", "Send your commenter or sign-in token to reach your own data.");

interface Me {
  id: number;
  staff_id: number | null;
  email: string | null;
}

/** The reader's commenter on this site, or the refusal (no token 401, unknown token 401). */
async function me(db: D1Database, site: SiteRecord, credential: ReaderCredential | null): Promise<Me> {
  if (!credential) throw credentialsRequired();
  const row = await typed<Me>(
    db
      .prepare(
        `SELECT id, staff_id, coalesce(email,
           (SELECT email FROM notify_addresses a WHERE a.commenter_id = commenters.id AND a.site_id = ?2 AND a.status <> 'pending'
            ORDER BY a.confirmed_at DESC LIMIT 1)) AS email
         FROM commenters WHERE token_hash = ?1 AND site_id = ?2 AND erased_at IS NULL`,
      )
      .bind(credential.tokenHash, site.id),
  ).first();
  if (!row) throw invalidToken();
  return row;
}

/** What Palabre holds on the reader; staff notes about them stay with the site's admins (see README). */
export async function exportMine(
  db: D1Database,
  site: SiteRecord,
  credential: ReaderCredential | null,
  now: number,
): Promise<Omit<PersonExport, "staffNotes">> {
  const who = await me(db, site, credential);
  const data = (await readPersonExport(db, site, who.id, now))!;
  const { staffNotes: _notes, ...mine } = data;
  return mine;
}

export type EraseMineResult = { status: "erased"; erasure: ErasureResult } | { status: "confirmation_sent"; to: string };

/** a.b@example.org → a…@example.org: enough for the reader to know which inbox to look in. */
function masked(email: string): string {
  const [local, domain] = email.split("@");
  return `${(local ?? "").slice(0, 1)}…@${domain ?? ""}`;
}

export async function eraseMine(
  env: Env,
  site: SiteRecord,
  credential: ReaderCredential | null,
  locale: ApiLocale,
  now: number,
  live: StoryNotifier,
): Promise<EraseMineResult> {
  const who = await me(env.DB, site, credential);
  // A staff member's commenter has no token: `me` never finds one. Checked anyway.
  if (who.staff_id !== null) throw invalidToken();
  if (who.email === null)
    return { status: "erased", erasure: await runErasure(env.DB, site.id, who.id, { staffId: null, by: "reader" }, now, live) };

  const token = randomToken();
  const inserted = await insertErasureRequest(env.DB, {
    hash: await sha256Hex(token),
    siteId: site.id,
    commenterId: who.id,
    now,
    ttlMs: ERASURE_TTL_MS,
    max: ERASURE_MAILS_PER_DAY,
  }).run();
  if ((inserted.meta.changes ?? 0) === 0) {
    throw new ApiError(
      429,
      "flood",
      "Erasure was asked for too often today: follow the link of one of the mails sent, or try tomorrow.",
      undefined,
      {
        details: { retryAfter: 24 * 3600 },
        headers: { "Retry-After": String(24 * 3600) },
      },
    );
  }
  const w = erasureWords[locale];
  const link = `${env.PALABRE_URL.replace(/\/+$/, "")}/api/v1/${site.id}/me/erasure?token=${encodeURIComponent(token)}&lang=${locale}`;
  await queueMail(
    env,
    {
      siteId: site.id,
      to: who.email,
      subject: w.subject(site.name),
      text: w.text(site.name, link, ERASURE_TTL_MS / 3600_000),
      topic: "erasure",
    },
    now,
  );
  return { status: "confirmation_sent", to: masked(who.email) };
}

export interface ErasurePage {
  status: 200 | 404 | 410;
  html: string;
}

async function liveRequest(db: D1Database, site: SiteRecord, token: string | undefined, now: number): Promise<ErasureRequestRow | null> {
  if (!token || token.length > 200) return null;
  const row = await selectErasureRequest(db, site.id, await sha256Hex(token)).first();
  return row && row.used_at === null && row.expires_at > now ? row : null;
}

/** GET of the mailed link: a page with a button (a link scanner opening it erases nothing). */
export async function erasurePage(
  db: D1Database,
  site: SiteRecord,
  token: string | undefined,
  locale: ApiLocale,
  action: string,
  now: number,
): Promise<ErasurePage> {
  const w = erasureWords[locale];
  if (!(await liveRequest(db, site, token, now))) return { status: 410, html: linkPage(locale, site.name, w.gone) };
  const form = `<form method="post" action="${escapeAttr(action)}"><button type="submit">${escapeAttr(w.confirm)}</button></form>`;
  return { status: 200, html: linkPage(locale, site.name, w.ask, form) };
}

/** POST of the page's button: the erasure, once (the batch deletes the request with the rest). */
export async function confirmErasure(
  db: D1Database,
  site: SiteRecord,
  token: string | undefined,
  locale: ApiLocale,
  now: number,
  live: StoryNotifier,
): Promise<ErasurePage> {
  const w = erasureWords[locale];
  const request = await liveRequest(db, site, token, now);
  if (!request) return { status: 410, html: linkPage(locale, site.name, w.gone) };
  await runErasure(db, site.id, request.commenter_id, { staffId: null, by: "reader" }, now, live);
  return { status: 200, html: linkPage(locale, site.name, w.done) };
}

const escapeAttr = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
