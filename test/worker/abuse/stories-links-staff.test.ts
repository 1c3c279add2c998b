// Issue 10 point 4, staff side: "the selection, the home and the dashboard link only to URLs on
// allowed origins". A URL planted before the story rule (or on an origin removed since) is given
// without a link in every staff view that names the story: the queues, To answer across sites, a
// person, the audit log, the figures' most discussed stories and the alerts.
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import type { AlertsResponse } from "../../../worker/schemas/alert-views";
import type {
  AuditResponse,
  CrossSiteQueueResponse,
  PersonResponse,
  QueueResponse,
  StatsResponse,
} from "../../../worker/schemas/admin-views";
import { admin, signedIn } from "../admin/support";
import { comment, createSite, json, postOk, type TestSite } from "../support";

const PLANTED = "https://evil.example/phishing";
const GOOD = "https://journal.example/2026/un-article";

let site: TestSite;
let cookie: string;
let commentId: number;
let authorId: number;

async function storyUrlBe(key: string, url: string) {
  await env.DB.prepare("UPDATE stories SET url = ? WHERE site_id = ? AND key = ?").bind(url, site.id, key).run();
}

beforeAll(async () => {
  site = await createSite({ origins: ["https://journal.example"] });
  ({ cookie } = await signedIn({ [site.id]: "admin" }));
  const posted = await postOk(site, comment("planted", "Un commentaire sur un article squatté ?"));
  commentId = posted.comment.id;
  await postOk(site, comment("good", "Un commentaire sur un vrai article"));
  await storyUrlBe("planted", PLANTED);
  await storyUrlBe("good", GOOD);
  authorId = (await env.DB.prepare("SELECT author_id FROM comments WHERE id = ?").bind(commentId).first<{ author_id: number }>())!
    .author_id;
  const storyId = (await env.DB.prepare("SELECT id FROM stories WHERE site_id = ? AND key = 'planted'")
    .bind(site.id)
    .first<{ id: number }>())!.id;
  // An audit row on the comment, and an open buzz on its story.
  expect(
    (await admin(`/sites/${site.id}/comments/${commentId}/feature`, { method: "POST", cookie, body: { note: "Bien vu" } })).status,
  ).toBe(200);
  await env.DB.prepare(
    `INSERT INTO incidents (site_id, rule, story_id, scope, status, figures, opened_at, updated_at, open_notice_at)
     VALUES (?1, 'buzz', ?2, ?2, 'open', '{"peak":40}', ?3, ?3, ?3)`,
  )
    .bind(site.id, storyId, Date.now())
    .run();
});

const get = async <T>(path: string) => {
  const res = await admin(path, { cookie });
  expect(res.status).toBe(200);
  return json<T>(res);
};

it("the queues and To answer across sites: no link to the planted page, the site's own page linked", async () => {
  const recent = await get<QueueResponse>(`/sites/${site.id}/queues/recent`);
  const urls = Object.fromEntries(recent.items.map((i) => [i.story.key, i.story.url]));
  expect(urls).toEqual({ planted: null, good: GOOD });
  const toAnswer = await get<CrossSiteQueueResponse>("/queues/to-answer");
  const item = toAnswer.items.find((i) => i.comment.id === commentId)!;
  expect(item.story.url).toBeNull();
});

it("a person's comments and history, and the audit log", async () => {
  const person = await get<PersonResponse>(`/sites/${site.id}/commenters/${authorId}`);
  expect(person.comments.map((c) => c.story.url)).toEqual([null]);
  const audit = await get<AuditResponse>(`/sites/${site.id}/audit`);
  const entry = audit.entries.find((e) => e.comment?.story.key === "planted")!;
  expect(entry.comment!.story.url).toBeNull();
});

it("the figures' most discussed stories and the alerts", async () => {
  const stats = await get<StatsResponse>(`/sites/${site.id}/stats?days=7&tz=0`);
  const top = Object.fromEntries(stats.topStories.map((s) => [s.key, s.url]));
  expect(top).toEqual({ planted: null, good: GOOD });
  const alerts = await get<AlertsResponse>(`/sites/${site.id}/alerts`);
  expect(alerts.incidents[0]!.story).toMatchObject({ key: "planted", url: null });
});
