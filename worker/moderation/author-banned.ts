// Phase 2: a banned or suspended author may not post; they are told until when and why. A ban
// that covers the post otherwise (the guest's network, the reader's email) reads the same: the
// person banned is told so whichever token they hold.
import { BAN_FOREVER } from "../db/commenters";
import type { Phase } from "./types";

export const authorBanned: Phase = ({ author, coveringBan, now }) => {
  const own = author && author.bannedUntil !== null && author.bannedUntil > now ? author : null;
  const ban = own
    ? { until: own.bannedUntil!, reason: own.banReason }
    : coveringBan && coveringBan.until > now
      ? { until: coveringBan.until, reason: coveringBan.reason }
      : null;
  if (!ban) return null;
  const forever = ban.until >= BAN_FOREVER;
  const until = forever ? null : new Date(ban.until).toISOString();
  return {
    outcome: "refuse",
    status: 403,
    code: "author_banned",
    message: forever ? "You may no longer comment on this site." : `You may not comment on this site until ${until}.`,
    details: { until, ...(ban.reason ? { reason: ban.reason } : {}) },
  };
};
