// The alerts API: the list (open first, newest first, filtered by status), acknowledgement
// (audited once, idempotent, scoped to the site), the staff's alert-mail opt-in, and the home's
// count of open incidents nobody acknowledged.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { AlertMailResponse, AlertsResponse, IncidentView } from "../../../worker/schemas/alert-views";
import type { OverviewResponse } from "../../../worker/schemas/admin-views";
import { errorOf, json } from "../support";
import { admin, auditSince, lastAuditId, signedIn, snapshot, type TestStaff } from "../admin/support";
import { HOUR, T0, alertSite, storyWithAuthor } from "./support";

async function insertIncident(
  siteId: string,
  i: { rule: string; storyId?: number | null; status?: "open" | "resolved"; openedAt: number; figures?: object },
): Promise<number> {
  const row = await env.DB.prepare(
    `INSERT INTO incidents (site_id, rule, story_id, scope, status, figures, opened_at, updated_at, resolved_at, open_notice_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?7) RETURNING id`,
  )
    .bind(
      siteId,
      i.rule,
      i.storyId ?? null,
      i.storyId ?? 0,
      i.status ?? "open",
      JSON.stringify(i.figures ?? { peak: 1 }),
      i.openedAt,
      i.status === "resolved" ? i.openedAt + HOUR : null,
    )
    .first<{ id: number }>();
  return row!.id;
}

let siteId: string;
let otherSiteId: string;
let mod: { staff: TestStaff; cookie: string };
let ids: { oldResolved: number; buzz: number; reports: number; newResolved: number; pending: number };
let story: { storyId: number; key: string };

beforeAll(async () => {
  // Its stories live on journal.example: only a page on the site's origins is given as a link.
  siteId = (await alertSite({}, undefined, ["https://journal.example"])).id;
  otherSiteId = (await alertSite()).id;
  mod = await signedIn({ [siteId]: "moderator" });
  story = await storyWithAuthor(siteId, "la-une", "La une");
  await env.DB.prepare("UPDATE stories SET url = 'https://journal.example/la-une' WHERE id = ?").bind(story.storyId).run();
  ids = {
    oldResolved: await insertIncident(siteId, { rule: "reports", status: "resolved", openedAt: T0 - 5 * HOUR }),
    buzz: await insertIncident(siteId, {
      rule: "buzz",
      storyId: story.storyId,
      openedAt: T0 - 4 * HOUR,
      figures: { lastHour: 84, hourlyAverage: 7, factor: 5, floor: 30, peak: 90 },
    }),
    reports: await insertIncident(siteId, { rule: "reports", openedAt: T0 - 3 * HOUR }),
    newResolved: await insertIncident(siteId, { rule: "pending", status: "resolved", openedAt: T0 - 2 * HOUR }),
    pending: await insertIncident(siteId, { rule: "pending", openedAt: T0 - HOUR }),
  };
});

const list = async (query = "", cookie = mod.cookie) => {
  const res = await admin(`/sites/${siteId}/alerts${query}`, { cookie });
  expect(res.status).toBe(200);
  return (await json<AlertsResponse>(res)).incidents;
};

describe("GET …/alerts", () => {
  it("lists the open incidents, newest first, by default, with their story and figures", async () => {
    const incidents = await list();
    expect(incidents.map((i) => i.id)).toEqual([ids.pending, ids.reports, ids.buzz]);
    expect(incidents[2]).toEqual({
      id: ids.buzz,
      rule: "buzz",
      story: { id: story.storyId, key: "la-une", title: "La une", url: "https://journal.example/la-une" },
      status: "open",
      figures: { lastHour: 84, hourlyAverage: 7, factor: 5, floor: 30, peak: 90 },
      openedAt: new Date(T0 - 4 * HOUR).toISOString(),
      updatedAt: new Date(T0 - 4 * HOUR).toISOString(),
      resolvedAt: null,
      acknowledgedAt: null,
      acknowledgedBy: null,
    } satisfies IncidentView);
  });

  it("?status=all: the open ones first, then the resolved ones, each newest first", async () => {
    const incidents = await list("?status=all");
    expect(incidents.map((i) => i.id)).toEqual([ids.pending, ids.reports, ids.buzz, ids.newResolved, ids.oldResolved]);
    expect(incidents[3]!.resolvedAt).toBe(new Date(T0 - HOUR).toISOString());
  });

  it("refuses another status", async () => {
    const res = await admin(`/sites/${siteId}/alerts?status=closed`, { cookie: mod.cookie });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("validation_failed");
  });

  it("shows nothing of another site", async () => {
    const other = await signedIn({ [otherSiteId]: "admin" });
    const res = await admin(`/sites/${otherSiteId}/alerts?status=all`, { cookie: other.cookie });
    expect((await json<AlertsResponse>(res)).incidents).toEqual([]);
  });
});

describe("POST …/alerts/{id}/acknowledge", () => {
  const ack = (id: number | string, cookie: string | null = mod.cookie, site = siteId) =>
    admin(`/sites/${site}/alerts/${id}/acknowledge`, { method: "POST", cookie });

  it("records who acknowledged it and when, audited once; a second acknowledgement changes nothing", async () => {
    const auditFrom = await lastAuditId();
    const res = await ack(ids.buzz);
    expect(res.status).toBe(200);
    const view = await json<IncidentView>(res);
    expect(view).toMatchObject({ id: ids.buzz, status: "open", acknowledgedBy: { id: mod.staff.id, name: mod.staff.name } });
    expect(Date.parse(view.acknowledgedAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(await auditSince(siteId, auditFrom)).toEqual([
      {
        staff_id: mod.staff.id,
        action: "acknowledge",
        target_type: "incident",
        target_id: String(ids.buzz),
        detail: { rule: "buzz", storyId: story.storyId, status: "open" },
      },
    ]);

    const admin2 = await signedIn({ [siteId]: "admin" });
    const again = await ack(ids.buzz, admin2.cookie);
    expect(again.status).toBe(200);
    expect(await json<IncidentView>(again)).toEqual(view);
    expect(await auditSince(siteId, auditFrom)).toHaveLength(1);

    // the site's audit log shows it
    const log = await json<{ entries: { action: string; target: { type: string; id: string } }[] }>(
      await admin(`/sites/${siteId}/audit`, { cookie: mod.cookie }),
    );
    expect(log.entries[0]).toMatchObject({ action: "acknowledge", target: { type: "incident", id: String(ids.buzz) } });

    // still listed while open, as acknowledged
    expect((await list()).find((i) => i.id === ids.buzz)!.acknowledgedBy).toEqual({ id: mod.staff.id, name: mod.staff.name });
  });

  it("50 concurrent acknowledgements by two members: one wins, audited once, every answer names the winner", async () => {
    // Resolved: the site already has its open reports incident (one per rule and scope).
    const id = await insertIncident(siteId, { rule: "reports", status: "resolved", openedAt: T0 - 4 * HOUR });
    const other = await signedIn({ [siteId]: "moderator" });
    const auditFrom = await lastAuditId();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => ack(id, i % 2 ? other.cookie : mod.cookie)));
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(200));
    const views = await Promise.all(answers.map((r) => json<IncidentView>(r)));
    const audit = await auditSince(siteId, auditFrom);
    expect(audit).toHaveLength(1);
    const winner = audit[0]!.staff_id;
    expect(new Set(views.map((v) => v.acknowledgedBy!.id))).toEqual(new Set([winner]));
    // Leave the site's list as the next tests expect it.
    await env.DB.prepare("DELETE FROM incidents WHERE id = ?").bind(id).run();
  });

  it("acknowledges a resolved incident too", async () => {
    const res = await ack(ids.oldResolved);
    expect(res.status).toBe(200);
    expect(await json<IncidentView>(res)).toMatchObject({ status: "resolved", acknowledgedBy: { id: mod.staff.id } });
  });

  it("is 404 for another site's incident and for none, writing nothing", async () => {
    const foreign = await insertIncident(otherSiteId, { rule: "reports", openedAt: T0 });
    for (const id of [foreign, 999_999]) {
      const before = await snapshot();
      const res = await ack(id);
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe("incident_not_found");
      expect(await snapshot()).toBe(before);
    }
    const row = await env.DB.prepare("SELECT acknowledged_at FROM incidents WHERE id = ?").bind(foreign).first();
    expect(row).toEqual({ acknowledged_at: null });
  });

  it("refuses a bad id, a stranger to the site, no session and another origin", async () => {
    expect((await ack("abc")).status).toBe(400);
    const stranger = await signedIn({ [otherSiteId]: "admin" });
    expect((await ack(ids.reports, stranger.cookie)).status).toBe(403);
    expect((await ack(ids.reports, null)).status).toBe(401);
    const csrf = await admin(`/sites/${siteId}/alerts/${ids.reports}/acknowledge`, {
      method: "POST",
      cookie: mod.cookie,
      origin: "https://evil.example",
    });
    expect(csrf.status).toBe(403);
    expect((await list()).find((i) => i.id === ids.reports)!.acknowledgedAt).toBeNull();
  });
});

describe("the home's count of open alerts", () => {
  it("counts the open incidents nobody acknowledged, per site", async () => {
    const both = await signedIn({ [siteId]: "moderator", [otherSiteId]: "moderator" });
    const res = await admin("/overview", { cookie: both.cookie });
    const overview = await json<OverviewResponse>(res);
    const count = (id: string) => overview.sites.find((s) => s.site.id === id)!.openAlerts;
    // this site: buzz acknowledged above; reports and pending still open and not acknowledged
    expect(count(siteId)).toBe(2);
    expect(count(otherSiteId)).toBe(1);
    expect((await admin(`/sites/${siteId}/alerts/${ids.reports}/acknowledge`, { method: "POST", cookie: both.cookie })).status).toBe(200);
    const after = await json<OverviewResponse>(await admin("/overview", { cookie: both.cookie }));
    expect(after.sites.find((s) => s.site.id === siteId)!.openAlerts).toBe(1);
  });
});

describe("alert mails", () => {
  const get = (cookie: string) => admin(`/sites/${siteId}/alert-mail`, { cookie });
  const put = (cookie: string, body: unknown) => admin(`/sites/${siteId}/alert-mail`, { method: "PUT", cookie, body });

  it("are off until the member opts in, per site; a change is audited, the same choice again is not", async () => {
    const member = await signedIn({ [siteId]: "moderator", [otherSiteId]: "moderator" });
    expect(await json<AlertMailResponse>(await get(member.cookie))).toEqual({ enabled: false, email: member.staff.email });

    const auditFrom = await lastAuditId();
    const on = await put(member.cookie, { enabled: true });
    expect(on.status).toBe(200);
    expect(await json<AlertMailResponse>(on)).toEqual({ enabled: true, email: member.staff.email });
    expect(await json<AlertMailResponse>(await get(member.cookie))).toEqual({ enabled: true, email: member.staff.email });
    expect((await put(member.cookie, { enabled: true })).status).toBe(200);
    // another member and another site are not concerned
    expect((await json<AlertMailResponse>(await get(mod.cookie))).enabled).toBe(false);
    const otherSite = await admin(`/sites/${otherSiteId}/alert-mail`, { cookie: member.cookie });
    expect((await json<AlertMailResponse>(otherSite)).enabled).toBe(false);

    expect((await put(member.cookie, { enabled: false })).status).toBe(200);
    expect((await json<AlertMailResponse>(await get(member.cookie))).enabled).toBe(false);
    expect(await auditSince(siteId, auditFrom)).toEqual([
      { staff_id: member.staff.id, action: "alert_mail", target_type: "site", target_id: siteId, detail: { enabled: true } },
      { staff_id: member.staff.id, action: "alert_mail", target_type: "site", target_id: siteId, detail: { enabled: false } },
    ]);
  });

  it("refuse a body that is not { enabled: boolean }, writing nothing", async () => {
    const optIns = async () => (await env.DB.prepare("SELECT count(*) AS n FROM alert_mail").first<{ n: number }>())!.n;
    const before = { rows: await snapshot(), optIns: await optIns() };
    for (const body of [{}, { enabled: "yes" }, "not json"]) {
      const res = await put(mod.cookie, body);
      expect(res.status).toBe(400);
    }
    expect({ rows: await snapshot(), optIns: await optIns() }).toEqual(before);
    expect((await admin(`/sites/${siteId}/alert-mail`, { method: "PUT", cookie: null, body: { enabled: true } })).status).toBe(401);
  });
});
