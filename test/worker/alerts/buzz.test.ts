// The buzz rule through the real scheduled handler: a seeded spike opens one incident, later ticks
// update it (figures, peak) without a second one, it resolves when the rate falls, and a new spike
// opens a new one; the factor and the floor, each at, below and off; concurrent ticks.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DAY, HOUR, MIN, T0, alertSite, incidentsOf, seedAt, spread, storyWithAuthor, tick } from "./support";

const WEEK_START = T0 - 7 * DAY - HOUR;

describe("a bad buzz on a story", () => {
  it("opens one incident, updates it while it goes on, resolves it when the rate falls, and a new spike opens another", async () => {
    const site = await alertSite({ alertBuzzFactor: 5, alertBuzzFloor: 30 });
    const { storyId, authorId } = await storyWithAuthor(site.id);
    // its usual rate: one comment an hour over the 7 days before the last hour
    await seedAt(site.id, storyId, authorId, spread(168, WEEK_START, T0 - HOUR));
    // the spike: 40 in the last hour (every status counts: held or rejected comments are part of a buzz)
    await seedAt(site.id, storyId, authorId, [
      ...spread(38, T0 - HOUR, T0),
      { at: T0 - 10 * MIN, status: "pending" },
      { at: T0 - 5 * MIN, status: "rejected" },
    ]);

    await tick(T0);
    let incidents = await incidentsOf(site.id);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      rule: "buzz",
      story_id: storyId,
      status: "open",
      opened_at: T0,
      updated_at: T0,
      resolved_at: null,
    });
    expect(incidents[0]!.figures).toEqual({ lastHour: 40, hourlyAverage: 1, factor: 5, floor: 30, peak: 40 });

    // 5 minutes later: 10 more; the 4 oldest of the spike left the hour (and joined the history)
    await seedAt(site.id, storyId, authorId, spread(10, T0, T0 + 5 * MIN));
    await tick(T0 + 5 * MIN);
    incidents = await incidentsOf(site.id);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ status: "open", opened_at: T0, updated_at: T0 + 5 * MIN });
    expect(incidents[0]!.figures).toMatchObject({ lastHour: 46, peak: 46 });

    // still above the floor and the factor, but lower: the figures follow, the peak stays
    await tick(T0 + 30 * MIN);
    incidents = await incidentsOf(site.id);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.status).toBe("open");
    expect(incidents[0]!.figures).toMatchObject({ lastHour: 31, peak: 46 });

    // the hour after: quiet again
    await tick(T0 + 2 * HOUR);
    incidents = await incidentsOf(site.id);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ status: "resolved", resolved_at: T0 + 2 * HOUR, updated_at: T0 + 2 * HOUR });
    expect(incidents[0]!.figures).toMatchObject({ lastHour: 31, peak: 46 });

    // a quiet tick later changes nothing
    await tick(T0 + 2 * HOUR + 5 * MIN);
    expect(await incidentsOf(site.id)).toEqual(incidents);

    // a new spike is a new incident
    await seedAt(site.id, storyId, authorId, spread(60, T0 + 2 * HOUR, T0 + 3 * HOUR));
    await tick(T0 + 3 * HOUR);
    incidents = await incidentsOf(site.id);
    expect(incidents.map((i) => i.status)).toEqual(["resolved", "open"]);
    expect(incidents[1]).toMatchObject({ rule: "buzz", story_id: storyId, opened_at: T0 + 3 * HOUR });
    expect(incidents[1]!.figures).toMatchObject({ lastHour: 60, peak: 60 });
  });

  it("is measured per story: a busy site with no busy story has no buzz, and two spikes are two incidents", async () => {
    const site = await alertSite({ alertBuzzFactor: 2, alertBuzzFloor: 10 });
    const quiet = await Promise.all([1, 2, 3, 4].map(() => storyWithAuthor(site.id)));
    for (const s of quiet) await seedAt(site.id, s.storyId, s.authorId, spread(9, T0 - HOUR, T0));
    await tick(T0);
    expect(await incidentsOf(site.id)).toEqual([]);

    const [a, b] = quiet;
    await seedAt(site.id, a!.storyId, a!.authorId, spread(1, T0 - HOUR, T0));
    await seedAt(site.id, b!.storyId, b!.authorId, spread(5, T0 - HOUR, T0));
    await tick(T0);
    const incidents = await incidentsOf(site.id);
    expect(incidents.map((i) => [i.story_id, i.scope, i.figures.lastHour])).toEqual([
      [a!.storyId, a!.storyId, 10],
      [b!.storyId, b!.storyId, 14],
    ]);
  });
});

describe("the buzz thresholds", () => {
  // usual rate 2 an hour, factor 3: 6 in the last hour is the limit; the floor (5) is below it
  async function withHistory(lastHour: number, settings: object = {}) {
    const site = await alertSite({ alertBuzzFactor: 3, alertBuzzFloor: 5, ...settings });
    const { storyId, authorId } = await storyWithAuthor(site.id);
    await seedAt(site.id, storyId, authorId, spread(336, WEEK_START, T0 - HOUR));
    // older than the 7 days: not part of the usual rate
    await seedAt(site.id, storyId, authorId, spread(500, WEEK_START - DAY, WEEK_START));
    await seedAt(site.id, storyId, authorId, spread(lastHour, T0 - HOUR, T0));
    await tick(T0);
    return incidentsOf(site.id);
  }

  it("fires at factor × the usual rate", async () => {
    const [incident] = await withHistory(6);
    expect(incident!.figures).toEqual({ lastHour: 6, hourlyAverage: 2, factor: 3, floor: 5, peak: 6 });
  });

  it("does not fire below it, even above the floor", async () => {
    expect(await withHistory(5)).toEqual([]);
  });

  it("does not fire below the floor, even far above the usual rate", async () => {
    expect(await withHistory(19, { alertBuzzFactor: 1, alertBuzzFloor: 20 })).toEqual([]);
    expect(await withHistory(20, { alertBuzzFactor: 1, alertBuzzFloor: 20 })).toHaveLength(1);
  });

  it("is off with a factor of 0", async () => {
    expect(await withHistory(200, { alertBuzzFactor: 0 })).toEqual([]);
  });

  it("on a story with no history, the floor alone decides", async () => {
    const site = await alertSite({ alertBuzzFactor: 100, alertBuzzFloor: 30 });
    const fresh = await storyWithAuthor(site.id);
    const fewer = await storyWithAuthor(site.id);
    await seedAt(site.id, fresh.storyId, fresh.authorId, spread(30, T0 - HOUR, T0));
    await seedAt(site.id, fewer.storyId, fewer.authorId, spread(29, T0 - HOUR, T0));
    await tick(T0);
    const incidents = await incidentsOf(site.id);
    expect(incidents.map((i) => i.story_id)).toEqual([fresh.storyId]);
    expect(incidents[0]!.figures).toMatchObject({ lastHour: 30, hourlyAverage: 0 });
  });

  it("turned off while an incident is open resolves it", async () => {
    const site = await alertSite({ alertBuzzFactor: 1, alertBuzzFloor: 3 });
    const { storyId, authorId } = await storyWithAuthor(site.id);
    await seedAt(site.id, storyId, authorId, spread(5, T0 - HOUR, T0));
    await tick(T0);
    await env.DB.prepare("UPDATE sites SET settings = json_set(settings, '$.alertBuzzFactor', 0) WHERE id = ?").bind(site.id).run();
    await tick(T0 + MIN);
    expect((await incidentsOf(site.id)).map((i) => i.status)).toEqual(["resolved"]);
  });
});

describe("concurrent ticks", () => {
  it("10 at once open one incident per rule and scope", async () => {
    const site = await alertSite({ alertBuzzFactor: 1, alertBuzzFloor: 3, alertReportsPerHour: 1 });
    const { storyId, authorId } = await storyWithAuthor(site.id);
    const [first] = await seedAt(site.id, storyId, authorId, spread(5, T0 - HOUR, T0));
    await env.DB.prepare("INSERT INTO reports (site_id, comment_id, reporter_key, reason, created_at) VALUES (?, ?, 'ip:x', 'spam', ?)")
      .bind(site.id, first, T0 - MIN)
      .run();
    await Promise.all(Array.from({ length: 10 }, (_, i) => tick(T0 + i)));
    const incidents = await incidentsOf(site.id);
    expect(incidents.map((i) => [i.rule, i.status]).sort()).toEqual([
      ["buzz", "open"],
      ["reports", "open"],
    ]);
  });
});
