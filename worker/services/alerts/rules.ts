// The alert rules: what each measures on a site, and when it fires. A rule with its setting at 0
// is off (it fires nothing, so its open incidents resolve).
import { selectBuzzCandidates, selectPendingBefore, selectReportsSince, selectToAnswerBefore, type WaitingRow } from "../../db/alert-rules";
import type { Firing } from "../../db/incidents";
import type { AlertRule } from "../../schemas/alert-views";
import type { SiteSettings } from "../../schemas/site-settings";

export const HOUR_MS = 60 * 60 * 1000;
const WEEK_HOURS = 7 * 24;

export const RULES: readonly AlertRule[] = ["buzz", "reports", "pending", "to_answer"];

/** The firings of one rule on one site, or null when the rule could not be measured. */
export type RuleResult = { rule: AlertRule; firings: Firing[] } | { rule: AlertRule; error: unknown };

/**
 * Buzz: a story's comments in the last hour reach `factor` times its hourly average of the 7 days
 * before that hour (comments in [now-7d-1h, now-1h) / 168) and at least `floor`. A story without
 * history has an average of 0: the floor alone decides. Compared in integers (last×168 ≥ factor×history).
 */
async function buzz(db: D1Database, siteId: string, s: SiteSettings, now: number): Promise<Firing[]> {
  if (s.alertBuzzFactor === 0) return [];
  const hourStart = now - HOUR_MS;
  const rows = (
    await selectBuzzCandidates(db, {
      siteId,
      hourStart,
      weekStart: hourStart - WEEK_HOURS * HOUR_MS,
      floor: s.alertBuzzFloor,
    }).all()
  ).results;
  return rows
    .filter((r) => r.last_hour * WEEK_HOURS >= s.alertBuzzFactor * r.history)
    .map((r) => ({
      rule: "buzz" as const,
      storyId: r.story_id,
      figures: {
        lastHour: r.last_hour,
        hourlyAverage: Math.round((r.history / WEEK_HOURS) * 100) / 100,
        factor: s.alertBuzzFactor,
        floor: s.alertBuzzFloor,
        peak: r.last_hour,
      },
    }));
}

async function reports(db: D1Database, siteId: string, s: SiteSettings, now: number): Promise<Firing[]> {
  if (s.alertReportsPerHour === 0) return [];
  const n = (await selectReportsSince(db, siteId, now - HOUR_MS).first())?.n ?? 0;
  if (n < s.alertReportsPerHour) return [];
  return [{ rule: "reports", storyId: null, figures: { lastHour: n, threshold: s.alertReportsPerHour, peak: n } }];
}

function waitingFiring(rule: "pending" | "to_answer", row: WaitingRow | null, limit: Record<string, number>): Firing[] {
  if (!row || row.n === 0) return [];
  return [
    {
      rule,
      storyId: null,
      figures: {
        waiting: row.n,
        oldestAt: row.oldest != null ? new Date(row.oldest).toISOString() : undefined,
        ...limit,
        peak: row.n,
      },
    },
  ];
}

async function pending(db: D1Database, siteId: string, s: SiteSettings, now: number): Promise<Firing[]> {
  if (s.alertPendingMinutes === 0) return [];
  const row = await selectPendingBefore(db, siteId, now - s.alertPendingMinutes * 60_000).first();
  return waitingFiring("pending", row, { limitMinutes: s.alertPendingMinutes });
}

async function toAnswer(db: D1Database, siteId: string, s: SiteSettings, now: number): Promise<Firing[]> {
  if (s.alertToAnswerHours === 0) return [];
  const row = await selectToAnswerBefore(db, siteId, now - s.alertToAnswerHours * HOUR_MS).first();
  return waitingFiring("to_answer", row, { limitHours: s.alertToAnswerHours });
}

const MEASURES: Record<AlertRule, (db: D1Database, siteId: string, s: SiteSettings, now: number) => Promise<Firing[]>> = {
  buzz,
  reports,
  pending,
  to_answer: toAnswer,
};

/** Every rule of the site, measured side by side; one rule's failure leaves the others' results. */
export async function evaluateRules(db: D1Database, siteId: string, s: SiteSettings, now: number): Promise<RuleResult[]> {
  return Promise.all(
    RULES.map(async (rule): Promise<RuleResult> => {
      try {
        return { rule, firings: await MEASURES[rule](db, siteId, s, now) };
      } catch (error) {
        return { rule, error };
      }
    }),
  );
}
