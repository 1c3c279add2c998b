// Issue 10 point 8: when D1 fails, every endpoint answered JSON 500 `internal` without
// Retry-After. Real failures of this test file's own (isolated) D1, no mocks: a table renamed away
// (the database cannot run the request's statements), and a write aborted inside the post's batch
// (a trigger failing the comment's insert after the story and the guest were inserted).
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { isDatabaseFailure } from "../../../worker/lib/errors";
import { admin, signedIn } from "../admin/support";
import { comment, countRows, createSite, errorOf, getThread, post, postOk } from "../support";

const undo: string[] = [];
afterEach(async () => {
  while (undo.length) await env.DB.exec(undo.pop()!);
});

async function breakWith(sql: string, repair: string) {
  await env.DB.exec(sql);
  undo.push(repair);
}

async function expectUnavailable(res: Response) {
  expect(res.status).toBe(503);
  expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
  expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
  expect((await errorOf(res)).code).toBe("internal");
}

describe("when the database fails", () => {
  it("a read answers 503 JSON with Retry-After", async () => {
    const site = await createSite();
    await postOk(site, comment("story", "Before the failure"));
    await breakWith("ALTER TABLE comments RENAME TO comments_away", "ALTER TABLE comments_away RENAME TO comments");
    await expectUnavailable(await getThread(site, { story: "story" }));
  });

  it("a write answers 503 with Retry-After and writes nothing (the batch is atomic)", async () => {
    const site = await createSite();
    await breakWith(
      "CREATE TRIGGER fail_comment_insert BEFORE INSERT ON comments BEGIN SELECT RAISE(ABORT, 'storage failure'); END",
      "DROP TRIGGER fail_comment_insert",
    );
    const before = await countRows();
    await expectUnavailable(await post(site, comment("new-story", "A new reader on a new story", "Nouvelle")));
    expect(await countRows()).toEqual(before);
  });

  it("the staff API answers 503 with Retry-After too", async () => {
    const site = await createSite();
    const { cookie } = await signedIn({ [site.id]: "admin" });
    await breakWith("ALTER TABLE stories RENAME TO stories_away", "ALTER TABLE stories_away RENAME TO stories");
    await expectUnavailable(await admin(`/sites/${site.id}/queues/recent`, { cookie }));
  });

  it("tells D1's failures (its own errors, and a cause wrapped by our code) from our own bugs", () => {
    for (const message of [
      "D1_ERROR: D1 DB is overloaded. Too many requests queued.",
      "D1_ERROR: D1 DB storage operation exceeded timeout which caused object to be reset.",
      "D1_ERROR: Network connection lost.",
      "D1 DB reset because its code was updated.",
    ]) {
      expect(isDatabaseFailure(new Error(message)), message).toBe(true);
    }
    expect(isDatabaseFailure(new Error("batch failed", { cause: new Error("D1_ERROR: Network connection lost.") }))).toBe(true);
    expect(isDatabaseFailure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseFailure(new Error("Schedule D1 review"))).toBe(false);
  });
});
