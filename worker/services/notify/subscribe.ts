// Subscribing to the answers to one's comment: the author (guest token or SSO token) gives an
// address, or their SSO token's; it is confirmed once per reader and site by a mailed link.
import { batchOf, typed } from "../../db/typed";
import type { ReaderCredential } from "../../auth/reader";
import { selectComment, type CommentRow } from "../../db/comments";
import type { SiteRecord } from "../../db/sites";
import { insertPendingSubscription, insertSubscription, selectAddress } from "../../db/subscriptions";
import type { Env } from "../../env";
import { ApiError } from "../../lib/errors";
import { randomToken, sha256Hex } from "../../lib/hash";
import { notifyWords, type NotifyLocale } from "../../locales/notifications";
import type { SubscriptionInput } from "../../schemas/reader";
import { isMailAddress } from "../delivery/address";
import { queueMail } from "../delivery/send";
import { writingReader } from "../readers";
import { linkUrl } from "./links";

export const CONFIRM_TTL_MS = 48 * 3600_000;
/** Confirmation mails an address may receive per day, on all sites together. */
export const CONFIRMS_PER_DAY = 3;
const DAY_MS = 24 * 3600_000;

/** POST /comments/{id}/subscription → 202: pending (a confirmation mail is on its way) or active. */
export interface SubscriptionResponse {
  subscription: { status: "pending" | "active" };
}

export const notificationsOff = () => new ApiError(404, "not_found", "This site does not send reply notifications.");

function invalidEmail(message: string): ApiError {
  return new ApiError(400, "validation_failed", `Invalid request. email: ${message}`, [
    { path: ["email"], message, code: "invalid_email" },
  ]);
}

export async function subscribe(
  env: Env,
  site: SiteRecord,
  commentId: number,
  input: SubscriptionInput,
  credential: ReaderCredential | null,
  now: number,
  locale: NotifyLocale,
): Promise<SubscriptionResponse> {
  if (!site.settings.replyNotifications) throw notificationsOff();
  if (credential === null) {
    throw new ApiError(401, "credentials_required", "Only the author of this comment may subscribe to its answers: send their token.");
  }
  // A signed-in reader is told at the address the site vouches for.
  const email = (credential.kind === "sso" ? credential.claims.email : null) ?? input.email ?? null;
  if (email === null) throw invalidEmail("an email address is required");
  if (!isMailAddress(email)) throw invalidEmail("this is not an email address");

  const author = (await writingReader(env.DB, site, credential, now))!;
  const row = await typed<CommentRow>(selectComment(env.DB, site.id, commentId)).first();
  if (!row || row.status === "deleted" || row.status === "rejected" || row.deleted_at !== null) {
    throw new ApiError(404, "comment_not_found", "This comment does not exist or is no longer visible.");
  }
  if (row.author_id !== author.id) throw new ApiError(403, "not_author", "Only the author of this comment may subscribe to its answers.");

  const known = await selectAddress(env.DB, { siteId: site.id, commenterId: author.id, email }).first();
  if (known?.status === "active") {
    await insertSubscription(env.DB, { siteId: site.id, commentId, addressId: known.id, now }).run();
    return { subscription: { status: "active" } };
  }

  const token = randomToken();
  const results = await batchOf(
    env.DB,
    insertPendingSubscription(env.DB, {
      siteId: site.id,
      commenterId: author.id,
      email,
      locale,
      commentId,
      tokenHash: await sha256Hex(token),
      expiresAt: now + CONFIRM_TTL_MS,
      now,
      since: now - DAY_MS,
      max: CONFIRMS_PER_DAY,
    }),
  );
  if (results[2].results.length === 0) {
    throw new ApiError(
      429,
      "flood",
      "Too many confirmation mails were sent to this address today: follow the link of one of them, or try again tomorrow.",
      undefined,
      { details: { retryAfter: DAY_MS / 1000 }, headers: { "Retry-After": String(DAY_MS / 1000) } },
    );
  }
  const w = notifyWords[locale];
  const link = linkUrl(env, site.id, "confirm", token);
  try {
    await queueMail(
      env,
      { siteId: site.id, to: email, subject: w.confirmSubject(site.name), text: w.confirmText(site.name, link), topic: "confirm" },
      now,
    );
  } catch (err) {
    // The subscription waits; asking again sends another link (within the day's limit).
    console.error("confirmation mail not queued", site.id, commentId, err);
  }
  return { subscription: { status: "pending" } };
}
