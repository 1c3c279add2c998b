// Helpers for the alert tests: the real scheduled handler at a chosen time, comments and reports
// seeded at chosen times, and the incidents and outbox rows of a site as stored.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../../worker/index";
import { createSite, seedCommenter, seedStory, type TestSite } from "../support";

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
/** a fixed "now" far from the real clock, so that the seeded times are the only ones counted */
export const T0 = Date.UTC(2030, 0, 15, 12, 0, 0);

/** One tick of the Worker's own scheduled handler, as the Cron Trigger runs it. */
export async function tick(now: number): Promise<void> {
  const controller = createScheduledController({ scheduledTime: now, cron: "*/5 * * * *" });
  const ctx = createExecutionContext();
  await worker.scheduled(controller, env, ctx);
  await waitOnExecutionContext(ctx);
}

/** A site whose rules are all off but those given (so the other rules stay out of the figures). */
export function alertSite(settings: object = {}, name?: string, origins?: string[]): Promise<TestSite> {
  return createSite({
    name,
    origins,
    settings: { alertBuzzFactor: 0, alertReportsPerHour: 0, alertPendingMinutes: 0, alertToAnswerHours: 0, ...settings },
  });
}

export async function storyWithAuthor(siteId: string, key = `story-${crypto.randomUUID().slice(0, 8)}`, title?: string) {
  const storyId = await seedStory(siteId, key);
  if (title) await env.DB.prepare("UPDATE stories SET title = ? WHERE id = ?").bind(title, storyId).run();
  const authorId = await seedCommenter(siteId, "Ana");
  return { storyId, authorId, key };
}

export interface AtComment {
  at: number;
  status?: "published" | "pending" | "rejected" | "deleted";
  heldAt?: number | null;
  answerStatus?: "waiting" | "answered" | "dismissed" | null;
}

/** Comments on one story at chosen times (ids from SQLite), one statement. Returns their ids. */
export async function seedAt(siteId: string, storyId: number, authorId: number, rows: AtComment[]): Promise<number[]> {
  const { results } = await env.DB.prepare(
    `INSERT INTO comments (site_id, story_id, author_id, body, status, created_at, updated_at, held_at, answer_status)
     SELECT ?1, ?2, ?3, 'seeded', json_extract(j.value, '$.status'), json_extract(j.value, '$.at'), json_extract(j.value, '$.at'),
            json_extract(j.value, '$.heldAt'), json_extract(j.value, '$.answerStatus')
     FROM json_each(?4) AS j RETURNING id`,
  )
    .bind(
      siteId,
      storyId,
      authorId,
      JSON.stringify(
        rows.map((r) => ({ at: r.at, status: r.status ?? "published", heldAt: r.heldAt ?? null, answerStatus: r.answerStatus ?? null })),
      ),
    )
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

/** `n` comments spread over [from, to). */
export function spread(n: number, from: number, to: number, extra: Omit<AtComment, "at"> = {}): AtComment[] {
  return Array.from({ length: n }, (_, i) => ({ ...extra, at: from + Math.floor(((to - from) * i) / n) }));
}

/** `n` reports at `at` on one comment of the site (each from its own reporter). */
export async function seedReports(siteId: string, commentId: number, n: number, at: number): Promise<void> {
  await env.DB.batch(
    Array.from({ length: n }, (_, i) =>
      env.DB.prepare("INSERT INTO reports (site_id, comment_id, reporter_key, reason, created_at) VALUES (?, ?, ?, 'spam', ?)").bind(
        siteId,
        commentId,
        `ip:${crypto.randomUUID()}-${i}`,
        at,
      ),
    ),
  );
}

export interface StoredIncident {
  id: number;
  rule: string;
  story_id: number | null;
  scope: number;
  status: string;
  figures: Record<string, unknown>;
  opened_at: number;
  updated_at: number;
  resolved_at: number | null;
  acknowledged_at: number | null;
  acknowledged_by: number | null;
}

export async function incidentsOf(siteId: string): Promise<StoredIncident[]> {
  const { results } = await env.DB.prepare(
    `SELECT id, rule, story_id, scope, status, figures, opened_at, updated_at, resolved_at, acknowledged_at, acknowledged_by
     FROM incidents WHERE site_id = ? ORDER BY id`,
  )
    .bind(siteId)
    .all<Omit<StoredIncident, "figures"> & { figures: string }>();
  return results.map((r) => ({ ...r, figures: JSON.parse(r.figures) as Record<string, unknown> }));
}

export interface StoredDelivery {
  kind: string;
  topic: string;
  recipient: string;
  subject: string;
  body: string;
}

export async function outboxOf(siteId: string): Promise<StoredDelivery[]> {
  const { results } = await env.DB.prepare("SELECT kind, topic, recipient, subject, body FROM outbox WHERE site_id = ? ORDER BY id")
    .bind(siteId)
    .all<StoredDelivery>();
  return results;
}
