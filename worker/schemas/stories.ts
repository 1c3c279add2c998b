// PATCH /api/admin/sites/{site}/story: a story's own moderation rules, and (issue 10 point 4) its
// URL and title, which staff may correct after a reader's page proposed them.
import { z } from "zod";
import { threadQuery } from "./reader";
import { boundedText } from "./text";

/** As worker/services/stories.ts STORY_TITLE_MAX (kept here so that the schema has no service import). */
const TITLE_MAX = 300;

/** An absolute http(s) URL; whether it is on one of the site's origins is checked by the service. */
const storyUrl = z
  .string({ error: "url must be text or null" })
  .trim()
  .max(2048, "url is longer than 2048 characters")
  .refine(
    (s) => {
      try {
        const u = new URL(s);
        return u.protocol === "http:" || u.protocol === "https:";
      } catch {
        return false;
      }
    },
    { message: "url must be an absolute http(s) URL", params: { reason: "url" } },
  );

export const storyBody = z
  .object({
    story: threadQuery.shape.story,
    status: z.enum(["open", "closed"], { error: "status must be open or closed" }).optional(),
    premoderation: z.enum(["site", "on", "off"], { error: "premoderation must be site, on or off" }).optional(),
    /** null removes the link */
    url: z.preprocess((v) => (v === "" ? null : v), storyUrl.nullable()).optional(),
    /** null or "" removes the title */
    title: boundedText("title", TITLE_MAX, "line", "title must be text or null").nullable().optional(),
  })
  .refine((b) => b.status !== undefined || b.premoderation !== undefined || b.url !== undefined || b.title !== undefined, {
    message: "say what to change: status, premoderation, url or title",
  });

export type StoryInput = z.output<typeof storyBody>;
