// The audit log: every action's row, newest first, page by page, with who did it.
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import type { AuditResponse } from "../../../worker/schemas/admin-views";
import { createSite, errorOf, json } from "../support";
import { admin, seedScene, signedIn, type Scene, type TestStaff } from "./support";

let siteId: string;
let cookie: string;
let staff: TestStaff;
let s: Scene;

beforeAll(async () => {
  siteId = (await createSite()).id;
  ({ staff, cookie } = await signedIn({ [siteId]: "admin" }));
  s = await seedScene(siteId, 100);
  const p = (rest: string) => `/sites/${siteId}${rest}`;
  await admin(p("/moderation"), { cookie, body: { action: "approve", ids: [s.pendingTop] } });
  await admin(p("/moderation"), { cookie, body: { action: "reject", ids: [s.pendingReply], reason: "spam" } });
  await admin(p(`/comments/${s.top}/feature`), { cookie, body: { note: "Top" } });
  await admin(p(`/comments/${s.top}/feature`), { method: "DELETE", cookie });
  await admin(p(`/commenters/${s.bob}/ban`), { cookie, body: { duration: { hours: 2 }, reason: "Calm down" } });
  await admin(p(`/commenters/${s.bob}/ban`), { method: "DELETE", cookie });
  await admin(p("/replies"), { cookie, body: { parentId: s.top, body: "Thanks" } });
  await admin(p("/settings"), { method: "PUT", cookie, body: { name: "Renamed", allowedOrigins: [], settings: {} } });
});

it("lists every action newest first, with the staff member, target and detail", async () => {
  const log = await json<AuditResponse>(await admin(`/sites/${siteId}/audit`, { cookie }));
  expect(log.entries.map((e) => [e.action, e.target.type])).toEqual([
    ["settings", "site"],
    ["reply", "comment"],
    ["unban", "commenter"],
    ["ban", "commenter"],
    ["unfeature", "comment"],
    ["feature", "comment"],
    ["reject", "comment"],
    ["approve", "comment"],
  ]);
  expect(log.nextCursor).toBeNull();
  for (const e of log.entries) {
    expect(e.staff).toEqual({ id: staff.id, name: staff.name });
    expect(Date.parse(e.at)).toBeGreaterThan(0);
  }
  expect(log.entries[6]).toMatchObject({
    target: { type: "comment", id: String(s.pendingReply) },
    detail: { reason: "spam", from: "pending" },
  });
  expect(log.entries[3]).toMatchObject({
    target: { type: "commenter", id: String(s.bob) },
    detail: { duration: { hours: 2 }, reason: "Calm down" },
  });
  expect(log.entries[0]!.detail).toEqual({ changed: ["name", "allowedOrigins"] });
});

it("pages with a cursor, each entry once", async () => {
  const all = (await json<AuditResponse>(await admin(`/sites/${siteId}/audit`, { cookie }))).entries.map((e) => e.id);
  const seen: number[] = [];
  let cursor: string | null = null;
  do {
    const page: AuditResponse = await json(await admin(`/sites/${siteId}/audit?limit=3${cursor ? `&cursor=${cursor}` : ""}`, { cookie }));
    seen.push(...page.entries.map((e) => e.id));
    cursor = page.nextCursor;
  } while (cursor);
  expect(seen).toEqual(all);
});

it("reads as people do: an excerpt, author and story for a comment, a name for a commenter", async () => {
  const log = await json<AuditResponse>(await admin(`/sites/${siteId}/audit`, { cookie }));
  const reject = log.entries.find((e) => e.action === "reject")!;
  expect(reject.comment).toEqual({
    excerpt: `comment ${s.pendingReply}`,
    author: { id: s.bob, name: "Bob 100" },
    story: { key: s.storyKey, title: null, url: null },
  });
  expect(reject.commenter).toBeNull();
  const ban = log.entries.find((e) => e.action === "ban")!;
  expect(ban.commenter).toEqual({ id: s.bob, name: "Bob 100" });
  expect(ban.comment).toBeNull();
  const settings = log.entries.find((e) => e.action === "settings")!;
  expect([settings.comment, settings.commenter]).toEqual([null, null]);
});

it("cuts a long comment to a plain-text excerpt of about 160 characters", async () => {
  const long = `**Gras** et *italique* : ${"mot ".repeat(80)}fin`;
  await env.DB.prepare("UPDATE comments SET body = ? WHERE id = ?").bind(long, s.top).run();
  const log = await json<AuditResponse>(await admin(`/sites/${siteId}/audit?action=feature`, { cookie }));
  const excerpt = log.entries[0]!.comment!.excerpt;
  expect(excerpt.startsWith("Gras et italique : mot mot")).toBe(true);
  expect(excerpt.endsWith("…")).toBe(true);
  expect([...excerpt].length).toBeLessThanOrEqual(161);
  expect(excerpt).not.toContain("*");
});

describe("filters", () => {
  it("by action", async () => {
    const log = await json<AuditResponse>(await admin(`/sites/${siteId}/audit?action=ban`, { cookie }));
    expect(log.entries.map((e) => e.action)).toEqual(["ban"]);
    const none = await json<AuditResponse>(await admin(`/sites/${siteId}/audit?action=note`, { cookie }));
    expect(none.entries).toEqual([]);
  });

  it("by staff member, alone or with an action", async () => {
    const other = await signedIn({ [siteId]: "moderator" });
    await admin(`/sites/${siteId}/moderation`, { cookie: other.cookie, body: { action: "reject", ids: [s.publishedReply] } });
    await admin(`/sites/${siteId}/commenters/${s.ana}/notes`, { cookie: other.cookie, body: { body: "Vue" } });
    const mine = await json<AuditResponse>(await admin(`/sites/${siteId}/audit?staff=${other.staff.id}`, { cookie }));
    expect(mine.entries.map((e) => [e.action, e.staff?.name])).toEqual([
      ["note", other.staff.name],
      ["reject", other.staff.name],
    ]);
    const both = await json<AuditResponse>(await admin(`/sites/${siteId}/audit?staff=${other.staff.id}&action=reject`, { cookie }));
    expect(both.entries.map((e) => e.target.id)).toEqual([String(s.publishedReply)]);
    const first = await json<AuditResponse>(await admin(`/sites/${siteId}/audit?staff=${staff.id}&action=reject`, { cookie }));
    expect(first.entries.map((e) => e.target.id)).toEqual([String(s.pendingReply)]);
  });

  it("by period: from inclusive, to exclusive, as dates or times with an offset", async () => {
    const site = (await createSite()).id;
    const { cookie: c, staff: who } = await signedIn({ [site]: "admin" });
    const day = (d: string) => Date.parse(`${d}T12:00:00Z`);
    const rows = [
      ["2026-03-01", "approve"],
      ["2026-03-02", "reject"],
      ["2026-03-03", "ban"],
      ["2026-03-04", "reject"],
    ] as const;
    await env.DB.batch(
      rows.map(([d, action], i) =>
        env.DB.prepare(
          "INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at) VALUES (?, ?, ?, 'site', ?, '{}', ?)",
        ).bind(site, who.id, action, String(i), day(d)),
      ),
    );
    const at = async (q: string) =>
      (await json<AuditResponse>(await admin(`/sites/${site}/audit?${q}`, { cookie: c }))).entries.map((e) => e.at.slice(0, 10));
    expect(await at("from=2026-03-02&to=2026-03-04")).toEqual(["2026-03-03", "2026-03-02"]);
    expect(await at("from=2026-03-02T12:00:00Z")).toEqual(["2026-03-04", "2026-03-03", "2026-03-02"]);
    expect(await at("from=2026-03-02T12:00:00.001Z")).toEqual(["2026-03-04", "2026-03-03"]);
    expect(await at("to=2026-03-02T13:00:00%2B01:00")).toEqual(["2026-03-01"]);
    expect(await at("from=2026-03-02&to=2026-03-05&action=reject")).toEqual(["2026-03-04", "2026-03-02"]);
    expect(await at(`from=2026-03-02&staff=${who.id}&limit=1`)).toEqual(["2026-03-04"]);
    expect(await at("from=2027-01-01")).toEqual([]);
    expect(await at("to=2026-01-01")).toEqual([]);
    // Paging keeps the filters.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: AuditResponse = await json(
        await admin(`/sites/${site}/audit?from=2026-03-02&to=2026-03-05&limit=1${cursor ? `&cursor=${cursor}` : ""}`, { cookie: c }),
      );
      seen.push(...page.entries.map((e) => e.at.slice(0, 10)));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["2026-03-04", "2026-03-03", "2026-03-02"]);
  });
});

it("refuses filters that are not: 400 naming the field", async () => {
  const cases: [string, string][] = [
    ["action=destroy", "action"],
    ["staff=abc", "staff"],
    ["staff=0", "staff"],
    ["from=yesterday", "from"],
    ["from=2026-02-30", "from"],
    ["to=2026-03-01T10:00:00", "to"],
    ["from=2026-03-02&to=2026-03-01", "to"],
    ["from=2026-03-01&to=2026-03-01", "to"],
    ["format=xml", "format"],
  ];
  for (const [q, field] of cases) {
    const res = await admin(`/sites/${siteId}/audit?${q}`, { cookie });
    expect(res.status, q).toBe(400);
    expect((await errorOf(res)).issues?.[0]?.path[0], q).toBe(field);
  }
});

it("refuses a cursor of another listing", async () => {
  const queue = await json<{ nextCursor: string }>(await admin(`/sites/${siteId}/queues/recent?limit=1`, { cookie }));
  const res = await admin(`/sites/${siteId}/audit?cursor=${queue.nextCursor}`, { cookie });
  expect(res.status).toBe(400);
  expect((await errorOf(res)).code).toBe("invalid_cursor");
});
