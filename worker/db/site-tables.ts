// The site-data tables (issue 14: a database per large tenant): every table with a site_id column
// whose rows live only in the site's own database. The registry's tables (sites, staff,
// staff_sessions, staff_roles, invitations, sign_in_attempts), the move's own log and the per-batch
// scratch tables (post_guards, person_guards) are not here.
//
// One spec, read by scripts/gen-move-triggers.mjs (the triggers of migration 0019, which refuse a
// moving site's writes and note them during the copy) and by the move (worker/services/move): a
// table added to the schema with a site_id must be added here (test/worker/move/spec.test.ts
// compares this list with the migrated schema, test/build/move-triggers.test.ts the migration with
// the generator's output).

export interface SiteTable {
  /** the table's name */
  readonly name: string;
  /** its primary key's columns, in the key's order (the move's keyset pages and log entries) */
  readonly pk: readonly string[];
  /** the columns that reference staff(id): the target database needs those staff rows copied first */
  readonly staff: readonly string[];
  /**
   * Columns that reference a table later in the order (a cycle: a statement names the appeal that
   * restored a comment, an appeal names the statement it contests), with that table: the copy
   * writes them NULL first and sets them once both tables are copied; deletions set them NULL first.
   */
  readonly late?: Readonly<Record<string, string>>;
  /**
   * An index on (site_id, then the key) exists: the move's pages of the site's rows walk it. Other
   * tables' pages walk their key with site_id filtered (`+site_id`): one scan of the table over a
   * whole copy, where the planner's choice of a site_id index would sort all the site's rows again
   * for every page. Keys that begin with site_id walk it either way.
   */
  readonly siteIndex?: true;
}

/** Parents before children (foreign keys): the copy follows this order, deletions the reverse. */
export const SITE_TABLES: readonly SiteTable[] = [
  { name: "stories", pk: ["id"], staff: [] },
  { name: "commenters", pk: ["id"], staff: ["staff_id"], siteIndex: true },
  // replies refer to earlier comments: ids grow with posting order, so id order is parent-first
  { name: "comments", pk: ["id"], staff: ["moderated_by"], siteIndex: true },
  { name: "reports", pk: ["id"], staff: [] },
  { name: "audit_log", pk: ["id"], staff: ["staff_id"], siteIndex: true },
  { name: "reactions", pk: ["comment_id", "reader_key"], staff: [] },
  { name: "comment_revisions", pk: ["id"], staff: [] },
  { name: "commenter_notes", pk: ["id"], staff: ["staff_id"] },
  { name: "reply_templates", pk: ["id"], staff: [], siteIndex: true },
  { name: "post_keys", pk: ["site_id", "key_hash"], staff: [] },
  { name: "incidents", pk: ["id"], staff: ["acknowledged_by"] },
  { name: "alert_mail", pk: ["staff_id", "site_id"], staff: ["staff_id"] },
  { name: "outbox", pk: ["id"], staff: [], siteIndex: true },
  { name: "notify_addresses", pk: ["id"], staff: [] },
  { name: "reply_subscriptions", pk: ["id"], staff: [] },
  { name: "notify_tokens", pk: ["hash"], staff: [] },
  { name: "reply_notifications", pk: ["id"], staff: [] },
  { name: "reader_bans", pk: ["id"], staff: [] },
  { name: "identity_mints", pk: ["commenter_id"], staff: [] },
  { name: "notices", pk: ["id"], staff: ["decided_by"] },
  { name: "statements", pk: ["id"], staff: ["staff_id"], late: { appeal_id: "appeals" } },
  { name: "appeals", pk: ["id"], staff: ["decided_by"] },
  { name: "comment_scores", pk: ["comment_id"], staff: [] },
  { name: "erasure_requests", pk: ["hash"], staff: [] },
  { name: "import_sources", pk: ["site_id", "source", "kind", "source_id"], staff: [] },
];

/** The spec of `name`, or undefined when it is not site data. */
export function siteTable(name: string): SiteTable | undefined {
  return SITE_TABLES.find((t) => t.name === name);
}

/** Whether the table's key holds site_id: its keys cannot collide with another site's. */
export function keyedBySite(t: SiteTable): boolean {
  return t.pk.includes("site_id");
}
