// One tick of the alert rules (every 5 minutes, from the Cron Trigger; by hand with
// `curl http://localhost:8787/__scheduled` under `npm start`). For each site: measure the rules,
// then open, update and resolve its incidents in one batch (concurrent ticks meet in the same
// rows: at most one open incident per rule and scope), then send the notices still to send.
// One site's failure is logged and the others go on.
import { selectAllSites } from "../../db/alert-rules";
import { resolveIncidents, upsertIncident } from "../../db/incidents";
import { toSiteRecord, type SiteRecord } from "../../db/sites";
import type { Env } from "../../env";
import { homeName } from "../../lib/databases";
import { requeueStale } from "../delivery/send";
import { sendDueNotifications } from "../notify/send";
import { sendNotices } from "./notify";
import { evaluateRules } from "./rules";

/** Measures the site's rules and writes what they found; a rule that could not be measured keeps its incidents as they are. */
export async function tickSite(env: Env, site: SiteRecord, now: number): Promise<void> {
  const results = await evaluateRules(env.DB, site.id, site.settings, now);
  const statements: D1PreparedStatement[] = [];
  for (const result of results) {
    if ("error" in result) {
      console.error("alert rule not measured", site.id, result.rule, result.error);
      continue;
    }
    for (const firing of result.firings) statements.push(upsertIncident(env.DB, site.id, firing, now));
    statements.push(
      resolveIncidents(env.DB, {
        siteId: site.id,
        rule: result.rule,
        firingScopes: result.firings.map((f) => f.storyId ?? 0),
        noticeOnResolve: site.settings.webhookOnResolve && site.settings.webhookUrl !== "",
        now,
      }),
    );
  }
  if (statements.length > 0) await env.DB.batch(statements);
  await sendNotices(env, site, now);
}

export async function runAlertTick(env: Env, now: number): Promise<void> {
  const sites = (await selectAllSites(env.DB, homeName(env)).all()).results;
  for (const row of sites) {
    try {
      // toSiteRecord reads the settings with their defaults: a bad key falls back, never throws.
      await tickSite(env, toSiteRecord(row), now);
    } catch (err) {
      console.error("alert tick failed for a site; the others go on", row.id, err);
    }
  }

  // Deliveries whose queue message was lost are sent again.
  try {
    await requeueStale(env, now);
  } catch (err) {
    console.error("requeueStale failed", err);
  }

  // Reader reply notifications: sendDueNotifications never throws, so a failure there (logged
  // inside) never stops the alerts above.
  await sendDueNotifications(env, now);
}
