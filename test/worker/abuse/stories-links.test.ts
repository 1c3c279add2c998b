// Issue 10 point 4: a planted https://evil.example/phishing became the link of the editors'
// selection on the home page. Only pages of the site are links (a URL stored before the rule, or
// on an origin removed since, is given without link), and staff can correct URL and title.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { StoryResponse } from "../../../worker/schemas/admin-views";
import type { FeaturedResponse, ThreadResponse } from "../../../worker/schemas/views";
import { admin, auditSince, lastAuditId, signedIn } from "../admin/support";
import { api, comment, createSite, errorOf, getThread, json, postOk, sitePath, type TestSite } from "../support";

let site: TestSite;
let cookie: string;
let commentId: number;

beforeAll(async () => {
  site = await createSite({ origins: ["https://journal.example"] });
  ({ cookie } = await signedIn({ [site.id]: "moderator" }));
  commentId = (await postOk(site, comment("planted", "A good comment on a squatted story"))).comment.id;
  // As the old code let anyone do: the first reader's request fixed an outside URL and a title.
  await env.DB.prepare(
    "UPDATE stories SET url = 'https://evil.example/phishing', title = 'Official: log in' WHERE site_id = ? AND key = 'planted'",
  )
    .bind(site.id)
    .run();
  await env.DB.prepare("UPDATE comments SET featured_at = ? WHERE id = ?").bind(Date.now(), commentId).run();
});

const featuredStory = async () => {
  const body = await json<FeaturedResponse>(await api(sitePath(site, "/featured"), { origin: site.origin }));
  return body.items.find((i) => i.id === commentId)!.story;
};

const patch = (body: object) => admin(`/sites/${site.id}/story`, { method: "PATCH", cookie, body });

describe("links to stories", () => {
  it("the editors' selection and the thread give no link to a page outside the site's origins", async () => {
    expect((await featuredStory()).url).toBeNull();
    const thread = await json<ThreadResponse>(await getThread(site, { story: "planted" }));
    expect(thread.story.url).toBeNull();
  });

  it("staff correct the URL and title (audited with the old values); the selection then links to the page", async () => {
    const from = await lastAuditId();
    const res = await patch({ story: "planted", url: "https://journal.example/2026/vrai-article", title: "  Le vrai titre  " });
    expect(res.status).toBe(200);
    expect((await json<StoryResponse>(res)).story).toMatchObject({
      key: "planted",
      url: "https://journal.example/2026/vrai-article",
      title: "Le vrai titre",
    });
    expect(await featuredStory()).toMatchObject({ url: "https://journal.example/2026/vrai-article", title: "Le vrai titre" });
    const [audit] = await auditSince(site.id, from);
    expect(audit).toMatchObject({
      action: "story",
      target_id: "planted",
      detail: {
        url: "https://journal.example/2026/vrai-article",
        previousUrl: "https://evil.example/phishing",
        title: "Le vrai titre",
        previousTitle: "Official: log in",
      },
    });
  });

  it("staff may not point a story outside the site either; null removes the link", async () => {
    const refused = await patch({ story: "planted", url: "https://evil.example/phishing" });
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).issues?.[0]?.path).toEqual(["url"]);
    expect((await featuredStory()).url).toBe("https://journal.example/2026/vrai-article");
    expect((await patch({ story: "planted", url: null })).status).toBe(200);
    expect((await featuredStory()).url).toBeNull();
  });
});
