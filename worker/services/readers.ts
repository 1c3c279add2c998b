// The reader behind a request's credential, as the reader services need them: for a write (an SSO
// reader is created or updated on the way), or for a view (their id and what the thread shows).
import type { ReaderCredential } from "../auth/reader";
import { bumpStoriesOfRenamed, selectCommenterByToken, upsertSsoCommenter, type CommenterRow } from "../db/commenters";
import type { SiteRecord } from "../db/sites";
import { invalidToken } from "../lib/bearer";
import type { ThreadResponse } from "../schemas/views";

/**
 * An SSO reader's profile as the site's token says (created on first use, name, email and avatar
 * updated), as statements for the batch of the write they make: a refused write then saves
 * nothing. The stories where a rename shows move on first (see bumpStoriesOfRenamed).
 */
export function ssoReaderStatements(
  db: D1Database,
  site: SiteRecord,
  credential: Extract<ReaderCredential, { kind: "sso" }>,
  now: number,
): D1PreparedStatement[] {
  const { claims } = credential;
  return [
    bumpStoriesOfRenamed(db, { siteId: site.id, tokenHash: credential.tokenHash, name: claims.name, avatar: claims.avatar }),
    upsertSsoCommenter(db, {
      siteId: site.id,
      externalId: claims.sub,
      tokenHash: credential.tokenHash,
      name: claims.name,
      email: claims.email,
      avatar: claims.avatar,
      now,
    }),
  ];
}

/**
 * For a write that is not a post (a reaction, a report, an edit): an SSO reader is saved first,
 * so the rest of the request finds them by their credential's hash.
 */
export async function saveSsoReader(db: D1Database, site: SiteRecord, credential: ReaderCredential | null, now: number) {
  if (credential?.kind !== "sso") return;
  await db.batch(ssoReaderStatements(db, site, credential, now));
}

/** The commenter a write acts as: an unknown guest token is refused, an SSO reader is saved first. */
export async function writingReader(
  db: D1Database,
  site: SiteRecord,
  credential: ReaderCredential | null,
  now: number,
): Promise<CommenterRow | null> {
  if (credential === null) return null;
  await saveSsoReader(db, site, credential, now);
  const commenter = await selectCommenterByToken(db, site.id, credential.tokenHash).first();
  if (!commenter) throw invalidToken();
  return commenter;
}

/** Who the thread says the reader is: an SSO reader as the token says, a guest as they last signed. */
export function viewerOf(credential: ReaderCredential | null, commenter: CommenterRow | null): ThreadResponse["viewer"] {
  if (credential?.kind === "sso") {
    return { name: credential.claims.name, kind: "sso", avatar: credential.claims.avatar };
  }
  if (commenter) return { name: commenter.name, kind: "guest", avatar: null };
  return null;
}
