// A site in its own database (issue 14): the links its mails carry (confirming a subscription,
// unsubscribing) and the reply notifications the cron sends all work in that database, though a
// mail link comes with no site origin and the cron starts from no request.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import worker from "../../../worker/index";
import { GROUP_WINDOW_MS } from "../../../worker/services/notify/send";
import { comment, createSite } from "../support";
import { follow, linkIn, mails, postFor, subscribedGuest } from "../subscriptions/support";

async function scheduled(at: number): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: "*/5 * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

it("a subscription confirmed, a reply notified by the cron, and an unsubscription, all in DB_2", async () => {
  const site = await createSite({
    db: "DB_2",
    name: "Far Paper",
    origins: ["https://far.example"],
    settings: { defaultLocale: "en", floodMaxPerAuthor: 0, floodMaxPerIp: 0 },
  });
  const key = "https://far.example/story";
  // subscribedGuest follows the confirmation link found in the site's outbox (DB_2).
  const ana = await subscribedGuest(site, key, "Ana");
  await postFor(site, comment(key, "Here is why.", "Bob", { parentId: ana.id }));
  await scheduled(Date.now() + 2 * GROUP_WINDOW_MS);
  const [reply] = (await mails(site.id, "reply")).filter((m) => m.recipient === ana.email);
  expect(reply?.body).toContain("Bob answered:");
  const registryMails = await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE site_id = ?").bind(site.id).first<{ n: number }>();
  expect(registryMails!.n).toBe(0);
  const unsubscribe = await follow(linkIn(reply!, "unsubscribe"), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  });
  expect(unsubscribe.status).toBe(200);
  const address = await env.DB_2.prepare("SELECT status FROM notify_addresses WHERE site_id = ? AND email = ?")
    .bind(site.id, ana.email)
    .first<{ status: string }>();
  expect(address).toEqual({ status: "stopped" });
});
