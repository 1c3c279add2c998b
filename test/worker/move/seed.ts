// A site with rows in every site-data table (worker/db/site-tables.ts), written by SQL into the
// database given (the registry's sites row too), and the snapshots the move tests compare.
import { env } from "cloudflare:workers";
import { SITE_TABLES } from "../../../worker/db/site-tables";

let n = 0;
const uid = () => `${++n}-${crypto.randomUUID().slice(0, 8)}`;

async function one(db: D1Database, sql: string, ...values: unknown[]): Promise<number> {
  const row = await db
    .prepare(`${sql} RETURNING rowid AS id`)
    .bind(...values)
    .first<{ id: number }>();
  return row!.id;
}

/** A site whose home is `home` (DB unless given), registered in DB. */
export async function createHomedSite(home = "DB"): Promise<string> {
  const id = `move-${uid()}`;
  const t = Date.now();
  const insert = "INSERT INTO sites (id, name, allowed_origins, settings, created_at, db) VALUES (?, ?, ?, '{}', ?, ?)";
  await env.DB.prepare(insert)
    .bind(id, `Site ${id}`, JSON.stringify([`https://${id}.example`]), t, home)
    .run();
  if (home !== "DB")
    await db(home)
      .prepare(insert)
      .bind(id, `Site ${id}`, JSON.stringify([`https://${id}.example`]), t, home)
      .run();
  return id;
}

export function db(name: string): D1Database {
  return (env as unknown as Record<string, D1Database>)[name]!;
}

/** A staff member in the registry with a role on the site. */
export async function createStaffMember(site: string): Promise<number> {
  const t = Date.now();
  const id = await one(
    env.DB,
    "INSERT INTO staff (email, name, password_hash, created_at, updated_at) VALUES (?, ?, 'pbkdf2-sha256$1$c2FsdA==$aGFzaA==', ?, ?)",
    `mod-${uid()}@palabre.test`,
    "Modo",
    t,
    t,
  );
  await env.DB.prepare("INSERT INTO staff_roles (staff_id, site_id, role) VALUES (?, ?, 'moderator')").bind(id, site).run();
  return id;
}

export interface Seeded {
  site: string;
  staff: number;
  story: number;
  top: number;
  reply: number;
  author: number;
}

/** Rows in every site-data table of `site`, in `home` (its data's database). */
export async function seedSite(site: string, home = "DB"): Promise<Seeded> {
  const d = db(home);
  const t = Date.now();
  const staff = await createStaffMember(site);
  if (home !== "DB") {
    await d.batch([
      d
        .prepare("INSERT INTO staff (id, email, name, password_hash, created_at, updated_at) SELECT ?1, ?2, 'Modo', '', ?3, ?3")
        .bind(staff, `copy-${staff}@x.test`, t),
      d.prepare("INSERT INTO staff_roles (staff_id, site_id, role) VALUES (?, ?, 'moderator')").bind(staff, site),
    ]);
  }
  const story = await one(
    d,
    "INSERT INTO stories (site_id, key, url, title, created_at, updated_at) VALUES (?, ?, ?, 'Titre', ?, ?)",
    site,
    `k-${uid()}`,
    "https://x.example/a",
    t,
    t,
  );
  const story2 = await one(
    d,
    "INSERT INTO stories (site_id, key, created_at, updated_at, status) VALUES (?, ?, ?, ?, 'closed')",
    site,
    `k-${uid()}`,
    t,
    t,
  );
  const author = await one(
    d,
    "INSERT INTO commenters (site_id, name, created_at, token_hash) VALUES (?, 'Ana', ?, ?)",
    site,
    t,
    `tok-${uid()}`,
  );
  const other = await one(d, "INSERT INTO commenters (site_id, name, created_at, email) VALUES (?, 'Léo', ?, 'leo@x.test')", site, t);
  const staffer = await one(
    d,
    "INSERT INTO commenters (site_id, kind, name, created_at, staff_id) VALUES (?, 'sso', 'Modo', ?, ?)",
    site,
    t,
    staff,
  );
  const c = (story_: number, authorId: number, body: string, parent: number | null) =>
    one(
      d,
      `INSERT INTO comments (site_id, story_id, author_id, body, parent_id, reply_to_id, root_id, depth, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?5, ?6, ?7, ?7)`,
      site,
      story_,
      authorId,
      body,
      parent,
      parent === null ? 0 : 1,
      t,
    );
  const top = await c(story, author, "Premier « commentaire » 🎉", null);
  const reply = await c(story, other, "Une réponse", top);
  await c(story, staffer, "Réponse de la rédaction", top);
  const rejected = await c(story2, other, "spam spam", null);
  await d.batch([
    d
      .prepare("UPDATE comments SET status = 'rejected', moderated_by = ?2, moderated_at = ?3, reasons = '[\"spam\"]' WHERE id = ?1")
      .bind(rejected, staff, t),
    d.prepare("UPDATE comments SET reply_count = 2 WHERE id = ?1").bind(top),
    d.prepare("UPDATE stories SET comment_count = 3 WHERE id = ?1").bind(story),
    d
      .prepare(
        "INSERT INTO reports (site_id, comment_id, reporter_key, reason, created_at, weight) VALUES (?1, ?2, 'c:1', 'spam', ?3, 0.5)",
      )
      .bind(site, rejected, t),
    d
      .prepare(
        "INSERT INTO audit_log (site_id, staff_id, action, target_type, target_id, detail, created_at) VALUES (?1, ?2, 'reject', 'comment', ?3, '{}', ?4)",
      )
      .bind(site, staff, String(rejected), t),
    d
      .prepare("INSERT INTO audit_log (site_id, action, target_type, target_id, created_at) VALUES (?1, 'hide', 'comment', '12', ?2)")
      .bind(site, t),
    d
      .prepare("INSERT INTO reactions (comment_id, site_id, reader_key, created_at) VALUES (?1, ?2, ?3, ?4)")
      .bind(top, site, `c:${other}`, t),
    d
      .prepare("INSERT INTO reactions (comment_id, site_id, reader_key, created_at) VALUES (?1, ?2, ?3, ?4)")
      .bind(top, site, `c:${staffer}`, t),
    d
      .prepare(
        "INSERT INTO comment_revisions (site_id, comment_id, revision, body, written_at, replaced_at) VALUES (?1, ?2, 0, 'avant', ?3, ?3)",
      )
      .bind(site, reply, t),
    d
      .prepare("INSERT INTO commenter_notes (site_id, commenter_id, staff_id, body, created_at) VALUES (?1, ?2, ?3, 'à surveiller', ?4)")
      .bind(site, other, staff, t),
    d
      .prepare("INSERT INTO reply_templates (site_id, title, body, created_at, updated_at) VALUES (?1, 'Merci', 'Merci !', ?2, ?2)")
      .bind(site, t),
    d
      .prepare("INSERT INTO post_keys (site_id, key_hash, request_hash, comment_id, created_at) VALUES (?1, ?2, 'r', ?3, ?4)")
      .bind(site, `pk-${uid()}`, top, t),
    d
      .prepare(
        "INSERT INTO incidents (site_id, rule, story_id, scope, opened_at, updated_at, acknowledged_by) VALUES (?1, 'buzz', ?2, ?2, ?3, ?3, ?4)",
      )
      .bind(site, story, t, staff),
    d.prepare("INSERT INTO alert_mail (staff_id, site_id, created_at) VALUES (?1, ?2, ?3)").bind(staff, site, t),
    d
      .prepare(
        "INSERT INTO outbox (site_id, kind, topic, recipient, body, created_at) VALUES (?1, 'mail', 'reply', 'ana@x.test', 'Bonjour', ?2)",
      )
      .bind(site, t),
    d.prepare("INSERT INTO identity_mints (commenter_id, site_id, network, created_at) VALUES (?1, ?2, 'net', ?3)").bind(author, site, t),
    d
      .prepare(
        "INSERT INTO reader_bans (site_id, commenter_id, kind, value, until, reason, created_at) VALUES (?1, ?2, 'email', 'leo@x.test', ?3, 'spam', ?3)",
      )
      .bind(site, other, t),
    d
      .prepare(
        "INSERT INTO comment_scores (comment_id, site_id, value, labels, provider, scored_at) VALUES (?1, ?2, 80, '[\"spam\"]', 'builtin', ?3)",
      )
      .bind(rejected, site, t),
    d
      .prepare("INSERT INTO erasure_requests (hash, site_id, commenter_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?4)")
      .bind(`er-${uid()}`, site, other, t),
    d
      .prepare(
        "INSERT INTO import_sources (site_id, source, kind, source_id, palabre_id, imported_at) VALUES (?1, 'disqus', 'comment', ?2, ?3, ?4)",
      )
      .bind(site, `d-${uid()}`, top, t),
  ]);
  const address = await one(
    d,
    "INSERT INTO notify_addresses (site_id, commenter_id, email, status, created_at) VALUES (?, ?, 'ana@x.test', 'active', ?)",
    site,
    author,
    t,
  );
  await d.batch([
    d
      .prepare("INSERT INTO reply_subscriptions (site_id, comment_id, address_id, created_at) VALUES (?1, ?2, ?3, ?4)")
      .bind(site, top, address, t),
    d
      .prepare(
        "INSERT INTO notify_tokens (hash, site_id, address_id, kind, created_at, expires_at) VALUES (?1, ?2, ?3, 'unsubscribe', ?4, ?4)",
      )
      .bind(`nt-${uid()}`, site, address, t),
    d
      .prepare(
        "INSERT INTO reply_notifications (site_id, address_id, comment_id, thread_id, kind, event_id, created_at) VALUES (?1, ?2, ?3, ?3, 'reply', ?4, ?5)",
      )
      .bind(site, address, top, reply, t),
  ]);
  // the DSA cycle: a removal's statement, its appeal, and the restoring statement naming the appeal
  const notice = await one(
    d,
    "INSERT INTO notices (site_id, comment_id, reference, ground, explanation, created_at, decided_by) VALUES (?, ?, ?, 'hate', 'x', ?, ?)",
    site,
    rejected,
    `N-${uid()}`,
    t,
    staff,
  );
  const statement =
    "INSERT INTO statements (site_id, comment_id, decision, source, facts, automated_detection, automated_decision, ground_kind, ground, ground_label, staff_id, notice_id, appeal_id, created_at)";
  const removal = await one(
    d,
    `${statement} VALUES (?, ?, 'removed', 'moderator', 'f', 0, 0, 'terms', 'charter', 'Charte', ?, ?, NULL, ?)`,
    site,
    rejected,
    staff,
    notice,
    t,
  );
  const appeal = await one(
    d,
    "INSERT INTO appeals (site_id, comment_id, statement_id, body, status, decided_by, created_at) VALUES (?, ?, ?, 'injuste', 'reversed', ?, ?)",
    site,
    rejected,
    removal,
    staff,
    t,
  );
  await one(
    d,
    `${statement} VALUES (?, ?, 'restored', 'appeal', 'f', 0, 0, 'terms', 'charter', 'Charte', ?, NULL, ?, ?)`,
    site,
    rejected,
    staff,
    appeal,
    t,
  );
  return { site, staff, story, top, reply, author };
}

export type Snapshot = Record<string, Record<string, unknown>[]>;

/** Every row of the site in every site-data table of `home`, in key order. */
export async function snapshot(site: string, home: string): Promise<Snapshot> {
  const d = db(home);
  const results = await d.batch(
    SITE_TABLES.map((t) => d.prepare(`SELECT * FROM ${t.name} WHERE site_id = ? ORDER BY ${t.pk.join(", ")}`).bind(site)),
  );
  return Object.fromEntries(SITE_TABLES.map((t, i) => [t.name, results[i]!.results as Record<string, unknown>[]]));
}

/** How many rows of the site `home` holds, all tables together. */
export async function rowCount(site: string, home: string): Promise<number> {
  return Object.values(await snapshot(site, home)).reduce((sum, rows) => sum + rows.length, 0);
}

export async function siteState(site: string, home: string): Promise<{ db: string; moving: string | null } | null> {
  return db(home).prepare("SELECT db, moving FROM sites WHERE id = ?").bind(site).first();
}
