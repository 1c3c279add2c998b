// The post's rules as its own batch decides them (db/post-guards.ts): what the guard is asked, from
// the same values the facts were read with, and the refusal a reader gets when the guard says no.
import { failedGuard, type GuardName, type GuardQuery } from "../db/post-guards";
import type { SiteRecord } from "../db/sites";
import type { Refusal } from "./types";

export interface GuardPost {
  /** the poster's token hash; null for a new guest */
  tokenHash: string | null;
  /** the poster signs in through the site (their network is not theirs alone: their email is) */
  sso: boolean;
  /** the SSO reader's email, as the token says */
  email: string | null;
  /** null when the IP is unknown */
  ipHash: string | null;
  bodyHash: string;
  now: number;
}

/**
 * What bans the post is checked against besides the author's own: a guest's network (when the
 * site's banCoversNetwork is on and the IP is known), a signed-in reader's email. The facts and
 * the guard both read these, so the clear answer and the decision agree.
 */
export function banScope(site: SiteRecord, post: GuardPost): { banNetwork: string | null; email: string | null } {
  return {
    banNetwork: !post.sso && site.settings.banCoversNetwork ? post.ipHash : null,
    email: post.sso && post.email ? post.email.toLowerCase() : null,
  };
}

export function postGuardQuery(site: SiteRecord, post: GuardPost): GuardQuery {
  const rules = site.settings;
  return {
    siteId: site.id,
    tokenHash: post.tokenHash,
    now: post.now,
    ...banScope(site, post),
    ipHash: post.ipHash,
    floodSince: post.now - rules.floodWindowSeconds * 1000,
    maxPerAuthor: rules.floodMaxPerAuthor,
    maxPerIp: rules.floodMaxPerIp,
    duplicateSince: post.now - rules.duplicateWindowSeconds * 1000,
    bodyHash: post.bodyHash,
  };
}

/**
 * The refusal for a guard that said no, when reading the facts again does not give a clearer one
 * (the rows moved on meanwhile): the rule's own answer, a flood waiting the whole window.
 */
export function guardRefusal(name: GuardName, site: SiteRecord): Refusal {
  switch (name) {
    case "banned":
      return { outcome: "refuse", status: 403, code: "author_banned", message: "You may not comment on this site for now." };
    case "duplicate":
      return { outcome: "refuse", status: 409, code: "duplicate", message: "You have already posted this comment." };
    default: {
      const retryAfter = Math.max(1, site.settings.floodWindowSeconds);
      return {
        outcome: "refuse",
        status: 429,
        code: "flood",
        message: `Too many comments in a short time. Please wait ${retryAfter} seconds before posting again.`,
        details: { retryAfter },
      };
    }
  }
}

export { failedGuard };
