// A person as staff see them: who they are, all their comments (paged), what was done to them and
// their comments, moderators' notes; adding a note; "always pre-moderate this person".
import { batchOf, resultOf } from "../../db/typed";
import { insertCommenterAudit, selectPersonHistory } from "../../db/audit";
import { selectPerson, setPremoderation, type PersonRow } from "../../db/commenters";
import { insertNote, selectNotes, type NoteRow } from "../../db/notes";
import { selectPersonComments, type PersonCommentRow } from "../../db/person";
import type { SiteRecord } from "../../db/sites";
import type { StaffRow } from "../../db/staff";
import { decodeCursor, encodeCursor } from "../../lib/cursor";
import { ApiError } from "../../lib/errors";
import type { NoteInput, PageQuery } from "../../schemas/admin";
import type { CommenterNote, CommenterNoteResponse, PersonComment, PersonResponse, PremoderationResponse } from "../../schemas/admin-views";
import { toAuditEntry } from "./audit";
import { findAuthor, refuseStaff } from "./bans";
import { toAuthorHistory, toStaffComment } from "./queues";
import { linkableStoryUrl } from "../stories";

/** The latest history entries and notes the person view shows. */
export const HISTORY_ENTRIES = 100;
export const NOTES_SHOWN = 200;
/** Characters of a note repeated in its audit row. */
const NOTE_AUDIT_CHARS = 200;

const notFound = (id: number) => new ApiError(404, "commenter_not_found", `No commenter of this site has the id ${id}.`);

function toPersonAuthor(row: PersonRow, now: number): PersonResponse["author"] {
  return {
    ...toAuthorHistory(row, now),
    kind: row.kind,
    // A guest's email is not theirs to give: only the site's own accounts carry one.
    email: row.kind === "sso" ? row.email : null,
    createdAt: new Date(row.created_at).toISOString(),
    premoderated: row.premoderate === 1,
    erasedAt: row.erased_at === null ? null : new Date(row.erased_at).toISOString(),
  };
}

function toPersonComment(row: PersonCommentRow, allowedOrigins: readonly string[]): PersonComment {
  return {
    comment: toStaffComment(row),
    story: { key: row.story_key, url: linkableStoryUrl(allowedOrigins, row.story_url), title: row.story_title },
    revision: row.revision,
  };
}

function toNote(row: NoteRow): CommenterNote {
  return {
    id: row.id,
    staff: { id: row.staff_id, name: row.staff_name },
    body: row.body,
    at: new Date(row.created_at).toISOString(),
  };
}

/** The whole view in one batch of four bounded statements. */
export async function readPerson(db: D1Database, site: SiteRecord, id: number, q: PageQuery, now: number): Promise<PersonResponse> {
  const beforeId = q.cursor ? decodeCursor(q.cursor, "person") : Number.MAX_SAFE_INTEGER;
  const [person, comments, history, notes] = await batchOf(db, [
    selectPerson(db, site.id, id),
    selectPersonComments(db, { siteId: site.id, authorId: id, beforeId, rows: q.limit + 1 }),
    selectPersonHistory(db, { siteId: site.id, commenterId: id, rows: HISTORY_ENTRIES }),
    selectNotes(db, { siteId: site.id, commenterId: id, rows: NOTES_SHOWN }),
  ]);
  const row = person.results[0];
  if (!row) throw notFound(id);
  const rows = comments.results;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    author: toPersonAuthor(row, now),
    comments: page.map((row) => toPersonComment(row, site.allowedOrigins)),
    nextCursor: rows.length > q.limit && last ? encodeCursor("person", last.id) : null,
    history: history.results.map((row) => toAuditEntry(row, site.allowedOrigins)),
    notes: notes.results.map(toNote),
  };
}

/** A moderator's note on the person, with its audit row, in one batch. */
export async function addNote(
  db: D1Database,
  site: SiteRecord,
  staff: StaffRow,
  id: number,
  input: NoteInput,
  now: number,
): Promise<CommenterNoteResponse> {
  await findAuthor(db, site, id);
  const [inserted] = await batchOf(db, [
    insertNote(db, { siteId: site.id, commenterId: id, staffId: staff.id, body: input.body, now }),
    insertCommenterAudit(db, {
      siteId: site.id,
      staffId: staff.id,
      action: "note",
      commenterId: id,
      detail: { note: [...input.body].slice(0, NOTE_AUDIT_CHARS).join("") },
      now,
    }),
  ]);
  const note = inserted.results[0];
  if (!note) throw notFound(id);
  return { note: toNote({ ...note, staff_name: staff.name }) };
}

/**
 * Sets or lifts "always pre-moderate this person": every new comment and edit of theirs is then
 * held for review (the pipeline's author premoderation phase). Setting what is already set changes
 * nothing and writes no audit row.
 */
export async function setPersonPremoderation(
  db: D1Database,
  site: SiteRecord,
  staff: StaffRow,
  id: number,
  on: boolean,
  now: number,
): Promise<PremoderationResponse> {
  refuseStaff(await findAuthor(db, site, id));
  const after = selectPerson(db, site.id, id);
  const statements = [...setPremoderation(db, { siteId: site.id, id, on, staffId: staff.id, now }), after];
  const row = resultOf(await db.batch(statements), statements, after).results[0];
  if (!row) throw notFound(id);
  return { author: toPersonAuthor(row, now) };
}
