// Notices of illegal content (DSA Art. 16): anyone, without an account, names a comment, a legal
// ground and why; they get a reference at once and, when they give an address, a receipt now and
// the decision later. One network sends at most NOTICE_LIMIT notices per site per hour: decided
// by the notice's own insert, so concurrent notices cannot slip past it.
import { insertNotice, NOTICE_LIMIT, selectNoticedComment, selectNoticeRefusal, type NoticedCommentRow } from "../../db/notices";
import { batchOf } from "../../db/typed";
import type { SiteRecord } from "../../db/sites";
import type { Env } from "../../env";
import { ApiError } from "../../lib/errors";
import { ipHash } from "../../lib/hash";
import { dsaWords } from "../../locales/dsa";
import { excerpt, noticeWords, withHtml } from "../../locales/dsa-notices";
import type { NoticeInput, NoticeResponse } from "../../schemas/dsa-notices";
import { queueMail } from "../delivery/send";
import { linkableStoryUrl } from "../stories";

// No 0/O, 1/I/L or U/V look-alikes: a reference is read aloud and typed back.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ";
// The largest multiple of the alphabet's size below 256: bytes above it are drawn again (no bias).
const UNBIASED = 256 - (256 % ALPHABET.length);

/** "N-XXXX-XXXX": 8 random characters of a 29-letter alphabet (about 5·10¹¹ references). */
export function newReference(): string {
  const chars: string[] = [];
  while (chars.length < 8) {
    for (const b of crypto.getRandomValues(new Uint8Array(16))) {
      if (b < UNBIASED && chars.length < 8) chars.push(ALPHABET[b % ALPHABET.length]!);
    }
  }
  return `N-${chars.slice(0, 4).join("")}-${chars.slice(4).join("")}`;
}

export const REFERENCE_SHAPE = /^N-[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$/;

const notFound = () => new ApiError(404, "comment_not_found", "This comment does not exist or is no longer visible.");

function flooded(oldest: number | null, now: number): ApiError {
  const retryAfter = Math.max(1, Math.ceil(((oldest ?? now) + NOTICE_LIMIT.windowMs - now) / 1000));
  return new ApiError(
    429,
    "flood",
    `Too many notices were sent from your network in the last hour (at most ${NOTICE_LIMIT.max}). Try again in ${Math.ceil(retryAfter / 60)} minutes.`,
    undefined,
    { details: { retryAfter }, headers: { "Retry-After": String(retryAfter) } },
  );
}

const isReferenceClash = (err: unknown) => err instanceof Error && /UNIQUE constraint failed: notices\.reference/.test(err.message);

export async function submitNotice(
  env: Env,
  site: SiteRecord,
  commentId: number,
  input: NoticeInput,
  ip: string,
  now: number,
): Promise<NoticeResponse> {
  const network = await ipHash(site.id, ip);
  for (let attempt = 0; ; attempt++) {
    const reference = newReference();
    let results;
    try {
      results = await batchOf(env.DB, [
        insertNotice(env.DB, {
          siteId: site.id,
          commentId,
          reference,
          ground: input.ground,
          explanation: input.explanation,
          name: input.name ?? null,
          email: input.email ?? null,
          network,
          now,
        }),
        selectNoticeRefusal(env.DB, { siteId: site.id, commentId, network, now }),
        selectNoticedComment(env.DB, site.id, commentId),
      ]);
    } catch (err) {
      // A drawn reference already given (about one chance in 10⁹ per notice already stored): draw again.
      if (isReferenceClash(err) && attempt < 3) continue;
      throw err;
    }
    const inserted = results[0].results[0];
    if (!inserted) {
      const why = results[1].results[0]!;
      throw why.visible ? flooded(why.oldest_in_window, now) : notFound();
    }
    if (input.email) {
      const comment = results[2].results[0]!;
      await sendReceipt(env, site, { reference, ground: input.ground, email: input.email, comment }, now);
    }
    return { reference: inserted.reference, createdAt: new Date(inserted.created_at).toISOString() };
  }
}

/** The receipt (Art. 16(4)): the reference and what was notified. A mail that cannot be queued does not undo the notice. */
async function sendReceipt(
  env: Env,
  site: SiteRecord,
  n: { reference: string; ground: NoticeInput["ground"]; email: string; comment: NoticedCommentRow },
  now: number,
): Promise<void> {
  const locale = site.settings.defaultLocale;
  const w = noticeWords[locale];
  const storyUrl = n.comment.story_url ?? (/^https?:\/\//.test(n.comment.story_key) ? n.comment.story_key : null);
  const page = linkableStoryUrl(site.allowedOrigins, storyUrl);
  try {
    await queueMail(
      env,
      {
        siteId: site.id,
        to: n.email,
        subject: w.receiptSubject(site.name, n.reference),
        ...withHtml(
          w.receiptText({
            site: site.name,
            reference: n.reference,
            ground: dsaWords[locale].legalGround[n.ground],
            excerpt: excerpt(n.comment.body),
            page: page ? `${page.split("#")[0]}#comment-${n.comment.id}` : null,
          }),
        ),
        topic: "notice",
      },
      now,
    );
  } catch (err) {
    console.error("notice receipt not queued", site.id, n.reference, err);
  }
}
