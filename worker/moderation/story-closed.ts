// Phase 1: no comments on a closed story, closed by hand or by itself N days after its first comment.
import { toStoryView, type StoryRow } from "../db/stories";
import type { SiteSettings } from "../schemas/site-settings";
import type { StoryView } from "../schemas/views";
import type { ModerationFacts, Phase } from "./types";

const DAY_MS = 86_400_000;

type StoryFacts = NonNullable<ModerationFacts["story"]>;

export function storyFacts(row: Omit<StoryRow, "version">): StoryFacts {
  return { status: row.status, premoderation: row.premoderation, firstCommentAt: row.first_comment_at };
}

/** Whether a story takes comments no more. */
export function isStoryClosed(story: StoryFacts, rules: Pick<SiteSettings, "closeAfterDays">, now: number): boolean {
  if (story.status === "closed") return true;
  const closesAt = storyClosesAt(story, rules);
  return closesAt !== null && now >= closesAt;
}

/** When the rule will close an open story by the clock alone (null: it will not, or it is closed). */
export function storyClosesAt(story: StoryFacts, rules: Pick<SiteSettings, "closeAfterDays">): number | null {
  if (story.status === "closed" || rules.closeAfterDays <= 0 || story.firstCommentAt === null) return null;
  return story.firstCommentAt + rules.closeAfterDays * DAY_MS;
}

/** The story as readers see it: a story closed by the rule shows as closed, so the widget hides its form. */
export function viewStory(row: Omit<StoryRow, "version">, rules: Pick<SiteSettings, "closeAfterDays">, now: number): StoryView {
  return toStoryView(row, isStoryClosed(storyFacts(row), rules, now));
}

export const storyClosed: Phase = ({ story, rules, now }) =>
  story && isStoryClosed(story, rules, now)
    ? { outcome: "refuse", status: 403, code: "story_closed", message: "Comments are closed on this story." }
    : null;
