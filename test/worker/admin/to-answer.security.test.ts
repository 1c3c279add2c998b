// Isolation of the To answer queue: the cross-site queue lists only the member's own sites, site
// URLs and ids of another site are refused, and nothing is read or changed without a session.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { BASE, errorOf, type TestSite } from "../support";
import { answerFacts, crossSiteToAnswer, deskSite, dismiss, say, toAnswerQueue } from "./desk-support";
import { admin, refusedUnchanged, signedIn } from "./support";

let mine: TestSite;
let alsoMine: TestSite;
let theirs: TestSite;
let cookie: string;
let theirsCookie: string;
const asked: Record<string, number> = {};

beforeAll(async () => {
  mine = await deskSite();
  alsoMine = await deskSite();
  theirs = await deskSite();
  cookie = (await signedIn({ [mine.id]: "moderator", [alsoMine.id]: "moderator" })).cookie;
  theirsCookie = (await signedIn({ [theirs.id]: "admin" })).cookie;
  for (const site of [mine, theirs, alsoMine]) asked[site.id] = (await say(site, "s-1", "Qui répond ?")).comment.id;
});

describe("the cross-site queue", () => {
  it("lists the member's sites only, never a site where they have no role", async () => {
    const q = await crossSiteToAnswer(cookie);
    expect(q.items.map((i) => i.comment.id)).toEqual([asked[mine.id], asked[alsoMine.id]]);
    expect(new Set(q.items.map((i) => i.site.id))).toEqual(new Set([mine.id, alsoMine.id]));
    const theirsQ = await crossSiteToAnswer(theirsCookie);
    expect(theirsQ.items.map((i) => i.comment.id)).toEqual([asked[theirs.id]]);
  });

  it("follows the roles as they are now, within a live session", async () => {
    const { staff, cookie: c } = await signedIn({ [mine.id]: "moderator", [theirs.id]: "moderator" });
    expect((await crossSiteToAnswer(c)).items).toHaveLength(2);
    await env.DB.prepare("DELETE FROM staff_roles WHERE staff_id = ? AND site_id = ?").bind(staff.id, theirs.id).run();
    expect((await crossSiteToAnswer(c)).items.map((i) => i.site.id)).toEqual([mine.id]);
  });

  it("cannot be widened from the request: a site parameter is ignored", async () => {
    const q = await crossSiteToAnswer(cookie, `?site=${theirs.id}`);
    expect(q.items.map((i) => i.site.id)).not.toContain(theirs.id);
  });

  it("needs a session: 401 unauthenticated", async () => {
    for (const c of [null, "forged-token-forged-token-forged-token-abcd"]) {
      const res = await admin("/queues/to-answer", { cookie: c });
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe("unauthenticated");
    }
  });
});

describe("another site's queue and comments", () => {
  it("a member of other sites cannot read that site's queue: 403 forbidden", async () => {
    const res = await admin(`/sites/${theirs.id}/queues/to-answer`, { cookie });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("forbidden");
  });

  it("cannot dismiss through that site's URL: 403, nothing changed", async () => {
    const res = await refusedUnchanged(() => dismiss(theirs.id, cookie, [asked[theirs.id]]));
    expect(res.status).toBe(403);
    expect((await answerFacts(asked[theirs.id]!)).answer_status).toBe("waiting");
  });

  it("cannot dismiss another site's comment through their own site's URL: 404, nothing changed", async () => {
    const res = await refusedUnchanged(() => dismiss(mine.id, cookie, [asked[theirs.id]]));
    expect(res.status).toBe(404);
    expect((await answerFacts(asked[theirs.id]!)).answer_status).toBe("waiting");
    expect((await toAnswerQueue(theirs.id, theirsCookie)).items.map((i) => i.comment.id)).toContain(asked[theirs.id]);
  });

  it("a dismissal needs the dashboard's own origin: 403 csrf_refused", async () => {
    for (const origin of [null, "https://evil.example", `${BASE}.evil.example`]) {
      const res = await refusedUnchanged(() =>
        admin(`/sites/${mine.id}/to-answer/dismiss`, { cookie, origin, body: { ids: [asked[mine.id]] } }),
      );
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe("csrf_refused");
    }
  });
});
