// The staff decisions beyond the queue's that change what a story's readers see: a ban that rejects
// a person's comments, a notice of illegal content decided "remove", an appeal reversed. No test
// waits for a time: "nothing came" is shown by a later notice arriving first.
import { describe, expect, it } from "vitest";
import type { NoticeResponse } from "../../../worker/schemas/dsa-notices";
import { admin, postAsPerson, signedIn } from "../admin/support";
import { appeal, authored, decide, desk, reject } from "../dsa/statements-support";
import { noticeByReference, notify, validNotice } from "../dsa/notices-support";
import { comment, createSite, json, postOk } from "../support";
import { openLive } from "./support";

describe("staff decisions", () => {
  it("a ban that rejects a person's comments tells each story 'changed' for the published ones only", async () => {
    const site = await createSite();
    const { cookie } = await signedIn({ [site.id]: "moderator" });
    const troll = await postAsPerson(site, "Troll", [
      { story: "story-ban-1", body: "First jab." },
      { story: "story-ban-2", body: "Second jab." },
    ]);
    // A held one (premoderated for this person) is rejected too, but readers never saw it.
    const premoderation = await admin(`/sites/${site.id}/commenters/${troll.commenterId}/premoderation`, { method: "PUT", cookie });
    expect(premoderation.status).toBe(200);
    const held = await postAsPerson(site, "Troll", [{ story: "story-ban-1", body: "Third jab." }]);
    const [one, two] = [await openLive(site, "story-ban-1"), await openLive(site, "story-ban-2")];

    const res = await admin(`/sites/${site.id}/commenters/${troll.commenterId}/ban-and-reject`, {
      cookie,
      body: { duration: "permanent", reason: "Spam répété" },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(held.ids[0]).toBeGreaterThan(troll.ids[1]!);
    expect(await one.nextNotice()).toEqual({ t: "changed", id: troll.ids[0] });
    expect(await two.nextNotice()).toEqual({ t: "changed", id: troll.ids[1] });
    // The held one sent nothing: the next notice on its story is a marker's.
    const marker = await postOk(site, comment("story-ban-1", "Marker."));
    expect(await one.nextNotice()).toEqual({ t: "new", id: marker.comment.id, root: null });
  });

  it("erasing a person (GDPR) tells each story 'changed' for their published comments", async () => {
    const site = await createSite();
    const { cookie } = await signedIn({ [site.id]: "admin" });
    const person = await postAsPerson(site, "Personne", [
      { story: "story-erase-1", body: "Mine, here." },
      { story: "story-erase-2", body: "Mine, there." },
    ]);
    const [one, two] = [await openLive(site, "story-erase-1"), await openLive(site, "story-erase-2")];
    const res = await admin(`/sites/${site.id}/commenters/${person.commenterId}`, { method: "DELETE", cookie });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await one.nextNotice()).toEqual({ t: "changed", id: person.ids[0] });
    expect(await two.nextNotice()).toEqual({ t: "changed", id: person.ids[1] });
  });

  it("a notice decided 'remove' takes the comment out of its story: 'changed'", async () => {
    const d = await desk();
    const target = await authored(d.site, "story-notice", "Ce maire détourne l'argent public.");
    const reader = await openLive(d.site, "story-notice");
    const sent = await notify(d.site, target.id, validNotice);
    expect(sent.status).toBe(201);
    const { reference } = await json<NoticeResponse>(sent);
    const noticeId = (await noticeByReference(reference))!.id;
    const res = await admin(`/sites/${d.site.id}/notices/${noticeId}/decision`, { cookie: d.cookie, body: { outcome: "remove" } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await reader.nextNotice()).toEqual({ t: "changed", id: target.id });
  });

  it("an appeal reversed publishes the comment again: 'new'", async () => {
    const d = await desk();
    const c = await authored(d.site, "story-appeal", "A comment wrongly removed");
    const reader = await openLive(d.site, "story-appeal");
    await reject(d, [c.id], { ground: "charter" });
    expect(await reader.nextNotice()).toEqual({ t: "changed", id: c.id });
    const appealed = await appeal(d.site, c.id, { body: "I only quoted the article; please read it again." }, c.token);
    expect(appealed.status).toBe(201);
    const { appeal: a } = await json<{ appeal: { id: number } }>(appealed);
    expect((await decide(d, a.id, { outcome: "reverse" })).status).toBe(200);
    expect(await reader.nextNotice()).toEqual({ t: "new", id: c.id, root: null });
  });
});
