// The person view of an erased person says so (author.erasedAt), so that the dashboard shows
// "Erased person" rather than a blank name; a person never erased carries null.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { PersonResponse } from "../../../worker/schemas/admin-views";
import { comment, createSite, json, postAs } from "../support";
import { admin, signedIn, sitePath } from "../admin/support";

describe("the person view of an erased person", () => {
  it("carries erasedAt once erased, and null before", async () => {
    const site = await createSite();
    const { cookie } = await signedIn({ [site.id]: "admin" });
    const posted = await postAs(site, comment("erased-view", "Un avis", "Capucine Vollard"), { ip: "203.0.113.77" });
    expect(posted.status).toBe(201);
    const commentId = (await posted.json<{ comment: { id: number } }>()).comment.id;
    const row = await env.DB.prepare("SELECT author_id FROM comments WHERE id = ?").bind(commentId).first<{ author_id: number }>();
    const personId = row!.author_id;

    const before = await json<PersonResponse>(await admin(sitePath(site.id, `/commenters/${personId}`), { cookie }));
    expect(before.author).toMatchObject({ name: "Capucine Vollard", erasedAt: null });

    const started = Date.now();
    const erased = await admin(sitePath(site.id, `/commenters/${personId}`), { method: "DELETE", cookie });
    expect(erased.status).toBe(200);

    const after = await json<PersonResponse>(await admin(sitePath(site.id, `/commenters/${personId}`), { cookie }));
    expect(after.author.name).toBe("");
    expect(after.author.erasedAt).toEqual(expect.any(String));
    expect(Date.parse(after.author.erasedAt!)).toBeGreaterThanOrEqual(started - 1000);
    expect(Date.parse(after.author.erasedAt!)).toBeLessThanOrEqual(Date.now() + 1000);
  });
});
