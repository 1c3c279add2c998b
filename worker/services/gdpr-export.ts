// A person's export (GDPR Art. 15 and 20): everything held on one commenter of a site, read in one
// batch (worker/db/gdpr-export.ts). Shared by the staff API and the reader's own export; it
// answers no error itself, so that the reader API never reaches a staff-only code.
import { BAN_FOREVER } from "../db/commenters";
import { personExportReads } from "../db/gdpr-export";
import { batchOf } from "../db/typed";
import type { SiteRecord } from "../db/sites";
import { PERSON_EXPORT_FORMAT, type PersonExport } from "../schemas/export";

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));
const untilIso = (ms: number | null): string | null => (ms === null || ms >= BAN_FOREVER ? null : iso(ms));

function parseJson(text: unknown): unknown {
  try {
    return JSON.parse(String(text));
  } catch {
    return [];
  }
}

/** Everything held on the site's commenter `id`; null when there is none. */
export async function readPersonExport(db: D1Database, site: SiteRecord, id: number, now: number): Promise<PersonExport | null> {
  const [who, ...sections] = await batchOf(db, personExportReads(db, site.id, id));
  const [comments, revisions, reactions, reports, addresses, subscriptions, statements, appeals, bans, notes] = sections.map(
    (r) => r.results,
  );
  const p = who.results[0];
  if (!p) return null;
  const emailOf = new Map(addresses!.map((a) => [a.id as number, a.email as string]));
  return {
    format: PERSON_EXPORT_FORMAT,
    version: 1,
    exportedAt: iso(now),
    site: { id: site.id, name: site.name },
    identity: {
      id: p.id,
      kind: p.kind,
      name: p.name,
      externalId: p.external_id,
      email: p.email,
      avatarUrl: p.avatar_url,
      createdAt: iso(p.created_at),
      erasedAt: isoOrNull(p.erased_at),
      hasToken: p.has_token === 1,
      networkHashesHeld: p.networks,
      moderation: {
        bannedUntil: p.banned_until === null ? null : (untilIso(p.banned_until) ?? "forever"),
        banReason: p.ban_reason,
        alwaysPremoderated: p.premoderate === 1,
      },
    },
    comments: comments!.map((c) => ({
      id: c.id as number,
      storyKey: c.story_key as string,
      storyUrl: c.story_url as string | null,
      storyTitle: c.story_title as string | null,
      parentId: c.parent_id as number | null,
      replyToId: c.reply_to_id as number | null,
      body: c.body as string,
      status: c.status as string,
      reasons: parseJson(c.reasons),
      createdAt: iso(c.created_at as number),
      updatedAt: iso(c.updated_at as number),
      editedAt: isoOrNull(c.edited_at as number | null),
      deletedAt: isoOrNull(c.deleted_at as number | null),
      featuredAt: isoOrNull(c.featured_at as number | null),
      featuredNote: c.featured_note as string | null,
      reactionCount: c.reaction_count as number,
      reportCount: c.report_count as number,
    })),
    revisions: revisions!.map((r) => ({
      commentId: r.comment_id as number,
      revision: r.revision as number,
      body: r.body as string,
      writtenAt: iso(r.written_at as number),
      replacedAt: iso(r.replaced_at as number),
    })),
    reactions: reactions!.map((r) => ({ commentId: r.comment_id as number, createdAt: iso(r.created_at as number) })),
    reportsMade: reports!.map((r) => ({
      commentId: r.comment_id as number,
      reason: r.reason as string,
      note: r.note as string | null,
      createdAt: iso(r.created_at as number),
    })),
    notifications: {
      addresses: addresses!.map((a) => ({
        email: a.email as string,
        status: a.status as string,
        locale: a.locale as string,
        onReply: a.on_reply === 1,
        onStaffReply: a.on_staff_reply === 1,
        onFeatured: a.on_featured === 1,
        createdAt: iso(a.created_at as number),
        confirmedAt: isoOrNull(a.confirmed_at as number | null),
      })),
      subscriptions: subscriptions!.map((s) => ({
        email: emailOf.get(s.address_id as number) ?? null,
        commentId: s.comment_id as number,
        createdAt: iso(s.created_at as number),
      })),
    },
    statements: statements!.map((s) => ({
      id: s.id as number,
      commentId: s.comment_id as number,
      decision: s.decision as string,
      source: s.source as string,
      facts: s.facts as string,
      automatedDetection: s.automated_detection === 1,
      automatedDecision: s.automated_decision === 1,
      groundKind: s.ground_kind as string,
      ground: s.ground as string,
      groundLabel: s.ground_label as string,
      explanation: s.explanation as string | null,
      contestUntil: isoOrNull(s.contest_until as number | null),
      createdAt: iso(s.created_at as number),
    })),
    appeals: appeals!.map((a) => ({
      id: a.id as number,
      commentId: a.comment_id as number,
      statementId: a.statement_id as number,
      body: a.body as string,
      status: a.status as string,
      explanation: a.explanation as string | null,
      decidedAt: isoOrNull(a.decided_at as number | null),
      createdAt: iso(a.created_at as number),
    })),
    bans: bans!.map((b) => ({
      kind: b.kind as string,
      until: untilIso(b.until as number),
      reason: b.reason as string,
      createdAt: iso(b.created_at as number),
    })),
    staffNotes: notes!.map((n) => ({ body: n.body as string, createdAt: iso(n.created_at as number) })),
  };
}
