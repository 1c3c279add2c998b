// The figures against a seeded month: exact daily counts, totals, medians and p90, days cut in the
// asked offset, the most discussed stories, CSV of the same table, and a cost that does not grow
// with the number of comments.
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { StatsDay, StatsResponse } from "../../../worker/schemas/admin-views";
import { readStats } from "../../../worker/services/admin/stats";
import { createSite, json, seedCommenter, seedComments, seedStory } from "../support";
import { admin, seedStaffCommenter, seedTimedComments, seedTimedReports, signedIn, type TestStaff, type TimedComment } from "./support";

// Fixed clock: the period of 30 days ending today is 2026-03-02 … 2026-03-31 (UTC).
const NOW = Date.UTC(2026, 2, 31, 15, 0, 0);
const at = (day: number, hh: number, mm = 0, ss = 0) => Date.UTC(2026, 2, day, hh, mm, ss);

let siteA: string;
let siteB: string;
let staff: TestStaff;
let cookie: string;

const ZERO: Omit<StatsDay, "day"> = {
  posted: 0,
  published: 0,
  held: 0,
  rejected: 0,
  reports: 0,
  commenters: 0,
  moderationMedianSeconds: null,
  answerMedianSeconds: null,
  answerP90Seconds: null,
};

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  siteA = (await createSite({ name: "Le Quotidien", origins: ["https://lequotidien.example"], settings: { color: "#a4161a" } })).id;
  siteB = (await createSite({ name: "La Fanfare", settings: { color: "#2b8a3e" } })).id;
  ({ staff, cookie } = await signedIn({ [siteA]: "moderator", [siteB]: "admin" }));

  const [budget, strike, daily, older] = await Promise.all(
    ["budget", "greve", "daily", "older"].map((k) => seedStory(siteA, `https://lequotidien.example/${k}`)),
  );
  await env.DB.batch([
    env.DB.prepare("UPDATE stories SET title = 'Le budget', url = 'https://lequotidien.example/budget' WHERE id = ?").bind(budget),
    env.DB.prepare("UPDATE stories SET title = 'La grève' WHERE id = ?").bind(strike),
  ]);
  const [r1, r2, r3, r4] = await Promise.all(["Ana", "Bob", "Chloé", "Driss"].map((n) => seedCommenter(siteA, n)));
  const desk = await seedStaffCommenter(siteA, staff.id);
  const mod = staff.id;

  const rows: TimedComment[] = [];
  // One comment a day, every day of the period, by Driss at 10:00 UTC.
  for (let d = 2; d <= 31; d++) rows.push({ storyId: daily!, authorId: r4!, createdAt: at(d, 10) });
  rows.push(
    // 2026-03-10: held then approved after 200 s; a question answered after 60 s.
    { storyId: budget!, authorId: r1!, createdAt: at(10, 8), heldAt: at(10, 8), moderatedAt: at(10, 8, 3, 20), moderatedBy: mod },
    { storyId: strike!, authorId: r2!, createdAt: at(10, 9), answeredAt: at(10, 9, 1) },
    // 2026-03-20 at 23:30 UTC: the 21st from UTC+1 on.
    { storyId: strike!, authorId: r1!, createdAt: at(20, 23, 30) },
    // 2026-03-30: three held (approved after 600 s, rejected after 3600 s, still pending)…
    { storyId: budget!, authorId: r1!, createdAt: at(30, 9), heldAt: at(30, 9), moderatedAt: at(30, 9, 10), moderatedBy: mod },
    {
      storyId: budget!,
      authorId: r2!,
      createdAt: at(30, 10),
      status: "rejected",
      heldAt: at(30, 10),
      moderatedAt: at(30, 11),
      moderatedBy: mod,
    },
    { storyId: budget!, authorId: r2!, createdAt: at(30, 11), status: "pending", heldAt: at(30, 11) },
    // …three answered after 120, 300 and 1800 s…
    { storyId: budget!, authorId: r1!, createdAt: at(30, 12), answeredAt: at(30, 12, 2) },
    { storyId: budget!, authorId: r3!, createdAt: at(30, 13), answeredAt: at(30, 13, 5) },
    { storyId: strike!, authorId: r3!, createdAt: at(30, 14), answeredAt: at(30, 14, 30) },
    // …one rejected by the rules (no moderator), one deleted by its author, and the desk's own reply.
    { storyId: budget!, authorId: r1!, createdAt: at(30, 15), status: "rejected" },
    { storyId: budget!, authorId: r4!, createdAt: at(30, 16), status: "deleted" },
    { storyId: budget!, authorId: desk, createdAt: at(30, 12, 5) },
    // Before the period in UTC (2026-03-01 23:00), but the 2nd from UTC+1 on.
    { storyId: older!, authorId: r3!, createdAt: at(1, 23) },
  );
  const ids = await seedTimedComments(siteA, rows);
  const heldApproved30 = ids[30 + 3]!;
  await seedTimedReports(siteA, [
    { commentId: heldApproved30, createdAt: at(30, 20) },
    { commentId: heldApproved30, createdAt: at(30, 21) },
    { commentId: ids[0]!, createdAt: at(10, 23, 59, 59) },
    { commentId: ids[0]!, createdAt: at(1, 12) },
  ]);

  // Site B: its own month, never in site A's figures.
  const storyB = await seedStory(siteB, "tournee");
  const fan = await seedCommenter(siteB, "Fan");
  await seedTimedComments(siteB, [
    { storyId: storyB, authorId: fan, createdAt: at(30, 9), heldAt: at(30, 9), moderatedAt: at(30, 9, 1, 40), moderatedBy: mod },
    { storyId: storyB, authorId: fan, createdAt: at(15, 9), answeredAt: at(15, 9, 0, 30) },
  ]);
});

afterAll(() => {
  vi.useRealTimers();
});

async function stats(path: string): Promise<StatsResponse> {
  const res = await admin(path, { cookie });
  expect(res.status, await res.clone().text()).toBe(200);
  return json<StatsResponse>(res);
}

const dayOf = (s: StatsResponse, day: string) => s.daily.find((d) => d.day === day);

it("gives every day of the period, zeros filled, with the exact figures of each", async () => {
  const s = await stats(`/sites/${siteA}/stats?days=30`);
  expect(s.days).toBe(30);
  expect(s.tz).toBe(0);
  expect([s.from, s.to]).toEqual(["2026-03-02", "2026-03-31"]);
  expect(s.sites).toEqual([{ id: siteA, name: "Le Quotidien", color: "#a4161a" }]);
  expect(s.daily).toHaveLength(30);
  expect(s.daily.map((d) => d.day)).toEqual(Array.from({ length: 30 }, (_, i) => `2026-03-${String(i + 2).padStart(2, "0")}`));

  const oneADay = { ...ZERO, posted: 1, published: 1, commenters: 1 };
  expect(dayOf(s, "2026-03-02")).toEqual({ day: "2026-03-02", ...oneADay });
  expect(dayOf(s, "2026-03-21")).toEqual({ day: "2026-03-21", ...oneADay });
  expect(dayOf(s, "2026-03-10")).toEqual({
    day: "2026-03-10",
    posted: 3,
    published: 3,
    held: 1,
    rejected: 0,
    reports: 1,
    commenters: 3,
    moderationMedianSeconds: 200,
    answerMedianSeconds: 60,
    answerP90Seconds: 60,
  });
  expect(dayOf(s, "2026-03-20")).toEqual({ day: "2026-03-20", ...ZERO, posted: 2, published: 2, commenters: 2 });
  // The desk's reply is not counted: posted by staff.
  expect(dayOf(s, "2026-03-30")).toEqual({
    day: "2026-03-30",
    posted: 9,
    published: 5,
    held: 3,
    rejected: 2,
    reports: 2,
    commenters: 4,
    // nearest rank: the 1st of [600, 3600]
    moderationMedianSeconds: 600,
    // the 2nd and the 3rd of [120, 300, 1800]
    answerMedianSeconds: 300,
    answerP90Seconds: 1800,
  });
  const quiet = s.daily.filter((d) => !["2026-03-10", "2026-03-20", "2026-03-30"].includes(d.day));
  expect(quiet).toHaveLength(27);
  for (const d of quiet) expect(d).toEqual({ day: d.day, ...oneADay });
});

it("totals the period: unique commenters once, medians over the period rather than medians of the days", async () => {
  const s = await stats(`/sites/${siteA}/stats?days=30`);
  expect(s.totals).toEqual({
    posted: 41,
    published: 37,
    held: 4,
    rejected: 2,
    reports: 3,
    commenters: 4,
    moderationMedianSeconds: 600, // the 2nd of [200, 600, 3600]
    answerMedianSeconds: 120, // the 2nd of [60, 120, 300, 1800]
    answerP90Seconds: 1800, // the 4th (ceil 3.6) of them
  });
  for (const key of ["posted", "published", "held", "rejected", "reports"] as const) {
    expect(
      s.daily.reduce((sum, d) => sum + d[key], 0),
      key,
    ).toBe(s.totals[key]);
  }
});

it("lists the most discussed stories of the period, readers' comments only", async () => {
  const s = await stats(`/sites/${siteA}/stats?days=30`);
  expect(s.topStories).toEqual([
    { site: siteA, key: "https://lequotidien.example/daily", title: null, url: null, comments: 30 },
    { site: siteA, key: "https://lequotidien.example/budget", title: "Le budget", url: "https://lequotidien.example/budget", comments: 8 },
    { site: siteA, key: "https://lequotidien.example/greve", title: "La grève", url: null, comments: 3 },
  ]);
});

it("cuts days at midnight in the asked offset: 23:30 UTC is the next day at UTC+1", async () => {
  const s = await stats(`/sites/${siteA}/stats?days=30&tz=60`);
  expect(s.tz).toBe(60);
  expect([s.from, s.to]).toEqual(["2026-03-02", "2026-03-31"]);
  expect(dayOf(s, "2026-03-20")).toMatchObject({ posted: 1, commenters: 1 });
  expect(dayOf(s, "2026-03-21")).toMatchObject({ posted: 2, commenters: 2 });
  // 2026-03-01 23:00 UTC is midnight on the 2nd in Paris; the report at 23:59:59 UTC on the 10th is on the 11th.
  expect(dayOf(s, "2026-03-02")).toMatchObject({ posted: 2, commenters: 2 });
  expect(dayOf(s, "2026-03-10")!.reports).toBe(0);
  expect(dayOf(s, "2026-03-11")!.reports).toBe(1);
  expect(s.totals.posted).toBe(42);

  // West of UTC: 15:00 UTC on the 31st is 05:00 on the 31st at UTC-10, and 09:00 UTC on the 30th is still the 29th there.
  const west = await stats(`/sites/${siteA}/stats?days=7&tz=-600`);
  expect([west.from, west.to]).toEqual(["2026-03-25", "2026-03-31"]);
  expect(dayOf(west, "2026-03-29")).toMatchObject({ posted: 2, held: 1, moderationMedianSeconds: 600 });
  expect(dayOf(west, "2026-03-30")).toMatchObject({ posted: 8, held: 2, moderationMedianSeconds: 3600 });
  expect(west.totals.posted).toBe(15);
});

it("answers 7 and 90 days too, and defaults to 30 days in UTC", async () => {
  const week = await stats(`/sites/${siteA}/stats?days=7`);
  expect(week.daily.map((d) => d.day)).toEqual([
    "2026-03-25",
    "2026-03-26",
    "2026-03-27",
    "2026-03-28",
    "2026-03-29",
    "2026-03-30",
    "2026-03-31",
  ]);
  expect(week.totals.posted).toBe(7 + 8);
  const quarter = await stats(`/sites/${siteA}/stats?days=90`);
  expect(quarter.daily).toHaveLength(90);
  expect(quarter.from).toBe("2026-01-01");
  expect(quarter.totals.posted).toBe(42);
  const byDefault = await stats(`/sites/${siteA}/stats`);
  expect([byDefault.days, byDefault.tz, byDefault.totals.posted]).toEqual([30, 0, 41]);
});

it("sums every site of the member across sites, each site's figures counted once", async () => {
  const s = await stats(`/stats?days=30`);
  expect(s.sites).toEqual([
    { id: siteB, name: "La Fanfare", color: "#2b8a3e" },
    { id: siteA, name: "Le Quotidien", color: "#a4161a" },
  ]);
  expect(s.totals).toMatchObject({ posted: 43, published: 39, held: 5, commenters: 5, reports: 3 });
  // site B's 100 s moderation joins [200, 600, 3600]: the 2nd of four is 200 s.
  expect(s.totals.moderationMedianSeconds).toBe(200);
  // [100, 600, 3600]: the 2nd
  expect(dayOf(s, "2026-03-30")).toMatchObject({ posted: 10, held: 4, moderationMedianSeconds: 600 });
  expect(dayOf(s, "2026-03-15")).toMatchObject({ posted: 2, answerMedianSeconds: 30 });
  expect(s.topStories.map((t) => [t.site, t.comments])).toEqual([
    [siteA, 30],
    [siteA, 8],
    [siteA, 3],
    [siteB, 2],
  ]);
});

it("exports the same daily table as CSV", async () => {
  const [res, s] = await Promise.all([admin(`/sites/${siteA}/stats?days=7&format=csv`, { cookie }), stats(`/sites/${siteA}/stats?days=7`)]);
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="stats-${siteA}-7d.csv"`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  // A byte order mark first, so spreadsheets read the file as UTF-8.
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = new TextDecoder().decode(bytes.slice(3)).split("\r\n");
  expect(lines).toHaveLength(9);
  expect(lines[0]).toBe(
    "day,posted,published,held,rejected,reports,commenters,moderationMedianSeconds,answerMedianSeconds,answerP90Seconds",
  );
  expect(lines[1]).toBe("2026-03-25,1,1,0,0,0,1,,,");
  expect(lines[6]).toBe("2026-03-30,9,5,3,2,2,4,600,300,1800");
  expect(lines[8]).toBe("");
  expect(lines.slice(1, 8).map((l) => l.split(",")[0])).toEqual(s.daily.map((d) => d.day));

  const all = await admin(`/stats?days=90&format=csv`, { cookie });
  expect(all.headers.get("Content-Disposition")).toBe(`attachment; filename="stats-all-sites-90d.csv"`);
  expect((await all.text()).split("\r\n")).toHaveLength(92);
});

/** env.DB, counting the round trips a call makes (a batch is one; so is each first/all/run/raw). */
function countingDb(): { db: D1Database; trips: () => number } {
  let trips = 0;
  const real = new WeakMap<object, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, prop) {
        if (prop === "bind") return (...values: unknown[]) => wrap(target.bind(...values));
        if (prop === "first" || prop === "all" || prop === "run" || prop === "raw") trips++;
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    real.set(proxy, statement);
    return proxy;
  };
  const db = {
    prepare: (sql: string) => wrap(env.DB.prepare(sql)),
    batch: (statements: D1PreparedStatement[]) => {
      trips++;
      return env.DB.batch(statements.map((s) => real.get(s) ?? s));
    },
  } as unknown as D1Database;
  return { db, trips: () => trips };
}

it("answers a site with thousands of comments in as many round trips as one with a hundred", async () => {
  const small = (await createSite()).id;
  const big = (await createSite()).id;
  const member = (await signedIn({ [small]: "moderator", [big]: "moderator" })).staff;
  let nextId = 900_000;
  for (const [site, n] of [
    [small, 100],
    [big, 3000],
  ] as const) {
    const stories = await Promise.all(Array.from({ length: 12 }, (_, i) => seedStory(site, `story-${i}`)));
    const author = await seedCommenter(site, "Reader");
    await seedComments(
      site,
      Array.from({ length: n }, (_, i) => ({ id: nextId++, storyId: stories[i % 12]!, authorId: author })),
    );
  }
  const measured = [];
  for (const [site, n] of [
    [small, 100],
    [big, 3000],
  ] as const) {
    const { db, trips } = countingDb();
    const s = await readStats({ ...env, DB: db }, { staffId: member.id, siteId: site }, { days: 30, tz: 0 }, Date.now());
    expect(s.totals.posted).toBe(n);
    expect(s.topStories).toHaveLength(10);
    expect(s.topStories.map((t) => t.comments)).toEqual([...s.topStories.map((t) => t.comments)].sort((a, b) => b - a));
    measured.push(trips());
  }
  const { db, trips } = countingDb();
  await readStats({ ...env, DB: db }, { staffId: member.id, siteId: null }, { days: 90, tz: 120 }, Date.now());
  measured.push(trips());
  // The member's sites from the registry, then one batch for the database holding them.
  expect(measured).toEqual([2, 2, 2]);
});
