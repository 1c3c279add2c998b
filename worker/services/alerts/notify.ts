// An incident's notices: on opening, one webhook (when the site has one) and one mail per staff
// member who opted in; on resolution, a webhook when the site asks for it. Each notice is claimed
// in the incident's row first, so concurrent ticks send it once, and given back when handing it
// to delivery failed, so the next tick sends it.
import { batchOf } from "../../db/typed";
import { selectAlertRecipients, type AlertRecipientRow } from "../../db/alert-mail";
import { claimNotices, releaseNotice, selectIncidentsByIds, type NoticeKind } from "../../db/incidents";
import type { SiteRecord } from "../../db/sites";
import type { Env } from "../../env";
import { incidentMail, incidentText } from "../../locales/alerts";
import type { AlertRule, IncidentView } from "../../schemas/alert-views";
import { queueMail, queueWebhook } from "../delivery/send";
import { toIncidentView } from "./incidents";

/** The dashboard's queue where each rule's items are. */
const QUEUE_OF: Record<AlertRule, string> = { buzz: "recent", reports: "reported", pending: "pending", to_answer: "to-answer" };

export function dashboardUrl(env: Env, siteId: string, rule: AlertRule): string {
  const base = env.PALABRE_URL.replace(/\/+$/, "");
  return `${base}/admin/#/${encodeURIComponent(siteId)}/queues/${QUEUE_OF[rule]}`;
}

export function webhookPayload(env: Env, site: SiteRecord, incident: IncidentView, event: NoticeKind): Record<string, unknown> {
  const link = dashboardUrl(env, site.id, incident.rule);
  // Slack and Discord show the text alone: it names the site and ends with the dashboard's link
  // (a bare URL, which both turn into a link), so a channel shared by several sites stays clear.
  const text = `${incidentText(site.settings.defaultLocale, event, incident, site.name)}\n${link}`;
  return {
    text,
    content: text,
    event: `incident.${event}`,
    site: { id: site.id, name: site.name },
    incident,
    dashboardUrl: link,
  };
}

async function sendOpened(env: Env, site: SiteRecord, incident: IncidentView, recipients: AlertRecipientRow[], now: number) {
  const url = dashboardUrl(env, site.id, incident.rule);
  await queueWebhook(env, site, { siteId: site.id, topic: "alert", payload: webhookPayload(env, site, incident, "opened") }, now);
  const mail = incidentMail(site.settings.defaultLocale, incident, site.name, url);
  for (const r of recipients) {
    try {
      await queueMail(env, { siteId: site.id, to: r.email, subject: mail.subject, text: mail.text, topic: "alert" }, now);
    } catch (err) {
      // One bad address must not keep the others' mails (nor the webhook) from going.
      console.error("alert mail not queued", site.id, incident.id, r.staff_id, err);
    }
  }
}

/** Claims and sends the site's notices still to send. */
export async function sendNotices(env: Env, site: SiteRecord, now: number): Promise<void> {
  const [opened, resolved] = await batchOf(env.DB, claimNotices(env.DB, site.id, now));
  const claims: { id: number; kind: NoticeKind }[] = [...opened.results, ...resolved.results];
  if (claims.length === 0) return;
  let views;
  try {
    views = await batchOf(env.DB, [
      selectIncidentsByIds(
        env.DB,
        site.id,
        claims.map((c) => c.id),
      ),
      selectAlertRecipients(env.DB, site.id),
    ]);
  } catch (err) {
    await env.DB.batch(claims.map((c) => releaseNotice(env.DB, c.id, c.kind)));
    throw err;
  }
  const [incidents, recipients] = views;
  const byId = new Map(incidents.results.map((r) => [r.id, toIncidentView(r, site.allowedOrigins)]));
  for (const claim of claims) {
    const incident = byId.get(claim.id);
    if (!incident) continue;
    try {
      if (claim.kind === "opened") {
        await sendOpened(env, site, incident, recipients.results, now);
      } else {
        await queueWebhook(env, site, { siteId: site.id, topic: "alert", payload: webhookPayload(env, site, incident, "resolved") }, now);
      }
    } catch (err) {
      console.error("incident notice not queued; left for the next tick", site.id, claim.id, claim.kind, err);
      await releaseNotice(env.DB, claim.id, claim.kind).run();
    }
  }
}
