// What an incident sends: on opening, one webhook (Slack and Discord text, the incident, a link to
// the dashboard) and one mail per staff member who opted in, once however many ticks follow or run
// at once; on resolution, a webhook only when the site asks for it. Read from the outbox.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deliver, RECEIVER_SECRET, received, receiverUrl, uniqueKey } from "../delivery/support";
import { admin, createStaff, signedIn } from "../admin/support";
import { DAY, HOUR, MIN, T0, alertSite, incidentsOf, outboxOf, seedAt, spread, storyWithAuthor, tick } from "./support";

const WEEK_START = T0 - 7 * DAY - HOUR;

/** A story whose usual rate is 7 comments an hour and which got 84 in the last hour. */
async function spike(siteId: string, title = "Municipales : le débat") {
  const { storyId, authorId } = await storyWithAuthor(siteId, `story-${crypto.randomUUID().slice(0, 6)}`, title);
  await seedAt(siteId, storyId, authorId, spread(7 * 168, WEEK_START, T0 - HOUR));
  await seedAt(siteId, storyId, authorId, spread(84, T0 - HOUR, T0));
  return storyId;
}

async function optIn(siteId: string, staffId: number) {
  await env.DB.prepare("INSERT INTO alert_mail (staff_id, site_id, created_at) VALUES (?, ?, ?)").bind(staffId, siteId, T0).run();
}

describe("an incident's opening", () => {
  it("enqueues one webhook and one mail per opted-in staff member, once", async () => {
    const key = uniqueKey();
    const site = await alertSite(
      { alertBuzzFactor: 5, alertBuzzFloor: 30, webhookUrl: receiverUrl(`/hook/ok/${key}`), webhookSecret: RECEIVER_SECRET },
      "Le Journal",
    );
    // two opt in (one through the API), one does not, one opted in but has left the site
    const ana = await signedIn({ [site.id]: "moderator" });
    expect((await admin(`/sites/${site.id}/alert-mail`, { method: "PUT", cookie: ana.cookie, body: { enabled: true } })).status).toBe(200);
    const bob = await createStaff({ [site.id]: "admin" });
    await optIn(site.id, bob.id);
    await createStaff({ [site.id]: "moderator" });
    const gone = await createStaff({ [site.id]: "moderator" });
    await optIn(site.id, gone.id);
    await env.DB.prepare("DELETE FROM staff_roles WHERE staff_id = ?").bind(gone.id).run();

    const storyId = await spike(site.id, "Municipales");
    await tick(T0);
    const [incident] = await incidentsOf(site.id);
    const outbox = await outboxOf(site.id);
    expect(outbox.map((o) => [o.kind, o.topic, o.recipient])).toEqual([
      ["webhook", "alert", receiverUrl(`/hook/ok/${key}`)],
      ["mail", "alert", ana.staff.email],
      ["mail", "alert", bob.email],
    ]);

    const text = `🔥 Bad buzz on « Municipales » (Le Journal): 84 comments in the last hour (12× usual)\n${env.PALABRE_URL}/admin/#/${site.id}/queues/recent`;
    const payload = JSON.parse(outbox[0]!.body) as Record<string, unknown>;
    expect(payload).toEqual({
      text,
      content: text,
      event: "incident.opened",
      site: { id: site.id, name: "Le Journal" },
      incident: {
        id: incident!.id,
        rule: "buzz",
        story: { id: storyId, key: expect.any(String), title: "Municipales", url: null },
        status: "open",
        figures: { lastHour: 84, hourlyAverage: 7, factor: 5, floor: 30, peak: 84 },
        openedAt: new Date(T0).toISOString(),
        updatedAt: new Date(T0).toISOString(),
        resolvedAt: null,
        acknowledgedAt: null,
        acknowledgedBy: null,
      },
      dashboardUrl: `${env.PALABRE_URL}/admin/#/${site.id}/queues/recent`,
    });
    const headline = text.split("\n")[0];
    expect(outbox[0]!.subject).toBe(headline);
    expect(outbox[1]!.subject).toBe(`[Le Journal] ${headline}`);
    expect(outbox[1]!.body).toContain("Last hour: 84");
    expect(outbox[1]!.body).toContain(`${env.PALABRE_URL}/admin/#/${site.id}/queues/recent`);

    // later ticks while it goes on, and its resolution (not asked for): nothing more
    await tick(T0 + 5 * MIN);
    await tick(T0 + 3 * HOUR);
    expect((await incidentsOf(site.id)).map((i) => i.status)).toEqual(["resolved"]);
    expect(await outboxOf(site.id)).toHaveLength(3);

    // the webhook, through the real queue handler, reaches the receiver signed
    const id = (await env.DB.prepare("SELECT id FROM outbox WHERE site_id = ? AND kind = 'webhook'").bind(site.id).first<{ id: number }>())!
      .id;
    await deliver([id]);
    const calls = await received(key);
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(calls[0]!.body)).toMatchObject({ text, event: "incident.opened" });
    expect(calls.every((c) => c.verified === true)).toBe(true);
  });

  it("10 concurrent ticks still send each notice once", async () => {
    const site = await alertSite({ alertBuzzFactor: 5, alertBuzzFloor: 30, webhookUrl: receiverUrl(`/hook/ok/${uniqueKey()}`) });
    const staff = await createStaff({ [site.id]: "moderator" });
    await optIn(site.id, staff.id);
    await spike(site.id);
    await Promise.all(Array.from({ length: 10 }, () => tick(T0)));
    expect(await incidentsOf(site.id)).toHaveLength(1);
    expect((await outboxOf(site.id)).map((o) => o.kind)).toEqual(["webhook", "mail"]);
  });

  it("sends nothing when the site has no webhook and nobody opted in", async () => {
    const site = await alertSite({ alertReportsPerHour: 1 });
    const { storyId, authorId } = await storyWithAuthor(site.id);
    const [c] = await seedAt(site.id, storyId, authorId, [{ at: T0 - HOUR }]);
    await env.DB.prepare("INSERT INTO reports (site_id, comment_id, reporter_key, reason, created_at) VALUES (?, ?, 'ip:a', 'abuse', ?)")
      .bind(site.id, c, T0 - MIN)
      .run();
    await createStaff({ [site.id]: "admin" });
    await tick(T0);
    expect(await incidentsOf(site.id)).toHaveLength(1);
    expect(await outboxOf(site.id)).toEqual([]);
  });

  it("speaks the site's language", async () => {
    const site = await alertSite(
      { defaultLocale: "fr", alertBuzzFactor: 5, alertBuzzFloor: 30, webhookUrl: receiverUrl(`/hook/ok/${uniqueKey()}`) },
      "Le Quotidien",
    );
    const staff = await createStaff({ [site.id]: "moderator" });
    await optIn(site.id, staff.id);
    await spike(site.id, "Municipales");
    await tick(T0);
    const [hook, mail] = await outboxOf(site.id);
    const text = `🔥 Bad buzz sur «\u00a0Municipales\u00a0» (Le Quotidien)\u00a0: 84 commentaires dans la dernière heure (12\u00a0× la normale)\n${env.PALABRE_URL}/admin/#/${site.id}/queues/recent`;
    expect(JSON.parse(hook!.body)).toMatchObject({ text, content: text });
    expect(mail!.body).toContain("Dernière heure\u00a0: 84");
    expect(mail!.body).toContain("Ouvrir le tableau de bord");
  });
});

describe("an incident's resolution", () => {
  it("enqueues a webhook when the site asks for it (and no mail)", async () => {
    const site = await alertSite(
      { alertPendingMinutes: 30, webhookOnResolve: true, webhookUrl: receiverUrl(`/hook/ok/${uniqueKey()}`) },
      "Le Quotidien",
    );
    const staff = await createStaff({ [site.id]: "moderator" });
    await optIn(site.id, staff.id);
    const { storyId, authorId } = await storyWithAuthor(site.id);
    const [held] = await seedAt(site.id, storyId, authorId, [{ at: T0 - HOUR, status: "pending" }]);
    await tick(T0);
    await env.DB.prepare("UPDATE comments SET status = 'published' WHERE id = ?").bind(held).run();
    await tick(T0 + 5 * MIN);
    await tick(T0 + 10 * MIN);
    const outbox = await outboxOf(site.id);
    expect(outbox.map((o) => [o.kind, JSON.parse(o.kind === "webhook" ? o.body : "{}").event])).toEqual([
      ["webhook", "incident.opened"],
      ["mail", undefined],
      ["webhook", "incident.resolved"],
    ]);
    const resolved = JSON.parse(outbox[2]!.body) as { text: string; incident: { status: string; resolvedAt: string } };
    expect(resolved.text).toBe(
      `✅ Back to normal on Le Quotidien: the comments held for review (peak: 1)\n${env.PALABRE_URL}/admin/#/${site.id}/queues/pending`,
    );
    // The outbox lists it by its first line.
    expect(outbox[2]!.subject).toBe("✅ Back to normal on Le Quotidien: the comments held for review (peak: 1)");
    expect(resolved.incident).toMatchObject({ status: "resolved", resolvedAt: new Date(T0 + 5 * MIN).toISOString() });
  });
});
