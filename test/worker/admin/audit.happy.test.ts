// The audit log: every action's row, newest first, page by page, with who did it.
import { beforeAll, expect, it } from "vitest";
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
  expect(log.entries[6]).toMatchObject({ target: { type: "comment", id: String(s.pendingReply) }, detail: { reason: "spam", from: "pending" } });
  expect(log.entries[3]).toMatchObject({ target: { type: "commenter", id: String(s.bob) }, detail: { duration: { hours: 2 }, reason: "Calm down" } });
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

it("refuses a cursor of another listing", async () => {
  const queue = await json<{ nextCursor: string }>(await admin(`/sites/${siteId}/queues/recent?limit=1`, { cookie }));
  const res = await admin(`/sites/${siteId}/audit?cursor=${queue.nextCursor}`, { cookie });
  expect(res.status).toBe(400);
  expect((await errorOf(res)).code).toBe("invalid_cursor");
});
