// The DELIVERIES queue's consumer. Built in issue 9.
import type { Env } from "../../env";
import type { DeliveryMessage } from "./types";

export async function consumeDeliveries(batch: MessageBatch<DeliveryMessage>, _env: Env): Promise<void> {
  batch.ackAll();
}
