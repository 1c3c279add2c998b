// POST /api/v1/{site}/comments/{id}/reports: every refusal, its status and body, and no write.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { PostCommentResponse } from "../../../worker/schemas/views";
import { comment, createSite, errorOf, json, postAs, refusedWithoutWrite, report, type TestSite } from "../support";

let site: TestSite;
let target: PostCommentResponse;

beforeAll(async () => {
  site = await createSite();
  target = await json<PostCommentResponse>(await postAs(site, comment("s", "reported here"), { ip: "198.51.100.1" }));
});

describe("409 already_reported: one report per reader per comment", () => {
  it("the same IP twice, whatever the reason", async () => {
    expect((await report(site, target.comment.id, { reason: "spam" }, { ip: "192.0.2.1" })).status).toBe(201);
    const res = await refusedWithoutWrite(() => report(site, target.comment.id, { reason: "abuse" }, { ip: "192.0.2.1" }));
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toEqual({ code: "already_reported", message: expect.any(String) });
  });

  it("the same commenter twice, from any IP", async () => {
    const token = target.commenterToken!;
    expect((await report(site, target.comment.id, { reason: "other" }, { token, ip: "192.0.2.20" })).status).toBe(201);
    const res = await refusedWithoutWrite(() => report(site, target.comment.id, { reason: "other" }, { token, ip: "192.0.2.21" }));
    expect(res.status).toBe(409);
    const { open_reports } = (await env.DB.prepare("SELECT open_reports FROM comments WHERE id = ?")
      .bind(target.comment.id)
      .first<{ open_reports: number }>())!;
    expect(open_reports).toBe(2);
  });
});

describe("404 comment_not_found", () => {
  it("an unknown comment", async () => {
    const res = await refusedWithoutWrite(() => report(site, 987_654, { reason: "spam" }, { ip: "192.0.2.30" }));
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("comment_not_found");
  });

  it("a comment that is not published (pending, rejected, deleted)", async () => {
    for (const status of ["pending", "rejected", "deleted"]) {
      const c = await json<PostCommentResponse>(await postAs(site, comment("s", `to be ${status}`), {}));
      await env.DB.prepare("UPDATE comments SET status = ? WHERE id = ?").bind(status, c.comment.id).run();
      const res = await refusedWithoutWrite(() => report(site, c.comment.id, { reason: "spam" }, { ip: "192.0.2.31" }));
      expect(res.status, status).toBe(404);
    }
  });

  it("an id that is not one", async () => {
    const res = await refusedWithoutWrite(() => report(site, "abc", { reason: "spam" }));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("validation_failed");
  });
});

describe("400 validation_failed", () => {
  const cases: [string, unknown, string[]][] = [
    ["no reason", {}, ["reason"]],
    ["an unknown reason", { reason: "boring" }, ["reason"]],
    ["off_topic spelled with an underscore", { reason: "off_topic" }, ["reason"]],
    ["a note over 500 characters", { reason: "other", note: "é".repeat(501) }, ["note"]],
    ["a note with a control character", { reason: "other", note: "a\u0007b" }, ["note"]],
    ["a note that is not text", { reason: "other", note: 5 }, ["note"]],
  ];
  for (const [what, body, path] of cases) {
    it(what, async () => {
      const res = await refusedWithoutWrite(() => report(site, target.comment.id, body, { ip: "192.0.2.40" }));
      expect(res.status).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe("validation_failed");
      expect(
        error.issues!.some((i) => JSON.stringify(i.path) === JSON.stringify(path)),
        JSON.stringify(error.issues),
      ).toBe(true);
    });
  }

  it("accepts a note of exactly 500 emoji", async () => {
    expect((await report(site, target.comment.id, { reason: "other", note: "😀".repeat(500) }, { ip: "192.0.2.41" })).status).toBe(201);
  });

  it("400 invalid_json for a body that is not JSON", async () => {
    const res = await refusedWithoutWrite(() => report(site, target.comment.id, "reason=spam", { ip: "192.0.2.42" }));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("invalid_json");
  });
});

it("401 invalid_token for a token no commenter of this site holds", async () => {
  const res = await refusedWithoutWrite(() => report(site, target.comment.id, { reason: "spam" }, { token: "not-a-real-token" }));
  expect(res.status).toBe(401);
  expect((await errorOf(res)).code).toBe("invalid_token");
});
