// Requests of the outbox's staff API (/api/admin/sites/{site}/outbox): the list's filters and page.
import { z } from "zod";
import { pageQuery } from "./admin";
import { rowId } from "./reader";

export const outboxQuery = pageQuery.extend({
  kind: z.enum(["mail", "webhook"], { error: "kind must be mail or webhook" }).optional(),
  status: z.enum(["queued", "retrying", "sent", "failed"], { error: "status must be queued, retrying, sent or failed" }).optional(),
});
export type OutboxQuery = z.output<typeof outboxQuery>;

export const deliveryIdParam = z.object({ id: rowId("delivery") });
