// The home ("My sites"): every site of the member, in the sessions' order, with what waits there.
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import type { OverviewResponse } from "../../../worker/schemas/admin-views";
import { json, report, seedCommenter, seedStory, type TestSite } from "../support";
import { deskSite, say, staffReply } from "./desk-support";
import { admin, signedIn } from "./support";

let alpha: TestSite;
let beta: TestSite;
let cookie: string;
let oldQuestionAt: number;

async function overview(c = cookie): Promise<OverviewResponse> {
  const res = await admin("/overview", { cookie: c });
  expect(res.status).toBe(200);
  return json<OverviewResponse>(res);
}

beforeAll(async () => {
  // named so that the session's order (by name) differs from the order they are created in
  beta = await deskSite({ name: "Beta Hebdo" });
  alpha = await deskSite({ name: "Alpha Matin", settings: { suspectWords: ["arnaque"], color: "#224466" } });
  cookie = (await signedIn({ [beta.id]: "admin", [alpha.id]: "moderator" })).cookie;

  // a question posted two days ago, still waiting: the oldest, and not among the last 24 hours
  oldQuestionAt = Date.now() - 2 * 24 * 3_600_000;
  const storyId = await seedStory(alpha.id, "old");
  const author = await seedCommenter(alpha.id, "Ancienne");
  await env.DB.prepare(
    `INSERT INTO comments (site_id, story_id, author_id, body, status, created_at, updated_at, answer_status)
     VALUES (?, ?, ?, 'Toujours là ?', 'published', ?, ?, 'waiting')`,
  )
    .bind(alpha.id, storyId, author, oldQuestionAt, oldQuestionAt)
    .run();

  await say(alpha, "a-1", "Bonjour, une question ?");
  await say(alpha, "a-1", "Une arnaque.");
  await say(alpha, "a-1", "Une arnaque, vraiment ?"); // held: not to answer until approved
  const reported = await say(alpha, "a-1", "Un avis tranché.");
  expect((await report(alpha, reported.comment.id, { reason: "abuse" })).status).toBe(201);
  const answered = await say(alpha, "a-1", "Et la suite ?");
  await staffReply(alpha.id, cookie, answered.comment.id);
});

it("lists every site of the member in the session's order with their counts", async () => {
  const home = await overview();
  expect(home.sites.map((s) => s.site)).toEqual([
    { id: alpha.id, name: "Alpha Matin", color: "#224466", role: "moderator" },
    { id: beta.id, name: "Beta Hebdo", color: "#3b5bdb", role: "admin" },
  ]);
  expect(home.sites[0]).toEqual({
    site: home.sites[0]!.site,
    pending: 2,
    reported: 1,
    // the old question and the first one; the held one and the answered one do not wait
    toAnswer: 2,
    oldestToAnswerAt: new Date(oldQuestionAt).toISOString(),
    // five readers' comments and the staff reply; not the one from two days ago
    comments24h: 6,
    openAlerts: 0,
    notices: 0,
    appeals: 0,
  });
  expect(home.sites[1]).toEqual({
    site: home.sites[1]!.site,
    pending: 0,
    reported: 0,
    toAnswer: 0,
    oldestToAnswerAt: null,
    comments24h: 0,
    openAlerts: 0,
    notices: 0,
    appeals: 0,
  });
});

it("follows what happens: a new question on the other site shows there", async () => {
  const q = await say(beta, "b-1", "Une question pour Beta ?");
  const home = await overview();
  expect(home.sites[1]).toMatchObject({ toAnswer: 1, oldestToAnswerAt: q.comment.createdAt, comments24h: 1 });
  expect(home.sites[0]).toMatchObject({ toAnswer: 2, comments24h: 6 });
});

it("is empty for a staff member without a site", async () => {
  const c = (await signedIn({})).cookie;
  expect(await overview(c)).toEqual({ sites: [] });
});
