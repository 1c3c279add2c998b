// A story's own moderation rules and page: PATCH /api/admin/sites/{site}/story
// { story, status?, premoderation?, url?, title? }.
import { Hono } from "hono";
import type { AdminEnv } from "../../auth/middleware";
import { limitBody } from "../../lib/body-limit";
import { jsonBody } from "../../lib/validate";
import { storyBody } from "../../schemas/stories";
import { updateStory } from "../../services/admin/stories";

export const storyRoutes = new Hono<AdminEnv>().patch("/story", limitBody, jsonBody(storyBody), async (c) =>
  c.json(await updateStory(c.env.DB, c.var.site, c.var.staff, c.req.valid("json"), Date.now()), 200),
);
