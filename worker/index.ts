// Worker entry point: the Hono app answers every request; the Cron Trigger evaluates the alert
// rules; the queue consumer sends webhooks and mails.
import { app } from "./app";
import type { Env } from "./env";
import { runAlertTick } from "./services/alerts/tick";
import { consumeDeliveries } from "./services/delivery/consume";
import type { DeliveryMessage } from "./services/delivery/types";

export default {
  fetch: app.fetch,
  scheduled: (controller, env, ctx) => ctx.waitUntil(runAlertTick(env, controller.scheduledTime)),
  queue: (batch, env) => consumeDeliveries(batch, env),
} satisfies ExportedHandler<Env, DeliveryMessage>;
