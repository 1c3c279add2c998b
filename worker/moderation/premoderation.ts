// Phase 9: a priori moderation, for the whole site or one story; the story's choice wins either way.
import { holdFor, type Phase } from "./types";

export const premoderation: Phase = ({ story, rules }) => {
  const byStory = story?.premoderation ?? null;
  if (byStory === 1) return holdFor({ code: "premoderation", detail: "story" });
  if (byStory === null && rules.premoderation) return holdFor({ code: "premoderation", detail: "site" });
  return null;
};
