// Person view refusals: unknown commenters and comments, ids and cursors that are not, notes that
// break the staff text rules; nothing written on any refusal.
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import { createSite, errorOf } from "../support";
import { admin, refusedUnchanged, seedScene, signedIn, type Scene } from "./support";

let siteId: string;
let cookie: string;
let s: Scene;

const p = (rest: string) => `/sites/${siteId}${rest}`;

beforeAll(async () => {
  siteId = (await createSite()).id;
  cookie = (await signedIn({ [siteId]: "moderator" })).cookie;
  s = await seedScene(siteId, 100);
});

const notes = async () => (await env.DB.prepare("SELECT count(*) AS n FROM commenter_notes").first<{ n: number }>())!.n;

it("answers 404 commenter_not_found for an unknown commenter, on every person route", async () => {
  const routes: [string, string, unknown?][] = [
    ["GET", "/commenters/424242"],
    ["POST", "/commenters/424242/notes", { body: "Note" }],
    ["PUT", "/commenters/424242/premoderation"],
    ["DELETE", "/commenters/424242/premoderation"],
    ["POST", "/commenters/424242/ban-and-reject", { duration: "permanent", reason: "x" }],
  ];
  for (const [method, path, body] of routes) {
    const res = await refusedUnchanged(() => admin(p(path), { method, cookie, body }));
    expect(res.status, `${method} ${path}`).toBe(404);
    expect((await errorOf(res)).code).toBe("commenter_not_found");
  }
});

it("answers 400 for an id that is none, and for a cursor of another listing", async () => {
  for (const path of ["/commenters/abc", "/commenters/0", "/commenters/1.5", "/comments/abc/revisions"]) {
    const res = await admin(p(path), { cookie });
    expect(res.status, path).toBe(400);
    expect((await errorOf(res)).code).toBe("validation_failed");
  }
  const queue = await (await admin(p("/queues/recent?limit=1"), { cookie })).json<{ nextCursor: string }>();
  const res = await admin(p(`/commenters/${s.ana}?cursor=${queue.nextCursor}`), { cookie });
  expect(res.status).toBe(400);
  expect((await errorOf(res)).code).toBe("invalid_cursor");
  expect((await admin(p(`/commenters/${s.ana}?limit=0`), { cookie })).status).toBe(400);
});

it("refuses a note that is empty, too long, not text or with a control character: 400 naming body", async () => {
  const before = await notes();
  const cases: [unknown, string][] = [
    [{}, "body"],
    [{ body: "   " }, "body"],
    [{ body: "x".repeat(2001) }, "body"],
    [{ body: 42 }, "body"],
    [{ body: "bell\u0007" }, "body"],
  ];
  for (const [body] of cases) {
    const res = await refusedUnchanged(() => admin(p(`/commenters/${s.ana}/notes`), { cookie, body }));
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect((await errorOf(res)).issues?.[0]?.path[0]).toBe("body");
  }
  const notJson = await admin(p(`/commenters/${s.ana}/notes`), { cookie, body: "body=x", contentType: "text/plain" });
  expect(notJson.status).toBe(415);
  expect(await notes()).toBe(before);
  // 2000 characters exactly is a note.
  expect((await admin(p(`/commenters/${s.ana}/notes`), { cookie, body: { body: "é".repeat(2000) } })).status).toBe(201);
});

it("answers 404 comment_not_found for the revisions of an unknown comment", async () => {
  const res = await admin(p("/comments/999999/revisions"), { cookie });
  expect(res.status).toBe(404);
  expect((await errorOf(res)).code).toBe("comment_not_found");
});
