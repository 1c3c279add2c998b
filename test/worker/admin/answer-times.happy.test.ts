// Time to first staff answer: median and 90th percentile (nearest rank) over the last 7 and 30
// days, from seeded rows with chosen times, and from a question answered through the real APIs.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { AnswerTimesResponse } from "../../../worker/schemas/admin-views";
import { json, seedCommenter, seedStory, type TestSite } from "../support";
import { deskSite, say, staffReply } from "./desk-support";
import { admin, signedIn } from "./support";

const DAY = 24 * 60 * 60 * 1000;
let site: TestSite;
let cookie: string;
let nextId = 900_000;

interface Seeded {
  /** how long ago it was posted */
  ago: number;
  status?: "published" | "pending" | "rejected" | "deleted";
  answer: "waiting" | "answered" | "dismissed" | null;
  /** seconds from posting to the first staff answer */
  answeredAfter?: number;
}

async function seed(siteId: string, rows: Seeded[]): Promise<void> {
  const storyId = await seedStory(siteId, `times-${nextId}`);
  const author = await seedCommenter(siteId, "Lectrice");
  const now = Date.now();
  await env.DB.batch(
    rows.map((r) => {
      const created = now - r.ago;
      return env.DB.prepare(
        `INSERT INTO comments (id, site_id, story_id, author_id, body, status, created_at, updated_at, answer_status, answered_at)
         VALUES (?, ?, ?, ?, 'Une question ?', ?, ?, ?, ?, ?)`,
      ).bind(
        ++nextId,
        siteId,
        storyId,
        author,
        r.status ?? "published",
        created,
        created,
        r.answer,
        r.answeredAfter !== undefined ? created + r.answeredAfter * 1000 : null,
      );
    }),
  );
}

async function times(siteId: string, c = cookie): Promise<AnswerTimesResponse> {
  const res = await admin(`/sites/${siteId}/answer-times`, { cookie: c });
  expect(res.status).toBe(200);
  return json<AnswerTimesResponse>(res);
}

beforeAll(async () => {
  site = await deskSite();
  const other = await deskSite();
  cookie = (await signedIn({ [site.id]: "moderator" })).cookie;
  await seed(site.id, [
    // this week: ten answered questions, 10 s to 100 s (seeded out of order)
    ...[70, 10, 100, 40, 20, 90, 30, 60, 80, 50].map((s, i) => ({
      ago: (i + 1) * 3_600_000,
      answer: "answered" as const,
      answeredAfter: s,
    })),
    // still waiting: two in the queue; a held one and a rejected one are not waiting for an answer
    { ago: DAY, answer: "waiting" },
    { ago: 2 * DAY, answer: "waiting" },
    { ago: DAY, answer: "waiting", status: "pending" },
    { ago: DAY, answer: "waiting", status: "rejected" },
    // dismissed: neither answered nor waiting; nothing asked: not counted at all
    { ago: DAY, answer: "dismissed" },
    { ago: DAY, answer: null },
    // earlier this month: three slow answers and one still waiting
    { ago: 10 * DAY, answer: "answered", answeredAfter: 1000 },
    { ago: 20 * DAY, answer: "answered", answeredAfter: 3000 },
    { ago: 29 * DAY, answer: "answered", answeredAfter: 2000 },
    { ago: 15 * DAY, answer: "waiting" },
    // before the month: left out
    { ago: 31 * DAY, answer: "answered", answeredAfter: 5 },
    { ago: 40 * DAY, answer: "waiting" },
  ]);
  // another site's fast answers never count here
  await seed(
    other.id,
    [1, 1, 1, 1].map(() => ({ ago: DAY, answer: "answered" as const, answeredAfter: 1 })),
  );
});

describe("GET /sites/{site}/answer-times", () => {
  it("gives the median and p90 by nearest rank, and the answered and waiting counts, per period", async () => {
    expect(await times(site.id)).toEqual({
      // 10 values: median = 5th (50 s), p90 = 9th (90 s)
      last7: { days: 7, answered: 10, waiting: 2, medianSeconds: 50, p90Seconds: 90 },
      // 13 values: median = 7th (70 s), p90 = 12th (2000 s)
      last30: { days: 30, answered: 13, waiting: 3, medianSeconds: 70, p90Seconds: 2000 },
    });
  });

  it("gives no figures for a site with nothing answered", async () => {
    const empty = await deskSite();
    const c = (await signedIn({ [empty.id]: "moderator" })).cookie;
    const none = { answered: 0, waiting: 0, medianSeconds: null, p90Seconds: null };
    expect(await times(empty.id, c)).toEqual({ last7: { days: 7, ...none }, last30: { days: 30, ...none } });
  });

  it("a single answer is its own median and p90", async () => {
    const one = await deskSite();
    const c = (await signedIn({ [one.id]: "moderator" })).cookie;
    await seed(one.id, [{ ago: DAY, answer: "answered", answeredAfter: 42 }]);
    expect((await times(one.id, c)).last7).toEqual({ days: 7, answered: 1, waiting: 0, medianSeconds: 42, p90Seconds: 42 });
  });

  it("follows the real flow: a question waits, then a staff reply answers it", async () => {
    const live = await deskSite();
    const c = (await signedIn({ [live.id]: "moderator" })).cookie;
    const q = await say(live, "live-1", "Quand ?");
    expect((await times(live.id, c)).last7).toMatchObject({ answered: 0, waiting: 1 });
    await staffReply(live.id, c, q.comment.id);
    const week = (await times(live.id, c)).last7;
    expect(week).toMatchObject({ answered: 1, waiting: 0 });
    expect(week.medianSeconds).toBeGreaterThanOrEqual(0);
    expect(week.medianSeconds).toBeLessThan(60);
  });
});
