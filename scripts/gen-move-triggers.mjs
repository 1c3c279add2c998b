// Writes worker/migrations/0019_site_move_triggers.sql from the spec of the site-data tables
// (worker/db/site-tables.ts), so that the triggers and the move read one list:
//   node scripts/gen-move-triggers.mjs          (re)writes the migration
//   node scripts/gen-move-triggers.mjs --check  exits 1 when the file differs from the spec's output
// test/build/move-triggers.test.ts runs the check. A migration already applied somewhere is never
// rewritten: a change to the spec after 0019 is deployed needs a new migration (drop and recreate).
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { transformSync } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const MIGRATION = join(root, "worker", "migrations", "0019_site_move_triggers.sql");

/** The spec module, compiled in memory (it imports nothing). */
export async function loadSpec() {
  const source = readFileSync(join(root, "worker", "db", "site-tables.ts"), "utf8");
  const { code } = transformSync(source, { loader: "ts", format: "esm" });
  return import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
}

const moving = (row) => `(SELECT moving FROM sites WHERE id = ${row}.site_id)`;

function tableTriggers(t) {
  const key = (row) => `json_array(${t.pk.map((c) => `${row}.${c}`).join(", ")})`;
  const log = (rows) =>
    `  INSERT OR IGNORE INTO site_move_log (site_id, tbl, pk) VALUES ${rows.map((r) => `(${r}.site_id, '${t.name}', ${key(r)})`).join(", ")};`;
  const refuse = (when, row, states) => [
    `CREATE TRIGGER ${t.name}_move_refuse_${when.toLowerCase()} BEFORE ${when} ON ${t.name}`,
    `WHEN ${moving(row)} IN (${states.map((s) => `'${s}'`).join(", ")})`,
    "BEGIN",
    "  SELECT RAISE(ABORT, 'site_moving');",
    "END;",
  ];
  const note = (when, rows) => [
    `CREATE TRIGGER ${t.name}_move_log_${when.toLowerCase()} AFTER ${when} ON ${t.name}`,
    `WHEN ${moving(rows[0])} = 'copying'`,
    "BEGIN",
    log(rows),
    "END;",
  ];
  return [
    `-- ${t.name}`,
    ...refuse("INSERT", "NEW", ["switching", "purging", "away"]),
    ...refuse("UPDATE", "NEW", ["switching", "purging", "away"]),
    ...refuse("DELETE", "OLD", ["switching", "away"]),
    ...note("INSERT", ["NEW"]),
    // a key never changes in Palabre; noting both keys keeps a changed one right anyway
    ...note("UPDATE", ["NEW", "OLD"]),
    ...note("DELETE", ["OLD"]),
    "",
  ];
}

// Migration 0017's version triggers bump a story's version when its comments change. In a move's
// target ('arriving') the copied stories already carry the source's versions, and a purge
// ('purging') deletes comments whose story may not be updated any more: there they stand aside.
const quiet = (row) => `NOT EXISTS (SELECT 1 FROM sites WHERE id = ${row}.site_id AND moving IN ('arriving', 'purging'))`;

const VERSION_TRIGGERS = () => [
  "-- Migration 0017's version triggers, unchanged but standing aside in a move's target and purge.",
  "DROP TRIGGER comments_version_insert;",
  "CREATE TRIGGER comments_version_insert AFTER INSERT ON comments",
  `WHEN ${quiet("NEW")}`,
  "BEGIN",
  "  UPDATE stories SET version = version + 1 WHERE id = NEW.story_id;",
  "END;",
  "DROP TRIGGER comments_version_delete;",
  "CREATE TRIGGER comments_version_delete AFTER DELETE ON comments",
  `WHEN ${quiet("OLD")}`,
  "BEGIN",
  "  UPDATE stories SET version = version + 1 WHERE id = OLD.story_id;",
  "END;",
  "DROP TRIGGER comments_version_update;",
  "CREATE TRIGGER comments_version_update",
  "AFTER UPDATE OF story_id, parent_id, reply_to_id, root_id, depth, author_id, body, status, reply_count,",
  "                featured_at, featured_note, reaction_count, edited_at, deleted_at ON comments",
  "WHEN (OLD.story_id IS NOT NEW.story_id OR OLD.parent_id IS NOT NEW.parent_id OR OLD.reply_to_id IS NOT NEW.reply_to_id",
  "  OR OLD.root_id IS NOT NEW.root_id OR OLD.depth IS NOT NEW.depth OR OLD.author_id IS NOT NEW.author_id",
  "  OR OLD.body IS NOT NEW.body OR OLD.status IS NOT NEW.status OR OLD.reply_count IS NOT NEW.reply_count",
  "  OR OLD.featured_at IS NOT NEW.featured_at OR OLD.featured_note IS NOT NEW.featured_note",
  "  OR OLD.reaction_count IS NOT NEW.reaction_count OR OLD.edited_at IS NOT NEW.edited_at",
  "  OR OLD.deleted_at IS NOT NEW.deleted_at)",
  `  AND ${quiet("NEW")}`,
  "BEGIN",
  "  UPDATE stories SET version = version + 1 WHERE id IN (OLD.story_id, NEW.story_id);",
  "END;",
  "DROP TRIGGER stories_version_update;",
  "CREATE TRIGGER stories_version_update",
  "AFTER UPDATE OF url, title, status, comment_count, premoderation, first_comment_at ON stories",
  "WHEN NEW.version = OLD.version",
  "  AND (OLD.url IS NOT NEW.url OR OLD.title IS NOT NEW.title OR OLD.status IS NOT NEW.status",
  "    OR OLD.comment_count IS NOT NEW.comment_count OR OLD.premoderation IS NOT NEW.premoderation",
  "    OR OLD.first_comment_at IS NOT NEW.first_comment_at)",
  `  AND ${quiet("NEW")}`,
  "BEGIN",
  "  UPDATE stories SET version = version + 1 WHERE id = NEW.id;",
  "END;",
  "DROP TRIGGER commenters_version_update;",
  "CREATE TRIGGER commenters_version_update AFTER UPDATE OF name, avatar_url, staff_id ON commenters",
  "WHEN (OLD.name IS NOT NEW.name OR OLD.avatar_url IS NOT NEW.avatar_url OR OLD.staff_id IS NOT NEW.staff_id)",
  `  AND ${quiet("NEW")}`,
  "BEGIN",
  "  UPDATE stories SET version = version + 1",
  "  WHERE id IN (SELECT story_id FROM comments WHERE author_id = NEW.id);",
  "END;",
  "",
];

/** The migration's text for the spec's tables. */
export function generate(tables) {
  return [
    "-- GENERATED by scripts/gen-move-triggers.mjs from worker/db/site-tables.ts: do not edit by hand.",
    "--",
    "-- Issue 14: moving a site to another database (worker/services/move). For every site-data table,",
    "-- triggers read the site's `moving` state (migration 0018), one lookup of sites by its key each:",
    "--   - writes are refused (RAISE 'site_moving', answered 503) while the switch runs, while the old",
    "--     rows are purged (deletes pass: the purge's own) and once the site lives elsewhere ('away');",
    "--   - during the copy ('copying') each written row's key is noted in site_move_log, so that the",
    "--     catch-up copies it again (or deletes it from the target when it is gone).",
    "",
    ...VERSION_TRIGGERS(),
    ...tables.flatMap(tableTriggers),
  ].join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { SITE_TABLES } = await loadSpec();
  const text = generate(SITE_TABLES);
  if (process.argv.includes("--check")) {
    const now = readFileSync(MIGRATION, "utf8");
    if (now !== text) {
      console.error(`${MIGRATION} differs from the spec: run node scripts/gen-move-triggers.mjs (in a new migration if 0019 is deployed).`);
      process.exit(1);
    }
  } else {
    writeFileSync(MIGRATION, text);
  }
}
