// Reply templates ("réponses types") of a site: listed for the composer, managed by its moderators.
import { batchOf } from "../../db/typed";
import { deleteTemplate, insertTemplate, selectTemplates, updateTemplate, type ReplyTemplateRow } from "../../db/reply-templates";
import type { SiteRecord } from "../../db/sites";
import type { StaffRow } from "../../db/staff";
import { ApiError } from "../../lib/errors";
import { TEMPLATES_PER_SITE, type ReplyTemplateInput } from "../../schemas/admin";
import type { ReplyTemplate, ReplyTemplatesResponse } from "../../schemas/admin-views";

function toTemplate(row: ReplyTemplateRow): ReplyTemplate {
  return { id: row.id, title: row.title, body: row.body };
}

function notFound(id: number): ApiError {
  return new ApiError(404, "template_not_found", `This site has no reply template with the id ${id}.`);
}

export async function listTemplates(db: D1Database, site: SiteRecord): Promise<ReplyTemplatesResponse> {
  const rows = (await selectTemplates(db, site.id, TEMPLATES_PER_SITE).all()).results;
  return { templates: rows.map(toTemplate) };
}

/** The limit is checked by the insert itself, so concurrent creations never exceed it. */
export async function createTemplate(
  db: D1Database,
  site: SiteRecord,
  staff: StaffRow,
  input: ReplyTemplateInput,
  now: number,
): Promise<{ template: ReplyTemplate }> {
  const [inserted] = await batchOf(db, insertTemplate(db, { siteId: site.id, staffId: staff.id, ...input, max: TEMPLATES_PER_SITE, now }));
  const row = inserted.results[0];
  if (!row) {
    throw new ApiError(
      409,
      "too_many_templates",
      `A site may have at most ${TEMPLATES_PER_SITE} reply templates: delete one before adding another.`,
    );
  }
  return { template: toTemplate(row) };
}

export async function replaceTemplate(
  db: D1Database,
  site: SiteRecord,
  staff: StaffRow,
  id: number,
  input: ReplyTemplateInput,
  now: number,
): Promise<{ template: ReplyTemplate }> {
  const [updated] = await batchOf(db, updateTemplate(db, { siteId: site.id, staffId: staff.id, id, ...input, now }));
  const row = updated.results[0];
  if (!row) throw notFound(id);
  return { template: toTemplate(row) };
}

export async function removeTemplate(db: D1Database, site: SiteRecord, staff: StaffRow, id: number, now: number): Promise<void> {
  const [, deleted] = await batchOf(db, deleteTemplate(db, { siteId: site.id, staffId: staff.id, id, now }));
  if (deleted.results.length === 0) throw notFound(id);
}
