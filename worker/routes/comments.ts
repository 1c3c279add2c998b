// Reader routes for writing: posting a comment or a reply.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../env";
import { ApiError } from "../lib/errors";
import { MAX_BODY_BYTES, jsonBody } from "../lib/validate";
import { postCommentBody } from "../schemas/reader";
import { postComment } from "../services/comments";

const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError(413, "payload_too_large", `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);
  },
});

export const commentRoutes = new Hono<AppEnv>().post("/comments", limitBody, jsonBody(postCommentBody), async (c) => {
  const saved = await postComment(c.env.DB, c.var.site, c.req.valid("json"), Date.now());
  return c.json(saved, 201);
});
