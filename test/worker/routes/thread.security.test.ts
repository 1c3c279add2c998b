// The reader's own held and removed comments (`own`) are shown to their author, with their token, and to nobody else.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { PostCommentResponse, ThreadResponse } from "../../../worker/schemas/views";
import { comment, createSite, getThread, getThreadAs, json, postAs, type TestSite } from "../support";

let site: TestSite;
let other: TestSite;
let ana: string;
let bo: string;
const held: number[] = [];
let rejected = 0;

async function posted(s: TestSite, body: object, token: string | null = null): Promise<PostCommentResponse> {
  const res = await postAs(s, body, { token });
  expect(res.status).toBe(201);
  return json<PostCommentResponse>(res);
}

beforeAll(async () => {
  site = await createSite({ settings: { suspectWords: ["arnaque"] } });
  other = await createSite({ settings: { suspectWords: ["arnaque"] } });
  const first = await posted(site, comment("story", "hello"));
  ana = first.commenterToken!;
  bo = (await posted(site, comment("story", "Bo's arnaque", "Bo"))).commenterToken!;
  held.push((await posted(site, comment("story", "arnaque one"), ana)).comment.id);
  held.push((await posted(site, comment("story", "arnaque reply", "Ana", { parentId: first.comment.id }), ana)).comment.id);
  await posted(site, comment("elsewhere", "arnaque on another story"), ana);
  rejected = (await posted(site, comment("story", "later rejected arnaque"), ana)).comment.id;
  await env.DB.prepare("UPDATE comments SET status = 'rejected' WHERE id = ?").bind(rejected).run();
  // the same story key on another site, with a held comment of its own
  await posted(other, comment("story", "arnaque next door"));
});

describe("own", () => {
  it("lists the author's held and removed comments on this story, oldest first, replies included, with their status", async () => {
    const thread = await json<ThreadResponse>(await getThreadAs(site, { story: "story" }, { token: ana }));
    // Issue 11: a removed comment stays visible to its author, with its latest statement of reasons
    // (this one was rejected by hand, with no statement: the latest is the hold at post time).
    expect(thread.own.map((c) => [c.id, c.status])).toEqual([...held.map((id) => [id, "pending"]), [rejected, "rejected"]]);
    expect(thread.own[2]!.statement?.decision).toBe("held");
    expect(thread.own[1]!.parentId).not.toBeNull();
    // never among the published comments
    expect(thread.comments.map((c) => c.id)).not.toContain(held[0]);
    expect(thread.comments.flatMap((c) => c.replies).map((r) => r.id)).not.toContain(held[1]);
  });

  it("is empty without a token, with an unknown or malformed one, and for another reader", async () => {
    expect((await json<ThreadResponse>(await getThread(site, { story: "story" }))).own).toEqual([]);
    for (const token of ["not-a-token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"]) {
      const res = await getThreadAs(site, { story: "story" }, { token });
      expect(res.status).toBe(200);
      expect((await json<ThreadResponse>(res)).own).toEqual([]);
    }
    const bos = await json<ThreadResponse>(await getThreadAs(site, { story: "story" }, { token: bo }));
    expect(bos.own.map((c) => c.body)).toEqual(["Bo's arnaque"]);
  });

  it("shows nothing of one site's held comments on another, token or not", async () => {
    const res = await getThreadAs(other, { story: "story" }, { token: ana });
    const thread = await json<ThreadResponse>(res);
    expect(thread.own).toEqual([]);
    expect(thread.comments).toEqual([]);
  });

  it("reads without an Origin too (a token is not a cookie: no ambient authority)", async () => {
    const thread = await json<ThreadResponse>(await getThreadAs(site, { story: "story" }, { token: ana, origin: null }));
    expect(thread.own.map((c) => c.id)).toEqual([...held, rejected]);
  });
});
