// Reader route for contesting a decision on one's own comment (DSA Art. 20):
// POST /api/v1/{site}/comments/{id}/appeals with the author's token.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { readerCredential } from "../auth/reader";
import { limitBody } from "../lib/body-limit";
import { jsonBody, parseOrThrow } from "../lib/validate";
import { commentIdParam } from "../schemas/reader";
import { appealBody } from "../schemas/dsa";
import { appealComment } from "../services/dsa/appeals";

export const appealRoutes = new Hono<AppEnv>().post("/comments/:id/appeals", limitBody, jsonBody(appealBody), async (c) => {
  const { id } = parseOrThrow(commentIdParam, { id: c.req.param("id") });
  const now = Date.now();
  const credential = await readerCredential(c.var.site, c.req.header("Authorization"), { strict: true, now });
  return c.json(await appealComment(c.env.DB, c.var.site, id, c.req.valid("json"), credential, now), 201);
});
