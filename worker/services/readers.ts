// The reader behind a request's credential, as the reader services need them: for a write (an SSO
// reader is created or updated on the way), or for a view (their id and what the thread shows).
import type { ReaderCredential } from "../auth/reader";
import { selectCommenterByToken, upsertSsoCommenter, type CommenterRow } from "../db/commenters";
import type { SiteRecord } from "../db/sites";
import { invalidToken } from "../lib/bearer";
import type { ThreadResponse } from "../schemas/views";

/**
 * For a write: an SSO reader is saved as the site's token says (created on first use, name,
 * email and avatar updated), so the rest of the request finds them by their credential's hash.
 */
export async function saveSsoReader(db: D1Database, site: SiteRecord, credential: ReaderCredential | null, now: number) {
  if (credential?.kind !== "sso") return;
  const { claims } = credential;
  await upsertSsoCommenter(db, {
    siteId: site.id,
    externalId: claims.sub,
    tokenHash: credential.tokenHash,
    name: claims.name,
    email: claims.email,
    avatar: claims.avatar,
    now,
  }).run();
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
  const commenter = await selectCommenterByToken(db, site.id, credential.tokenHash).first<CommenterRow>();
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
