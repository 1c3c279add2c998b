// The home's isolation: a member sees their own sites' counts only, whatever the other sites hold.
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import type { OverviewResponse } from "../../../worker/schemas/admin-views";
import { errorOf, json, type TestSite } from "../support";
import { deskSite, say } from "./desk-support";
import { admin, signedIn } from "./support";

let busy: TestSite;
let quiet: TestSite;

beforeAll(async () => {
  busy = await deskSite({ settings: { premoderation: true } });
  quiet = await deskSite();
  for (let i = 0; i < 3; i++) await say(busy, "b", `Question ${i} ?`);
  await say(quiet, "q", "Une seule question ?");
});

async function overview(cookie: string): Promise<OverviewResponse> {
  const res = await admin("/overview", { cookie });
  expect(res.status).toBe(200);
  return json<OverviewResponse>(res);
}

it("a moderator of one site never sees another site, nor its counts", async () => {
  const { cookie } = await signedIn({ [quiet.id]: "moderator" });
  const home = await overview(cookie);
  expect(home.sites.map((s) => s.site.id)).toEqual([quiet.id]);
  expect(home.sites[0]).toMatchObject({ pending: 0, reported: 0, toAnswer: 1, comments24h: 1 });
  expect(JSON.stringify(home)).not.toContain(busy.id);
});

it("the same site's counts are the same for every member, whatever else they belong to", async () => {
  const both = (await signedIn({ [quiet.id]: "moderator", [busy.id]: "moderator" })).cookie;
  const home = await overview(both);
  expect(home.sites.find((s) => s.site.id === busy.id)).toMatchObject({ pending: 3, toAnswer: 0, comments24h: 3 });
  expect(home.sites.find((s) => s.site.id === quiet.id)).toMatchObject({ pending: 0, toAnswer: 1, comments24h: 1 });
});

it("a role taken away takes the site off the home at once", async () => {
  const { staff, cookie } = await signedIn({ [quiet.id]: "moderator", [busy.id]: "admin" });
  expect((await overview(cookie)).sites).toHaveLength(2);
  await env.DB.prepare("DELETE FROM staff_roles WHERE staff_id = ? AND site_id = ?").bind(staff.id, busy.id).run();
  expect((await overview(cookie)).sites.map((s) => s.site.id)).toEqual([quiet.id]);
});

it("needs a session: 401 unauthenticated", async () => {
  for (const cookie of [null, "forged-token-forged-token-forged-token-abcd"]) {
    const res = await admin("/overview", { cookie });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("unauthenticated");
  }
});
