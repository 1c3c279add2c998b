// Refused moderation requests change nothing at all.
import { beforeAll, expect, it } from "vitest";
import { createSite, errorOf } from "../support";
import { admin, refusedUnchanged, seedScene, signedIn, type Scene } from "./support";
import { env } from "cloudflare:workers";

let siteId: string;
let cookie: string;
let s: Scene;

beforeAll(async () => {
  siteId = (await createSite()).id;
  s = await seedScene(siteId, 20_000);
  cookie = (await signedIn({ [siteId]: "moderator" })).cookie;
});

function moderate(body: unknown) {
  return refusedUnchanged(() => admin(`/sites/${siteId}/moderation`, { cookie, body }));
}

it("refuses the whole request when one id is not a comment of the site, naming it", async () => {
  const res = await moderate({ action: "approve", ids: [s.pendingTop, 999_999, s.pendingReply] });
  expect(res.status).toBe(404);
  const error = await errorOf(res);
  expect(error.code).toBe("comment_not_found");
  expect(error.message).toContain("999999");
  expect(error.message).not.toContain(String(s.pendingTop));
});

it("treats a deleted comment as missing", async () => {
  await env.DB.prepare("UPDATE comments SET status = 'deleted' WHERE id = ?").bind(s.rejectedTop).run();
  const res = await moderate({ action: "approve", ids: [s.rejectedTop] });
  expect(res.status).toBe(404);
  await env.DB.prepare("UPDATE comments SET status = 'rejected' WHERE id = ?").bind(s.rejectedTop).run();
});

it("refuses malformed requests with 400 and the field named", async () => {
  const ids101 = Array.from({ length: 101 }, (_, i) => i + 1);
  const cases: [unknown, (string | number)[]][] = [
    [{ ids: [s.pendingTop] }, ["action"]],
    [{ action: "delete", ids: [s.pendingTop] }, ["action"]],
    [{ action: "approve" }, ["ids"]],
    [{ action: "approve", ids: [] }, ["ids"]],
    [{ action: "approve", ids: ids101 }, ["ids"]],
    [{ action: "approve", ids: ["12"] }, ["ids", 0]],
    [{ action: "approve", ids: [1.5] }, ["ids", 0]],
    [{ action: "approve", ids: [-1] }, ["ids", 0]],
    [{ action: "reject", ids: [s.pendingTop], reason: "ugly" }, ["reason"]],
  ];
  for (const [body, path] of cases) {
    const res = await moderate(body);
    expect(res.status, JSON.stringify(body)).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("validation_failed");
    expect(error.issues?.[0]?.path).toEqual(path);
  }
});

it("refuses a body that is not JSON", async () => {
  const res = await refusedUnchanged(() =>
    admin(`/sites/${siteId}/moderation`, { cookie, body: "action=approve", contentType: "text/plain" }),
  );
  expect(res.status).toBe(415);
});
