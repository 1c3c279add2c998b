// What a reader's request may say about the story it names (its URL and title). Issue 10 point 4:
// a story is created only for a URL on one of the site's allowed origins (and its optional URL
// pattern); this is the contract the post and thread paths call. Until the rule lands it passes
// the proposal through unchanged.
import type { SiteRecord } from "../db/sites";

export interface StoryProposal {
  url: string | null;
  title: string | null;
}

/** The URL and title to store for a new story, or an ApiError when the request may not propose them. */
export function storyProposal(_site: SiteRecord, url: string | null | undefined, title: string | null | undefined): StoryProposal {
  return { url: url ?? null, title: title ?? null };
}
