// The notices a story's live readers get after each change they could see, and only those: "new"
// when a comment becomes visible to everyone, "changed" when a visible one changes or goes. No
// test waits for a time: "nothing came" is shown by a later notice (a marker) arriving first.
import { describe, expect, it } from "vitest";
import { comment, createSite, postOk, report, type TestSite } from "../support";
import { deleteComment, editComment, react } from "../sso-support";
import { admin, signedIn } from "../admin/support";
import { openLive, type LiveReader } from "./support";

/** Posts a published comment and expects `reader`'s next notice to be it: nothing came before. */
async function expectOnlyMarker(site: TestSite, story: string, reader: LiveReader): Promise<void> {
  const marker = await postOk(site, comment(story, `Marker ${crypto.randomUUID()}`));
  expect(await reader.nextNotice()).toEqual({ t: "new", id: marker.comment.id, root: null });
}

describe("a reader's post", () => {
  it("published at once reaches every socket of its story, as 'new' and its id only", async () => {
    const site = await createSite();
    const readers = await Promise.all([1, 2, 3].map(() => openLive(site, "story-fan")));
    const posted = await postOk(site, comment("story-fan", "Première réaction."));
    for (const reader of readers) expect(await reader.next()).toBe(JSON.stringify({ t: "new", id: posted.comment.id, root: null }));
  });

  it("reaches no socket of another story or of another site with the same story key", async () => {
    const site = await createSite();
    const otherSite = await createSite();
    const here = await openLive(site, "story-a");
    const otherStory = await openLive(site, "story-b");
    const sameKeyElsewhere = await openLive(otherSite, "story-a");
    const posted = await postOk(site, comment("story-a", "Only here."));
    expect(await here.nextNotice()).toEqual({ t: "new", id: posted.comment.id, root: null });
    await expectOnlyMarker(site, "story-b", otherStory);
    await expectOnlyMarker(otherSite, "story-a", sameKeyElsewhere);
  });

  it("held for review tells nobody until a moderator approves it; then 'new'", async () => {
    const site = await createSite({ settings: { premoderation: true } });
    const reader = await openLive(site, "story-held");
    const first = await postOk(site, comment("story-held", "Never shown."));
    const held = await postOk(site, comment("story-held", "Wait for me."));
    expect([first.comment.status, held.comment.status]).toEqual(["pending", "pending"]);
    const { cookie } = await signedIn({ [site.id]: "moderator" });
    // Rejecting a held comment removes nothing readers saw: no notice either.
    const rejected = await admin(`/sites/${site.id}/moderation`, { cookie, body: { action: "reject", ids: [first.comment.id] } });
    expect(rejected.status).toBe(200);
    const approved = await admin(`/sites/${site.id}/moderation`, { cookie, body: { action: "approve", ids: [held.comment.id] } });
    expect(approved.status).toBe(200);
    // The first notice: neither post nor the rejection sent one.
    expect(await reader.nextNotice()).toEqual({ t: "new", id: held.comment.id, root: null });
  });

  it("sends no notice for a reaction (a count is not worth waking every reader)", async () => {
    const site = await createSite();
    const posted = await postOk(site, comment("story-like", "Like me."));
    const reader = await openLive(site, "story-like");
    expect((await react(site, posted.comment.id)).status).toBe(200);
    await expectOnlyMarker(site, "story-like", reader);
  });
});

describe("readers' reports", () => {
  it("a report that hides a published comment is 'changed'; one below the threshold tells nobody", async () => {
    const site = await createSite({ settings: { reportThreshold: 2 } });
    const posted = await postOk(site, comment("story-reported", "Contested."));
    const reader = await openLive(site, "story-reported");
    expect((await report(site, posted.comment.id, { reason: "spam" }, { ip: "192.0.2.1" })).status).toBe(201);
    await expectOnlyMarker(site, "story-reported", reader);
    expect((await report(site, posted.comment.id, { reason: "spam" }, { ip: "192.0.2.2" })).status).toBe(201);
    expect(await reader.nextNotice()).toEqual({ t: "changed", id: posted.comment.id });
  });
});

describe("an author's change", () => {
  it("an edit and a deletion of a published comment are 'changed'", async () => {
    const site = await createSite();
    const posted = await postOk(site, comment("story-own", "First words."));
    const reader = await openLive(site, "story-own");
    const token = posted.commenterToken!;
    expect((await editComment(site, posted.comment.id, { body: "Better words." }, { token })).status).toBe(200);
    expect(await reader.nextNotice()).toEqual({ t: "changed", id: posted.comment.id });
    expect((await deleteComment(site, posted.comment.id, { token })).status).toBe(200);
    expect(await reader.nextNotice()).toEqual({ t: "changed", id: posted.comment.id });
  });

  it("an edit or a deletion of a held comment tells nobody", async () => {
    const site = await createSite({ settings: { premoderation: true } });
    const held = await postOk(site, comment("story-own-held", "Held words."));
    const reader = await openLive(site, "story-own-held");
    const token = held.commenterToken!;
    expect((await editComment(site, held.comment.id, { body: "Held, edited." }, { token })).status).toBe(200);
    expect((await deleteComment(site, held.comment.id, { token })).status).toBe(200);
    // The marker is held too on this site: a moderator publishes it, and that is the first notice.
    const marker = await postOk(site, comment("story-own-held", "Marker."));
    const { cookie } = await signedIn({ [site.id]: "moderator" });
    await admin(`/sites/${site.id}/moderation`, { cookie, body: { action: "approve", ids: [marker.comment.id] } });
    expect(await reader.nextNotice()).toEqual({ t: "new", id: marker.comment.id, root: null });
  });
});

describe("the staff's actions", () => {
  it("a staff reply is 'new'; featuring, unfeaturing and rejecting a published comment are 'changed'", async () => {
    const site = await createSite();
    const posted = await postOk(site, comment("story-staff", "Une question ?"));
    const reader = await openLive(site, "story-staff");
    const { cookie } = await signedIn({ [site.id]: "moderator" });
    const path = (rest: string) => `/sites/${site.id}${rest}`;

    const reply = await admin(path("/replies"), { cookie, body: { parentId: posted.comment.id, body: "La rédaction répond." } });
    expect(reply.status).toBe(201);
    const replyId = (await reply.json<{ comment: { id: number } }>()).comment.id;
    expect(await reader.nextNotice()).toEqual({ t: "new", id: replyId, root: posted.comment.id });

    expect((await admin(path(`/comments/${posted.comment.id}/feature`), { cookie, body: { note: "À lire" } })).status).toBe(200);
    expect(await reader.nextNotice()).toEqual({ t: "changed", id: posted.comment.id });
    expect((await admin(path(`/comments/${posted.comment.id}/feature`), { cookie, method: "DELETE" })).status).toBe(200);
    expect(await reader.nextNotice()).toEqual({ t: "changed", id: posted.comment.id });

    const rejected = await admin(path("/moderation"), { cookie, body: { action: "reject", ids: [replyId, posted.comment.id] } });
    expect(rejected.status).toBe(200);
    const notices = [await reader.nextNotice(), await reader.nextNotice()];
    expect(notices).toEqual(
      expect.arrayContaining([
        { t: "changed", id: posted.comment.id },
        { t: "changed", id: replyId },
      ]),
    );
  });
});
