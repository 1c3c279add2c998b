// The site-wide rules through the real scheduled handler: reports in the last hour, comments held
// for review too long, questions waiting too long for an answer; each at its threshold, below it
// and off; and one site's bad settings do not stop the others.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createSite } from "../support";
import { HOUR, MIN, T0, alertSite, incidentsOf, seedAt, seedReports, storyWithAuthor, tick } from "./support";

describe("reports in the last hour", () => {
  async function withReports(inHour: number, before: number, settings: object = { alertReportsPerHour: 3 }) {
    const site = await alertSite(settings);
    const { storyId, authorId } = await storyWithAuthor(site.id);
    const [a, b] = await seedAt(site.id, storyId, authorId, [{ at: T0 - 2 * HOUR }, { at: T0 - 2 * HOUR }]);
    if (inHour) await seedReports(site.id, a!, inHour, T0 - 30 * MIN);
    if (before) await seedReports(site.id, b!, before, T0 - HOUR - MIN);
    await tick(T0);
    return incidentsOf(site.id);
  }

  it("fire at the threshold, site-wide, with the figures", async () => {
    const incidents = await withReports(3, 0);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ rule: "reports", story_id: null, scope: 0, status: "open" });
    expect(incidents[0]!.figures).toEqual({ lastHour: 3, threshold: 3, peak: 3 });
  });

  it("do not fire below it; older reports do not count", async () => {
    expect(await withReports(2, 10)).toEqual([]);
  });

  it("are off with 0", async () => {
    expect(await withReports(50, 0, { alertReportsPerHour: 0 })).toEqual([]);
  });
});

describe("comments held for review", () => {
  async function withPending(rows: Parameters<typeof seedAt>[3], settings: object = { alertPendingMinutes: 60 }) {
    const site = await alertSite(settings);
    const { storyId, authorId } = await storyWithAuthor(site.id);
    await seedAt(site.id, storyId, authorId, rows);
    await tick(T0);
    return incidentsOf(site.id);
  }

  it("fire when one has waited longer than the limit (held_at, else its posting time)", async () => {
    const incidents = await withPending([
      { at: T0 - 3 * HOUR, status: "pending", heldAt: T0 - 61 * MIN },
      { at: T0 - 90 * MIN, status: "pending" },
      { at: T0 - 10 * MIN, status: "pending" },
      { at: T0 - 5 * HOUR, status: "published" },
    ]);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ rule: "pending", story_id: null, status: "open" });
    expect(incidents[0]!.figures).toEqual({
      waiting: 2,
      oldestAt: new Date(T0 - 90 * MIN).toISOString(),
      limitMinutes: 60,
      peak: 2,
    });
  });

  it("do not fire at the limit or before it: a comment held lately counts from then, not from its posting", async () => {
    expect(
      await withPending([
        { at: T0 - 60 * MIN, status: "pending" },
        { at: T0 - 10 * HOUR, status: "pending", heldAt: T0 - 30 * MIN },
        { at: T0 - 10 * HOUR, status: "rejected" },
      ]),
    ).toEqual([]);
  });

  it("are off with 0", async () => {
    expect(await withPending([{ at: T0 - 10 * HOUR, status: "pending" }], { alertPendingMinutes: 0 })).toEqual([]);
  });

  it("resolve when the queue is worked through", async () => {
    const site = await alertSite({ alertPendingMinutes: 30 });
    const { storyId, authorId } = await storyWithAuthor(site.id);
    const [id] = await seedAt(site.id, storyId, authorId, [{ at: T0 - HOUR, status: "pending" }]);
    await tick(T0);
    await env.DB.prepare("UPDATE comments SET status = 'published' WHERE id = ?").bind(id).run();
    await tick(T0 + 5 * MIN);
    expect((await incidentsOf(site.id)).map((i) => [i.rule, i.status, i.resolved_at])).toEqual([["pending", "resolved", T0 + 5 * MIN]]);
  });
});

describe("questions waiting for an answer", () => {
  async function withQuestions(rows: Parameters<typeof seedAt>[3], settings: object = { alertToAnswerHours: 12 }) {
    const site = await alertSite(settings);
    const { storyId, authorId } = await storyWithAuthor(site.id);
    await seedAt(site.id, storyId, authorId, rows);
    await tick(T0);
    return incidentsOf(site.id);
  }

  it("fire when one has waited longer than the limit", async () => {
    const incidents = await withQuestions([
      { at: T0 - 13 * HOUR, answerStatus: "waiting" },
      { at: T0 - 2 * HOUR, answerStatus: "waiting" },
      { at: T0 - 20 * HOUR, answerStatus: "answered" },
    ]);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ rule: "to_answer", story_id: null });
    expect(incidents[0]!.figures).toEqual({ waiting: 1, oldestAt: new Date(T0 - 13 * HOUR).toISOString(), limitHours: 12, peak: 1 });
  });

  it("do not fire before the limit, nor for answered, dismissed, held or deleted ones", async () => {
    expect(
      await withQuestions([
        { at: T0 - 11 * HOUR, answerStatus: "waiting" },
        { at: T0 - 20 * HOUR, answerStatus: "dismissed" },
        { at: T0 - 20 * HOUR, answerStatus: "waiting", status: "pending" },
        { at: T0 - 20 * HOUR, answerStatus: "waiting", status: "deleted" },
      ]),
    ).toEqual([]);
  });

  it("are off with 0", async () => {
    expect(await withQuestions([{ at: T0 - 100 * HOUR, answerStatus: "waiting" }], { alertToAnswerHours: 0 })).toEqual([]);
  });
});

describe("the defaults", () => {
  it("suit a newspaper: every rule is on", async () => {
    const site = await createSite();
    const { storyId, authorId } = await storyWithAuthor(site.id);
    await seedAt(site.id, storyId, authorId, [
      ...Array.from({ length: 30 }, (_, i) => ({ at: T0 - i * MIN })),
      { at: T0 - 2 * HOUR, status: "pending" as const },
      { at: T0 - 13 * HOUR, answerStatus: "waiting" as const },
    ]);
    const [first] = await seedAt(site.id, storyId, authorId, [{ at: T0 - 3 * HOUR }]);
    await seedReports(site.id, first!, 15, T0 - MIN);
    await tick(T0);
    expect((await incidentsOf(site.id)).map((i) => i.rule).sort()).toEqual(["buzz", "pending", "reports", "to_answer"]);
  });
});

describe("one site's trouble", () => {
  it("does not stop the others: settings that are not JSON or out of range read as the defaults", async () => {
    const broken = await alertSite({ alertPendingMinutes: 30 });
    await env.DB.prepare("UPDATE sites SET settings = 'not json' WHERE id = ?").bind(broken.id).run();
    const odd = await alertSite({ alertPendingMinutes: "soon", alertReportsPerHour: 0, alertBuzzFactor: 0, alertToAnswerHours: 0 });
    const fine = await alertSite({ alertPendingMinutes: 30 });
    for (const site of [broken, odd, fine]) {
      const { storyId, authorId } = await storyWithAuthor(site.id);
      await seedAt(site.id, storyId, authorId, [{ at: T0 - 2 * HOUR, status: "pending" }]);
    }
    await tick(T0);
    for (const site of [broken, odd, fine]) {
      expect(
        (await incidentsOf(site.id)).map((i) => i.rule),
        site.id,
      ).toEqual(["pending"]);
    }
  });
});
