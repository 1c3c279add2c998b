// Reader identities minted for a like (a reader with no token yet), rate-limited per network, and
// the guard rows that decide a like's or a report's rules inside its own batch (person_guards).
import { typed, type Typed } from "./typed";

/** At most this many identities minted for likes per network (keyed IP hash) in the window. */
export const IDENTITY_MINTS = { max: 20, windowMs: 60 * 60 * 1000 } as const;

/**
 * The guard's constraint names (migration 0010), as D1 reports a failed CHECK: the service maps
 * them to the refusal the reader gets.
 */
export const GUARD = { target: "guard_target", mint: "guard_mint", likeNetwork: "guard_like_network" } as const;
export type GuardName = (typeof GUARD)[keyof typeof GUARD];

/** The guard a failed batch names, if any. */
export function failedGuard(err: unknown): GuardName | null {
  if (!(err instanceof Error)) return null;
  for (const name of Object.values(GUARD)) if (err.message.includes(name)) return name;
  return null;
}

/** The batch's last statement: guards live only inside their batch. */
export function clearGuards(db: D1Database): D1PreparedStatement {
  return db.prepare("DELETE FROM person_guards");
}

/**
 * 1 while this network may mint one more identity, as SQL over parameters ?1 site, `net` the
 * network's parameter, `since` the window's start's parameter.
 */
export function mintAllowed(net: string, since: string, max: number): string {
  return `((SELECT count(*) FROM identity_mints WHERE site_id = ?1 AND network = ${net} AND created_at > ${since}) < ${Math.floor(max)})`;
}

/**
 * A guest introduced by a like: no name yet (their first comment names them), holding the hash of
 * the token they are given, and logged against the network it was minted for. Run after the
 * guard that allows it, in the same batch.
 */
export function mintReader(db: D1Database, m: { siteId: string; tokenHash: string; network: string; now: number }): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO commenters (site_id, kind, name, comment_count, approved_count, token_hash, created_at)
         VALUES (?1, 'guest', '', 0, 0, ?2, ?3)`,
      )
      .bind(m.siteId, m.tokenHash, m.now),
    db
      .prepare(
        `INSERT INTO identity_mints (commenter_id, site_id, network, created_at)
         SELECT id, ?1, ?3, ?4 FROM commenters WHERE token_hash = ?2 AND site_id = ?1`,
      )
      .bind(m.siteId, m.tokenHash, m.network, m.now),
  ];
}

/** When this network may mint again: the oldest mint of the window leaves it (ms since epoch), or null. */
export function selectNextMint(db: D1Database, m: { siteId: string; network: string; now: number }): Typed<{ free_at: number }> {
  return typed(
    db
      .prepare(
        `SELECT created_at + ?4 AS free_at FROM identity_mints
       WHERE site_id = ?1 AND network = ?2 AND created_at > ?3 ORDER BY created_at DESC LIMIT 1 OFFSET ?5`,
      )
      .bind(m.siteId, m.network, m.now - IDENTITY_MINTS.windowMs, IDENTITY_MINTS.windowMs, IDENTITY_MINTS.max - 1),
  );
}
