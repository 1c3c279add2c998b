// The person view stays within its site: another site's staff are refused, another site's
// commenters and comments do not exist here; and the edit history never reaches a reader.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { PersonResponse } from "../../../worker/schemas/admin-views";
import { createSite, errorOf, getReplies, getThread, json, type TestSite } from "../support";
import { editComment, getAs } from "../sso-support";
import { admin, postAsPerson, refusedUnchanged, signedIn, type PostedPerson } from "./support";

let siteA: TestSite;
let siteB: TestSite;
let cookieA: string;
let cookieB: string;
let personA: PostedPerson;
let personB: PostedPerson;

beforeAll(async () => {
  siteA = await createSite({ settings: { floodMaxPerAuthor: 0 } });
  siteB = await createSite({ settings: { floodMaxPerAuthor: 0 } });
  cookieA = (await signedIn({ [siteA.id]: "admin" })).cookie;
  cookieB = (await signedIn({ [siteB.id]: "admin" })).cookie;
  personA = await postAsPerson(siteA, "Alice", [{ story: "a", body: "Sur le site A" }]);
  personB = await postAsPerson(siteB, "Bruno", [{ story: "b", body: "Sur le site B" }]);
  await admin(`/sites/${siteA.id}/commenters/${personA.commenterId}/notes`, { cookie: cookieA, body: { body: "Note secrète de A" } });
});

const routes = (siteId: string, commenterId: number, commentId: number): [string, string, unknown?][] => [
  ["GET", `/sites/${siteId}/commenters/${commenterId}`],
  ["POST", `/sites/${siteId}/commenters/${commenterId}/notes`, { body: "Intrus" }],
  ["PUT", `/sites/${siteId}/commenters/${commenterId}/premoderation`],
  ["DELETE", `/sites/${siteId}/commenters/${commenterId}/premoderation`],
  ["POST", `/sites/${siteId}/commenters/${commenterId}/ban-and-reject`, { duration: "permanent", reason: "x" }],
  ["GET", `/sites/${siteId}/comments/${commentId}/revisions`],
];

describe("isolation between sites", () => {
  it("refuses another site's staff: 403, nothing changed", async () => {
    for (const [method, path, body] of routes(siteA.id, personA.commenterId, personA.ids[0]!)) {
      const res = await refusedUnchanged(() => admin(path, { method, cookie: cookieB, body }));
      expect(res.status, `${method} ${path}`).toBe(403);
    }
  });

  it("knows no commenter or comment of another site: 404, nothing changed", async () => {
    for (const [method, path, body] of routes(siteA.id, personB.commenterId, personB.ids[0]!)) {
      const res = await refusedUnchanged(() => admin(path, { method, cookie: cookieA, body }));
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(["commenter_not_found", "comment_not_found"]).toContain((await errorOf(res)).code);
    }
  });

  it("refuses without a session (401) and a write from another origin (403 csrf)", async () => {
    const res = await admin(`/sites/${siteA.id}/commenters/${personA.commenterId}`);
    expect(res.status).toBe(401);
    const csrf = await refusedUnchanged(() =>
      admin(`/sites/${siteA.id}/commenters/${personA.commenterId}/premoderation`, {
        method: "PUT",
        cookie: cookieA,
        origin: "https://evil.example",
      }),
    );
    expect(csrf.status).toBe(403);
    expect((await errorOf(csrf)).code).toBe("csrf_refused");
  });

  it("shows a person's notes and history to their own site's staff only", async () => {
    const view = await json<PersonResponse>(await admin(`/sites/${siteA.id}/commenters/${personA.commenterId}`, { cookie: cookieA }));
    expect(view.notes.map((n) => n.body)).toEqual(["Note secrète de A"]);
    const b = await admin(`/sites/${siteB.id}/commenters/${personA.commenterId}`, { cookie: cookieB });
    expect(b.status).toBe(404);
    expect(await b.text()).not.toContain("secrète");
  });
});

describe("revisions are for staff only", () => {
  it("never appear in any reader answer: thread, replies, featured, own comments", async () => {
    const author = await postAsPerson(siteA, "Réviseur", [{ story: "rev", body: "TEXTE-ORIGINAL" }]);
    const root = author.ids[0]!;
    const reply = await postAsPerson(siteA, "Réviseur bis", [{ story: "rev", body: "REPONSE-ORIGINALE", parentId: root }]);
    await editComment(siteA, root, { body: "TEXTE-PREMIERE" }, { token: author.token });
    await editComment(siteA, root, { body: "TEXTE-ACTUEL" }, { token: author.token });
    await editComment(siteA, reply.ids[0]!, { body: "REPONSE-ACTUELLE" }, { token: reply.token });
    await admin(`/sites/${siteA.id}/comments/${root}/feature`, { cookie: cookieA, body: { note: "Choisi" } });

    const answers = [
      await getThread(siteA, { story: "rev" }),
      await getAs(siteA, "/thread", { story: "rev" }, { token: author.token }),
      await getReplies(siteA, root),
      await getAs(siteA, "/featured", {}),
    ];
    for (const res of answers) {
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toMatch(/ORIGINAL|PREMIERE|revision/i);
    }
    const thread = await (await getThread(siteA, { story: "rev" })).text();
    expect(thread).toContain("TEXTE-ACTUEL");
    expect(thread).toContain("REPONSE-ACTUELLE");
    // Staff do see them.
    const staff = await (await admin(`/sites/${siteA.id}/comments/${root}/revisions`, { cookie: cookieA })).text();
    expect(staff).toContain("TEXTE-ORIGINAL");
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM comment_revisions WHERE comment_id = ?").bind(root).first<{ n: number }>();
    expect(rows!.n).toBe(2);
  });
});
