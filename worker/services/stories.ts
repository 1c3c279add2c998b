// What a reader's request may say about the story it names (its URL and title), and which stored
// URLs may become links. Issue 10 point 4: the first request for a story key used to fix its URL
// and title for good, from any page, so a planted https://evil.example/… became the link of the
// editors' selection. A story is now created only for a URL on one of the site's allowed origins
// (scheme, host and port) whose path matches the site's optional storyUrlPattern, and only so many
// per network and hour; staff correct URL and title afterwards (services/admin/stories.ts).
import type { SiteRecord } from "../db/sites";
import { ApiError } from "../lib/errors";

export interface StoryProposal {
  url: string | null;
  title: string | null;
}

/** Longest story title kept, in code points (longer proposals are cut, not refused). */
export const STORY_TITLE_MAX = 300;
/** New stories one network may create per site within STORY_CREATION_WINDOW_MS. */
export const STORY_CREATIONS_PER_NETWORK = 30;
export const STORY_CREATION_WINDOW_MS = 60 * 60 * 1000;

function refuseUrl(message: string): ApiError {
  return new ApiError(400, "validation_failed", `Invalid request. url: ${message}`, [{ path: ["url"], message, code: "story_url" }]);
}

/** The origins as URL parsing writes them ("https://a.example", no trailing slash, default port dropped). */
function originOf(s: string): string | null {
  try {
    const u = new URL(s);
    return u.protocol === "http:" || u.protocol === "https:" ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * Whether a path (with its query) matches storyUrlPattern: `*` stands for any run of characters,
 * "/" included; everything else is literal; "" matches every path. Matched piece by piece (each
 * literal piece at its first place after the previous one), not with a regular expression, so that
 * no pattern can make a request backtrack for long.
 */
export function storyPathMatches(pattern: string, pathAndQuery: string): boolean {
  if (pattern === "") return true;
  const pieces = pattern.split("*");
  if (pieces.length === 1) return pattern === pathAndQuery;
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  if (pathAndQuery.length < first.length + last.length) return false;
  if (!pathAndQuery.startsWith(first) || !pathAndQuery.endsWith(last)) return false;
  let at = first.length;
  const end = pathAndQuery.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = pathAndQuery.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

/** The URL, normalised (no fragment), when a story of this site may point to it; else null. */
export function siteStoryUrl(site: SiteRecord, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  if (u.username !== "" || u.password !== "") return null;
  if (!site.allowedOrigins.some((o) => originOf(o) === u.origin)) return null;
  u.hash = "";
  return u.href;
}

/**
 * A stored story URL as a link the selection, the home and the dashboard may show: only when it
 * is on one of the site's allowed origins today (a story created before this rule, or an origin
 * removed since, is shown without a link).
 */
export function linkableStoryUrl(allowedOrigins: readonly string[], url: string | null): string | null {
  if (url === null) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    if (u.username !== "" || u.password !== "") return null;
    return allowedOrigins.some((o) => originOf(o) === u.origin) ? url : null;
  } catch {
    return null;
  }
}

/** A title trimmed, cut to STORY_TITLE_MAX code points; empty: none. */
export function storyTitle(title: string | null | undefined): string | null {
  const trimmed = (title ?? "").trim();
  if (trimmed === "") return null;
  return Array.from(trimmed).slice(0, STORY_TITLE_MAX).join("").trimEnd();
}

/**
 * The URL and title to store for a new story, or an ApiError when the request may not propose
 * them. A proposal without URL is fine (the story then has no link, nothing to squat) unless the
 * site set a storyUrlPattern: then its stories are pages, and a URL is required.
 */
export function storyProposal(site: SiteRecord, url: string | null | undefined, title: string | null | undefined): StoryProposal {
  const pattern = site.settings.storyUrlPattern ?? "";
  if (url === null || url === undefined || url === "") {
    if (pattern !== "") throw refuseUrl(`a new discussion needs the page's URL (matching ${pattern})`);
    return { url: null, title: storyTitle(title) };
  }
  const stored = siteStoryUrl(site, url);
  if (stored === null) throw refuseUrl("a new discussion may only be opened for a page on one of the site's allowed origins");
  const u = new URL(stored);
  if (!storyPathMatches(pattern, u.pathname + u.search)) {
    throw refuseUrl(`a new discussion may only be opened for a page whose address matches ${pattern}`);
  }
  return { url: stored, title: storyTitle(title) };
}

/** The window and maximum insertStoryIfMissing enforces for one network. */
export function storyCreationLimit(now: number): { since: number; max: number } {
  return { since: now - STORY_CREATION_WINDOW_MS, max: STORY_CREATIONS_PER_NETWORK };
}

/** The 429 for a network over its story creations; `oldest` is its oldest creation in the window. */
export function storyFlood(oldest: number | null, now: number): ApiError {
  const retryAfter = Math.max(1, Math.ceil(((oldest ?? now) + STORY_CREATION_WINDOW_MS - now) / 1000));
  return new ApiError(
    429,
    "flood",
    `Too many new discussions were opened from your network. Try again in ${Math.ceil(retryAfter / 60)} minutes.`,
    undefined,
    { details: { retryAfter }, headers: { "Retry-After": String(retryAfter) } },
  );
}
