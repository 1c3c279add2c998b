// A notification that cannot be recorded or mailed never blocks posting or moderation: with the
// notifications table gone (a real fault of the database, not a mock), every action still succeeds.
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, expect, it } from "vitest";
import { admin, signedIn } from "../admin/support";
import { comment, createSite, postAs, type TestSite } from "../support";
import { postFor, subscribedGuest, tick } from "./support";

let site: TestSite;
let cookie: string;
let ana: { id: number; token: string; email: string };

beforeAll(async () => {
  site = await createSite({ settings: { floodMaxPerAuthor: 0, floodMaxPerIp: 0 } });
  ({ cookie } = await signedIn({ [site.id]: "moderator" }));
  ana = await subscribedGuest(site, "https://journal.example/faults");
  await env.DB.exec("ALTER TABLE reply_notifications RENAME TO reply_notifications_away");
});

afterAll(async () => {
  await env.DB.exec("ALTER TABLE reply_notifications_away RENAME TO reply_notifications");
});

it("posting a reply, a staff reply, featuring and approving all succeed; the tick does not throw", async () => {
  const res = await postAs(site, comment("https://journal.example/faults", "An answer", "Bob", { parentId: ana.id }), {});
  expect(res.status).toBe(201);
  const staff = await admin(`/sites/${site.id}/replies`, { cookie, body: { parentId: ana.id, body: "Staff answer" } });
  expect(staff.status).toBe(201);
  expect((await admin(`/sites/${site.id}/comments/${ana.id}/feature`, { cookie, body: {} })).status).toBe(200);
  // A reply rejected, then approved: the approval records its notification (and fails to).
  const reply = await postFor(site, comment("https://journal.example/faults", "Rejected, then approved", "Cleo", { parentId: ana.id }));
  await admin(`/sites/${site.id}/moderation`, { cookie, body: { action: "reject", ids: [reply.id] } });
  const approve = await admin(`/sites/${site.id}/moderation`, { cookie, body: { action: "approve", ids: [reply.id] } });
  expect(approve.status).toBe(200);
  expect(await approve.json()).toEqual({ updated: [reply.id] });
  await expect(tick()).resolves.toBeUndefined();
});
