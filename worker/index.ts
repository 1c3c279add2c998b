// Worker entry point: the Hono app answers every request; the Cron Trigger evaluates the alert
// rules and purges what erasures had to keep for a while; the queue consumer sends webhooks and mails.
import { app } from "./app";
import type { Env } from "./env";
import { runAlertTick } from "./services/alerts/tick";
import { consumeDeliveries } from "./services/delivery/consume";
import { purgeErasedLeftovers } from "./services/gdpr-erase";
import type { DeliveryMessage } from "./services/delivery/types";
import { asWrite } from "./lib/write-epoch";
import { databaseNames, homeEnv } from "./lib/databases";

// The Durable Object class of a story's live readers (wrangler.toml STORY_LIVE).
export { StoryLive } from "./live/story-live";

export default {
  fetch: app.fetch,
  // Each database's sites, side by side (issue 14: a database per large tenant). One database's
  // failure is logged and leaves the others' tick whole.
  scheduled: (controller, env, ctx) =>
    ctx.waitUntil(
      asWrite(() =>
        Promise.all(
          databaseNames(env).map((name) => {
            const home = homeEnv(env, name);
            return Promise.all([
              runAlertTick(home, controller.scheduledTime),
              purgeErasedLeftovers(home.DB, controller.scheduledTime),
            ]).catch((err: unknown) => console.error("scheduled tick failed for a database; the others go on", name, err));
          }),
        ),
      ),
    ),
  queue: (batch, env) => asWrite(() => consumeDeliveries(batch, env)),
} satisfies ExportedHandler<Env, DeliveryMessage>;
