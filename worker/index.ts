// Worker entry point: the Hono app answers every request; the Cron Trigger evaluates the alert
// rules and purges what erasures had to keep for a while; the queue consumer sends webhooks and mails.
import { app } from "./app";
import type { Env } from "./env";
import { runAlertTick } from "./services/alerts/tick";
import { consumeDeliveries } from "./services/delivery/consume";
import { purgeErasedLeftovers } from "./services/gdpr-erase";
import type { DeliveryMessage } from "./services/delivery/types";
import { asWrite } from "./lib/write-epoch";

// The Durable Object class of a story's live readers (wrangler.toml STORY_LIVE).
export { StoryLive } from "./live/story-live";

export default {
  fetch: app.fetch,
  scheduled: (controller, env, ctx) =>
    ctx.waitUntil(
      asWrite(() => Promise.all([runAlertTick(env, controller.scheduledTime), purgeErasedLeftovers(env.DB, controller.scheduledTime)])),
    ),
  queue: (batch, env) => asWrite(() => consumeDeliveries(batch, env)),
} satisfies ExportedHandler<Env, DeliveryMessage>;
