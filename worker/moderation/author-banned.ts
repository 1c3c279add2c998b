// Phase 2: a banned or suspended author may not post; they are told until when and why.
import { BAN_FOREVER } from "../db/commenters";
import type { Phase } from "./types";

export const authorBanned: Phase = ({ author, now }) => {
  if (!author || author.bannedUntil === null || author.bannedUntil <= now) return null;
  const forever = author.bannedUntil >= BAN_FOREVER;
  const until = forever ? null : new Date(author.bannedUntil).toISOString();
  return {
    outcome: "refuse",
    status: 403,
    code: "author_banned",
    message: forever
      ? "You may no longer comment on this site."
      : `You may not comment on this site until ${until}.`,
    details: { until, ...(author.banReason ? { reason: author.banReason } : {}) },
  };
};
