// A story's own rules from the dashboard: closing and reopening it, and its a priori mode, as
// readers then meet them; every change leaves an audit row.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { StoryResponse } from "../../../worker/schemas/admin-views";
import { comment, createSite, json, post, postOk, type TestSite } from "../support";
import { admin, auditSince, lastAuditId, signedIn, type TestStaff } from "./support";

let site: TestSite;
let cookie: string;
let staff: TestStaff;

beforeAll(async () => {
  site = await createSite({ settings: { floodMaxPerAuthor: 0, floodMaxPerIp: 0 } });
  ({ staff, cookie } = await signedIn({ [site.id]: "moderator" }));
});

const patch = (body: object) => admin(`/sites/${site.id}/story`, { method: "PATCH", cookie, body });

async function storyRow(key: string) {
  return env.DB.prepare("SELECT status, premoderation, first_comment_at FROM stories WHERE site_id = ? AND key = ?")
    .bind(site.id, key)
    .first<{ status: string; premoderation: number | null; first_comment_at: number | null }>();
}

describe("closing and reopening", () => {
  it("closes a story: readers' comments are refused, and the audit says who and what", async () => {
    await postOk(site, comment("to-close", "Before closing"));
    const auditFrom = await lastAuditId();
    const res = await patch({ story: "to-close", status: "closed" });
    expect(res.status).toBe(200);
    const { story } = await json<StoryResponse>(res);
    expect(story).toMatchObject({ key: "to-close", status: "closed", premoderation: "site", commentCount: 1 });
    expect((await storyRow("to-close"))!.status).toBe("closed");
    const refused = await post(site, comment("to-close", "After closing"));
    expect(refused.status).toBe(403);
    expect((await json<{ error: { code: string } }>(refused)).error.code).toBe("story_closed");
    expect(await auditSince(site.id, auditFrom)).toEqual([
      { staff_id: staff.id, action: "story", target_type: "story", target_id: "to-close", detail: { status: "closed" } },
    ]);
  });

  it("reopens a story closed by closeAfterDays, restarting its clock", async () => {
    const dated = await createSite({ settings: { closeAfterDays: 2 } });
    const { cookie: c } = await signedIn({ [dated.id]: "moderator" });
    await postOk(dated, comment("old", "First"));
    await env.DB.prepare("UPDATE stories SET first_comment_at = first_comment_at - ? WHERE site_id = ?")
      .bind(3 * 86_400_000, dated.id)
      .run();
    expect((await post(dated, comment("old", "Too late"))).status).toBe(403);
    const res = await admin(`/sites/${dated.id}/story`, { method: "PATCH", cookie: c, body: { story: "old", status: "open" } });
    expect((await json<StoryResponse>(res)).story.status).toBe("open");
    expect((await postOk(dated, comment("old", "Open again"))).comment.status).toBe("published");
  });

  it("shows a story closed by the rule as closed in the answer", async () => {
    const dated = await createSite({ settings: { closeAfterDays: 1 } });
    const { cookie: c } = await signedIn({ [dated.id]: "moderator" });
    await postOk(dated, comment("aged", "First"));
    await env.DB.prepare("UPDATE stories SET first_comment_at = first_comment_at - ? WHERE site_id = ?")
      .bind(2 * 86_400_000, dated.id)
      .run();
    const res = await admin(`/sites/${dated.id}/story`, { method: "PATCH", cookie: c, body: { story: "aged", premoderation: "on" } });
    expect((await json<StoryResponse>(res)).story).toMatchObject({ status: "closed", premoderation: "on" });
  });
});

describe("a priori moderation of one story", () => {
  it("on: holds every new comment of that story only, with the story as the reason", async () => {
    await postOk(site, comment("watched", "Open"));
    await patch({ story: "watched", premoderation: "on" });
    expect((await storyRow("watched"))!.premoderation).toBe(1);
    const held = await postOk(site, comment("watched", "Now held"));
    expect(held.comment.status).toBe("pending");
    expect(held.reasons).toMatchObject([{ code: "premoderation", detail: "story" }]);
    expect((await postOk(site, comment("elsewhere", "Not held"))).comment.status).toBe("published");
  });

  it("off: publishes on that story even when the site moderates a priori; site: follows the site again", async () => {
    const strict = await createSite({ settings: { premoderation: true } });
    const { cookie: c } = await signedIn({ [strict.id]: "moderator" });
    const set = (premoderation: string) =>
      admin(`/sites/${strict.id}/story`, { method: "PATCH", cookie: c, body: { story: "free", premoderation } });
    await postOk(strict, comment("free", "Held first"));
    expect((await json<StoryResponse>(await set("off"))).story.premoderation).toBe("off");
    expect((await postOk(strict, comment("free", "Published"))).comment.status).toBe("published");
    expect((await postOk(strict, comment("other", "Still held"))).comment.status).toBe("pending");
    expect((await json<StoryResponse>(await set("site"))).story.premoderation).toBe("site");
    expect((await postOk(strict, comment("free", "Held again"))).comment.status).toBe("pending");
  });
});
