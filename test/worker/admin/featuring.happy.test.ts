// Featuring and unfeaturing: the comment's featured fields and the audit rows, nothing else.
import { beforeAll, expect, it } from "vitest";
import type { QueueItem } from "../../../worker/schemas/admin-views";
import { createSite, json } from "../support";
import { admin, auditSince, commentFacts, lastAuditId, seedScene, signedIn, snapshot, type Scene, type TestStaff } from "./support";

let siteId: string;
let cookie: string;
let staff: TestStaff;
let s: Scene;

beforeAll(async () => {
  siteId = (await createSite()).id;
  ({ staff, cookie } = await signedIn({ [siteId]: "moderator" }));
  s = await seedScene(siteId, 100);
});

const featurePath = (id: number) => `/sites/${siteId}/comments/${id}/feature`;

it("features a published comment with a note, answers the comment, writes one audit row", async () => {
  const auditFrom = await lastAuditId();
  const before = Date.now();
  const res = await admin(featurePath(s.publishedReply), { cookie, body: { note: "  Un point de vue précis.  " } });
  expect(res.status).toBe(200);
  const { comment } = await json<{ comment: QueueItem["comment"] }>(res);
  expect(comment.id).toBe(s.publishedReply);
  expect(comment.featured?.note).toBe("Un point de vue précis.");
  const facts = await commentFacts(s.publishedReply);
  expect(facts.featured_note).toBe("Un point de vue précis.");
  expect(facts.featured_at).toBeGreaterThanOrEqual(before);
  expect(comment.featured?.at).toBe(new Date(facts.featured_at!).toISOString());
  expect(facts.status).toBe("published");
  expect(await auditSince(siteId, auditFrom)).toEqual([
    {
      staff_id: staff.id,
      action: "feature",
      target_type: "comment",
      target_id: String(s.publishedReply),
      detail: { note: "Un point de vue précis." },
    },
  ]);
});

it("changes the note of a featured comment and keeps its place (featured_at)", async () => {
  const { featured_at } = await commentFacts(s.publishedReply);
  const res = await admin(featurePath(s.publishedReply), { cookie, body: { note: null } });
  expect(res.status).toBe(200);
  expect(await commentFacts(s.publishedReply)).toMatchObject({ featured_at, featured_note: null });
  const [row] = await auditSince(siteId, (await lastAuditId()) - 1);
  expect(row!.detail).toEqual({ note: null, noteChanged: true });
});

it("features without a note: {} and an empty note mean none", async () => {
  for (const body of [{}, { note: "   " }]) {
    const res = await admin(featurePath(s.top), { cookie, body });
    expect(res.status).toBe(200);
    expect((await commentFacts(s.top)).featured_note).toBeNull();
  }
});

it("unfeatures: clears both fields and writes an audit row; unfeaturing again changes nothing", async () => {
  const auditFrom = await lastAuditId();
  const res = await admin(featurePath(s.top), { method: "DELETE", cookie });
  expect(res.status).toBe(200);
  expect((await json<{ comment: QueueItem["comment"] }>(res)).comment.featured).toBeNull();
  expect(await commentFacts(s.top)).toMatchObject({ featured_at: null, featured_note: null, status: "published" });
  expect((await auditSince(siteId, auditFrom)).map((r) => [r.action, r.target_id])).toEqual([["unfeature", String(s.top)]]);

  const before = await snapshot();
  expect((await admin(featurePath(s.top), { method: "DELETE", cookie })).status).toBe(200);
  expect(await snapshot()).toBe(before);
});
