// Edit history: every edit keeps the text it replaces; staff read the revisions of a comment, and a
// report points at the revision its reporter saw.
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import type { QueueResponse, RevisionsResponse } from "../../../worker/schemas/admin-views";
import { createSite, json, report, type TestSite } from "../support";
import { deleteComment, editComment } from "../sso-support";
import { admin, postAsPerson, signedIn, type PostedPerson } from "./support";

let site: TestSite;
let cookie: string;
let author: PostedPerson;

const p = (rest: string) => `/sites/${site.id}${rest}`;
const revisions = async (id: number) => json<RevisionsResponse>(await admin(p(`/comments/${id}/revisions`), { cookie }));

beforeAll(async () => {
  site = await createSite({ settings: { floodMaxPerAuthor: 0, reportThreshold: 10 } });
  cookie = (await signedIn({ [site.id]: "moderator" })).cookie;
  author = await postAsPerson(site, "Hugo", [
    { story: "r", body: "Texte d'origine" },
    { story: "r", body: "Jamais modifié" },
  ]);
});

it("lists the earlier texts oldest first, then the current one", async () => {
  const id = author.ids[0]!;
  // A reader reports the text as first posted.
  expect((await report(site, id, { reason: "abuse" }, { ip: "203.0.113.7" })).status).toBe(201);
  expect((await editComment(site, id, { body: "Première correction" }, { token: author.token })).status).toBe(200);
  expect((await report(site, id, { reason: "spam" }, { ip: "203.0.113.8" })).status).toBe(201);
  expect((await editComment(site, id, { body: "Seconde correction" }, { token: author.token })).status).toBe(200);

  const r = await revisions(id);
  expect(r.revisions.map((x) => [x.revision, x.body])).toEqual([
    [0, "Texte d'origine"],
    [1, "Première correction"],
  ]);
  expect(r.current).toMatchObject({ revision: 2, body: "Seconde correction" });
  for (const x of r.revisions) expect(Date.parse(x.replacedAt)).toBeGreaterThanOrEqual(Date.parse(x.writtenAt));
  expect(Date.parse(r.revisions[1]!.writtenAt)).toBe(Date.parse(r.revisions[0]!.replacedAt));
  expect(Date.parse(r.current.writtenAt)).toBe(Date.parse(r.revisions[1]!.replacedAt));

  // Each report keeps the revision its reporter saw, in the rows and in the queue.
  const stored = await env.DB.prepare("SELECT reason, revision FROM reports WHERE comment_id = ? ORDER BY id").bind(id).all();
  expect(stored.results).toEqual([
    { reason: "abuse", revision: 0 },
    { reason: "spam", revision: 1 },
  ]);
  const queue = await json<QueueResponse>(await admin(p("/queues/reported"), { cookie }));
  const item = queue.items.find((i) => i.comment.id === id)!;
  expect(item.revision).toBe(2);
  expect(item.reports.map((x) => [x.reason, x.revision])).toEqual([
    ["spam", 1],
    ["abuse", 0],
  ]);
});

it("answers a comment never edited with no revisions and its text as revision 0", async () => {
  const r = await revisions(author.ids[1]!);
  expect(r.revisions).toEqual([]);
  expect(r.current).toMatchObject({ revision: 0, body: "Jamais modifié" });
});

it("shows no text of a comment its author deleted", async () => {
  const person = await postAsPerson(site, "Éphémère", [{ story: "r", body: "Version une" }]);
  const id = person.ids[0]!;
  await editComment(site, id, { body: "Version deux" }, { token: person.token });
  expect((await deleteComment(site, id, { token: person.token })).status).toBe(200);
  const r = await revisions(id);
  expect(r.revisions).toEqual([]);
  expect(r.current.body).toBe("");
  expect(JSON.stringify(r)).not.toContain("Version");
  // The earlier texts are erased with the text, not only hidden.
  const kept = await env.DB.prepare("SELECT count(*) AS n FROM comment_revisions WHERE comment_id = ?").bind(id).first<{ n: number }>();
  expect(kept!.n).toBe(0);
});
