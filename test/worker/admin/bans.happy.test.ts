// Banning, suspending and lifting: the commenter's ban fields, the answer and the audit rows.
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import { BAN_FOREVER } from "../../../worker/db/commenters";
import type { AuthorHistory } from "../../../worker/schemas/admin-views";
import { createSite, json } from "../support";
import { admin, auditSince, lastAuditId, seedScene, signedIn, snapshot, type Scene, type TestStaff } from "./support";

let siteId: string;
let cookie: string;
let staff: TestStaff;
let s: Scene;

beforeAll(async () => {
  siteId = (await createSite()).id;
  ({ staff, cookie } = await signedIn({ [siteId]: "moderator" }));
  s = await seedScene(siteId, 100);
});

const banPath = (id: number) => `/sites/${siteId}/commenters/${id}/ban`;

async function banFields(id: number) {
  return env.DB.prepare("SELECT banned_until, ban_reason FROM commenters WHERE id = ?")
    .bind(id)
    .first<{ banned_until: number | null; ban_reason: string | null }>();
}

it("bans for good: banned_until = BAN_FOREVER with the reason, one audit row", async () => {
  const auditFrom = await lastAuditId();
  const res = await admin(banPath(s.bob), { cookie, body: { duration: "permanent", reason: "Insultes répétées" } });
  expect(res.status).toBe(200);
  const { author } = await json<{ author: AuthorHistory }>(res);
  expect(author).toMatchObject({ id: s.bob, bannedForever: true, bannedUntil: null, banReason: "Insultes répétées" });
  expect(await banFields(s.bob)).toEqual({ banned_until: BAN_FOREVER, ban_reason: "Insultes répétées" });
  expect(await banFields(s.ana)).toEqual({ banned_until: null, ban_reason: null });
  expect(await auditSince(siteId, auditFrom)).toEqual([
    {
      staff_id: staff.id,
      action: "ban",
      target_type: "commenter",
      target_id: String(s.bob),
      detail: { duration: "permanent", until: null, reason: "Insultes répétées" },
    },
  ]);
});

it("suspends for some hours: banned_until = now + hours", async () => {
  const auditFrom = await lastAuditId();
  const before = Date.now();
  const res = await admin(banPath(s.ana), { cookie, body: { duration: { hours: 48 }, reason: "Flood" } });
  const after = Date.now();
  const { author } = await json<{ author: AuthorHistory }>(res);
  const fields = (await banFields(s.ana))!;
  expect(fields.banned_until).toBeGreaterThanOrEqual(before + 48 * 3_600_000);
  expect(fields.banned_until).toBeLessThanOrEqual(after + 48 * 3_600_000);
  expect(author).toMatchObject({ bannedForever: false, bannedUntil: new Date(fields.banned_until!).toISOString(), banReason: "Flood" });
  const [row] = await auditSince(siteId, auditFrom);
  expect(row).toMatchObject({ action: "ban", detail: { duration: { hours: 48 }, reason: "Flood", until: author.bannedUntil } });
});

it("unbans: clears both fields, one audit row; unbanning again changes nothing", async () => {
  const auditFrom = await lastAuditId();
  const res = await admin(banPath(s.bob), { method: "DELETE", cookie });
  expect(res.status).toBe(200);
  expect((await json<{ author: AuthorHistory }>(res)).author).toMatchObject({ bannedForever: false, bannedUntil: null, banReason: null });
  expect(await banFields(s.bob)).toEqual({ banned_until: null, ban_reason: null });
  expect(await auditSince(siteId, auditFrom)).toEqual([
    {
      staff_id: staff.id,
      action: "unban",
      target_type: "commenter",
      target_id: String(s.bob),
      detail: { was: "permanent", reason: "Insultes répétées" },
    },
  ]);
  const before = await snapshot();
  expect((await admin(banPath(s.bob), { method: "DELETE", cookie })).status).toBe(200);
  expect(await snapshot()).toBe(before);
});
