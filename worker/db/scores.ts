// SQL for comment scores (migration 0013): the latest automatic score of each comment, written in
// the batch that writes the comment, read with the queues.
import type { ScoringOutcome } from "../moderation/scoring/types";

/** A queue item's score: what the providers found, or null for a comment never scored. */
export interface ScoreView {
  /** 0–100, the highest any provider gave */
  value: number;
  labels: string[];
  provider: string;
}

// The newest comment of the batch: inside a D1 batch (one transaction) the comment just inserted has
// the highest id (INTEGER PRIMARY KEY, no AUTOINCREMENT), wherever this statement stands after it.
const NEWEST_COMMENT = "(SELECT max(id) FROM comments)";

/**
 * The score of the comment this batch just inserted (placed anywhere after its insert), or of
 * comment `id` (an edit: replaces its earlier score). Nothing when nothing was scored.
 */
export function upsertScore(
  db: D1Database,
  s: { siteId: string; outcome: ScoringOutcome | undefined; now: number; id?: number },
): D1PreparedStatement[] {
  const score = s.outcome?.score;
  if (!score) return [];
  return [
    db
      .prepare(
        `INSERT INTO comment_scores (comment_id, site_id, value, labels, provider, scored_at)
         SELECT c.id, c.site_id, ?3, ?4, ?5, ?6 FROM comments c WHERE c.id = ${s.id === undefined ? NEWEST_COMMENT : "?2"} AND c.site_id = ?1
         ON CONFLICT (comment_id) DO UPDATE SET value = excluded.value, labels = excluded.labels,
           provider = excluded.provider, scored_at = excluded.scored_at`,
      )
      .bind(s.siteId, s.id ?? null, score.value, JSON.stringify(score.labels), score.provider, s.now),
  ];
}

/** Columns for a queue read joining `comment_scores sc` (LEFT JOIN … ON sc.comment_id = c.id). */
export const SCORE_COLUMNS = "sc.value AS score_value, sc.labels AS score_labels, sc.provider AS score_provider";

export interface ScoreColumns {
  score_value: number | null;
  score_labels: string | null;
  score_provider: string | null;
}

export function toScoreView(row: Partial<ScoreColumns>): ScoreView | null {
  if (row.score_value === null || row.score_value === undefined) return null;
  let labels: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row.score_labels ?? "[]");
    if (Array.isArray(parsed)) labels = parsed.filter((l): l is string => typeof l === "string");
  } catch {
    // A row the CHECK let through cannot fail here; an unreadable one shows no labels.
  }
  return { value: row.score_value, labels, provider: row.score_provider ?? "none" };
}
