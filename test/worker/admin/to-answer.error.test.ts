// What the To answer routes refuse: bad ids and cursors, other sites' comments; a refusal changes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "../../../worker/lib/cursor";
import { errorOf, type TestSite } from "../support";
import { answerFacts, deskSite, dismiss, say } from "./desk-support";
import { admin, refusedUnchanged, signedIn } from "./support";

let site: TestSite;
let other: TestSite;
let cookie: string;
let waiting: number;
let othersWaiting: number;

beforeAll(async () => {
  site = await deskSite();
  other = await deskSite();
  cookie = (await signedIn({ [site.id]: "moderator", [other.id]: "moderator" })).cookie;
  waiting = (await say(site, "e-1", "Une question ?")).comment.id;
  othersWaiting = (await say(other, "e-1", "Une autre question ?")).comment.id;
});

describe("POST /sites/{site}/to-answer/dismiss", () => {
  it("refuses the whole request when one id is another site's: 404 comment_not_found, nothing changed", async () => {
    const res = await refusedUnchanged(() => dismiss(site.id, cookie, [waiting, othersWaiting]));
    expect(res.status).toBe(404);
    const error = await errorOf(res);
    expect(error.code).toBe("comment_not_found");
    expect(error.message).toContain(String(othersWaiting));
    expect(error.message).not.toContain(String(waiting));
    expect((await answerFacts(waiting)).answer_status).toBe("waiting");
    expect((await answerFacts(othersWaiting)).answer_status).toBe("waiting");
  });

  it("refuses an unknown id: 404 comment_not_found, nothing changed", async () => {
    const res = await refusedUnchanged(() => dismiss(site.id, cookie, [waiting, 99_999_999]));
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("comment_not_found");
    expect((await answerFacts(waiting)).answer_status).toBe("waiting");
  });

  it.each([
    ["no ids", []],
    ["101 ids", Array.from({ length: 101 }, (_, i) => i + 1)],
    ["not a list", 12],
    ["a negative id", [-1]],
    ["a fraction", [1.5]],
    ["text", ["12"]],
  ])("refuses %s: 400 validation_failed", async (_l, ids) => {
    const res = await refusedUnchanged(() => dismiss(site.id, cookie, ids));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("validation_failed");
    expect(error.issues?.[0]?.path[0]).toBe("ids");
  });

  it("refuses a body that is not JSON: 415 or 400, nothing changed", async () => {
    const notJson = await refusedUnchanged(() =>
      admin(`/sites/${site.id}/to-answer/dismiss`, { cookie, body: "ids=1", contentType: "text/plain" }),
    );
    expect(notJson.status).toBe(415);
    const broken = await refusedUnchanged(() =>
      admin(`/sites/${site.id}/to-answer/dismiss`, { cookie, body: "{ids:", contentType: "application/json" }),
    );
    expect(broken.status).toBe(400);
    expect((await errorOf(broken)).code).toBe("invalid_json");
  });
});

describe("the queue's cursor and limit", () => {
  const paths = () => [`/sites/${site.id}/queues/to-answer`, "/queues/to-answer"];

  it.each([
    ["garbage", "?cursor=%%%"],
    ["another queue's cursor", `?cursor=${encodeCursor("pending", 10)}`],
    ["a cursor of the audit log", `?cursor=${encodeCursor("audit", 10)}`],
  ])("refuses %s: 400 invalid_cursor", async (_l, query) => {
    for (const path of paths()) {
      const res = await admin(`${path}${query}`, { cookie });
      expect(res.status, path).toBe(400);
      expect((await errorOf(res)).code).toBe("invalid_cursor");
    }
  });

  it.each([["0"], ["101"], ["ten"]])("refuses limit=%s: 400 validation_failed", async (limit) => {
    for (const path of paths()) {
      const res = await admin(`${path}?limit=${limit}`, { cookie });
      expect(res.status, path).toBe(400);
      expect((await errorOf(res)).code).toBe("validation_failed");
    }
  });

  it("has no other cross-site queue: 404 not_found", async () => {
    const res = await admin("/queues/pending", { cookie });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("not_found");
  });
});
