// A person with a footprint in every corner of Palabre (comments, an edit, a reply from someone
// else, likes, a report with a note, a confirmed notification address, a staff note, a network
// ban, a notice filed under their email), and a scan of every table's text for what identifies them.
import { env } from "cloudflare:workers";
import { api, comment, postAs, sitePath, type TestSite } from "../support";
import { follow, linkIn, mails, subscribe, uniqueEmail } from "../subscriptions/support";

export interface PersonScene {
  name: string;
  email: string;
  token: string;
  personId: number;
  otherToken: string;
  /** the person's comments: answered by someone else, alone, a reply to the other's comment */
  answered: number;
  alone: number;
  replyToOther: number;
  /** the other reader's comments */
  othersTop: number;
  othersReply: number;
  networks: string[];
}

let n = 0;

async function postOk(site: TestSite, body: object, reader: { token?: string; ip: string }) {
  const res = await postAs(site, body, reader);
  if (res.status !== 201) throw new Error(`post: ${res.status} ${await res.text()}`);
  return res.json<{ comment: { id: number }; commenterToken?: string }>();
}

/** `runningBan`: the network ban on them still runs (else it ended a second ago). */
export async function personScene(site: TestSite, opts: { subscribe?: boolean; runningBan?: boolean } = {}): Promise<PersonScene> {
  const k = ++n;
  const name = `Zéphyrine Quatremare${k}`;
  const ip = `203.0.113.${k}`;
  const story = `gdpr-story-${k}`;
  const first = await postOk(site, comment(story, `Mon avis ${k}, signé ${name}`, name), { ip });
  const token = first.commenterToken!;
  const alone = await postOk(site, comment(story, `Seul ${k}`, name), { token, ip });
  const other = await postOk(site, comment(story, `Autre avis ${k}`, `Bob${k}`), { ip: `198.51.100.${k}` });
  const otherToken = other.commenterToken!;
  const othersReply = await postOk(
    site,
    { ...comment(story, `Bien dit ${k}`, `Bob${k}`), parentId: first.comment.id },
    { token: otherToken, ip: `198.51.100.${k}` },
  );
  const replyToOther = await postOk(site, { ...comment(story, `Pas d'accord ${k}`, name), parentId: other.comment.id }, { token, ip });
  // An edit (a revision), a like, a report with a note naming them.
  const edit = await api(sitePath(site, `/comments/${first.comment.id}`), {
    method: "PATCH",
    origin: site.origin,
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, "CF-Connecting-IP": ip },
    body: JSON.stringify({ body: `Mon avis ${k}, corrigé par ${name}` }),
  });
  if (edit.status !== 200) throw new Error(`edit: ${edit.status} ${await edit.text()}`);
  const like = await api(sitePath(site, `/comments/${other.comment.id}/reaction`), {
    method: "PUT",
    origin: site.origin,
    headers: { Authorization: `Bearer ${token}`, "CF-Connecting-IP": ip },
  });
  if (like.status >= 300) throw new Error(`like: ${like.status} ${await like.text()}`);
  const rep = await api(sitePath(site, `/comments/${other.comment.id}/reports`), {
    method: "POST",
    origin: site.origin,
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, "CF-Connecting-IP": ip },
    body: JSON.stringify({ reason: "other", note: `Je suis ${name}` }),
  });
  if (rep.status !== 201) throw new Error(`report: ${rep.status} ${await rep.text()}`);

  const email = uniqueEmail("zephyrine");
  if (opts.subscribe !== false) {
    const sub = await subscribe(site, first.comment.id, { email }, { token });
    if (sub.status !== 202) throw new Error(`subscribe: ${sub.status} ${await sub.text()}`);
    const [mail] = (await mails(site.id, "confirm")).filter((m) => m.recipient === email);
    const confirmed = await follow(linkIn(mail!, "confirm"));
    if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status}`);
  }

  const person = await env.DB.prepare("SELECT author_id FROM comments WHERE id = ?").bind(first.comment.id).first<{ author_id: number }>();
  const personId = person!.author_id;
  const nets = await env.DB.prepare(
    `SELECT ip_hash AS h FROM comments WHERE author_id = ?1 AND ip_hash IS NOT NULL
     UNION SELECT network FROM identity_mints WHERE commenter_id = ?1
     UNION SELECT network FROM reactions WHERE reader_key = 'c:' || ?1 AND network IS NOT NULL
     UNION SELECT network FROM reports WHERE reporter_key = 'c:' || ?1 AND network IS NOT NULL`,
  )
    .bind(personId)
    .all<{ h: string }>();
  const networks = [...new Set(nets.results.map((r) => r.h))];
  const now = Date.now();
  // What staff and other readers may have written about them.
  await env.DB.batch([
    env.DB.prepare("INSERT INTO staff (email, name, password_hash, created_at, updated_at) VALUES (?, 'Note taker', 'x', ?, ?)").bind(
      `notes-${k}-${crypto.randomUUID()}@palabre.test`,
      now,
      now,
    ),
    env.DB.prepare(
      "INSERT INTO commenter_notes (site_id, commenter_id, staff_id, body, created_at) VALUES (?, ?, last_insert_rowid(), ?, ?)",
    ).bind(site.id, personId, `Parlé avec ${name} (${email})`, now),
    env.DB.prepare(
      "INSERT INTO reader_bans (site_id, commenter_id, kind, value, until, reason, created_at) VALUES (?, ?, 'network', ?, ?, 'test', ?)",
    ).bind(site.id, personId, networks[0] ?? "none", opts.runningBan ? now + 3600_000 : now - 1000, now),
    env.DB.prepare(
      `INSERT INTO notices (site_id, comment_id, reference, ground, explanation, name, email, ip_hash, created_at)
       VALUES (?, ?, ?, 'other', 'Contenu illicite', ?, ?, ?, ?)`,
    ).bind(site.id, other.comment.id, `N-GDPR-${k}-${crypto.randomUUID().slice(0, 4)}`, name, email, networks[0] ?? null, now),
    env.DB.prepare(
      `INSERT INTO statements (site_id, comment_id, decision, source, facts, automated_detection, automated_decision,
                               ground_kind, ground, ground_label, explanation, created_at)
       VALUES (?, ?, 'held', 'moderator', 'Held for review.', 0, 0, 'terms', 'charter', 'Charter', ?, ?)`,
    ).bind(site.id, alone.comment.id, `Déjà averti, ${name}.`, now),
  ]);
  return {
    name,
    email,
    token,
    personId,
    otherToken,
    answered: first.comment.id,
    alone: alone.comment.id,
    replyToOther: replyToOther.comment.id,
    othersTop: other.comment.id,
    othersReply: othersReply.comment.id,
    networks,
  };
}

/** Every (table, column, rowid) whose text holds one of `needles`, across every table of the database. */
export async function findAnywhere(needles: string[]): Promise<string[]> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'",
  ).all<{ name: string }>();
  const found: string[] = [];
  const lowered = needles.map((x) => x.toLowerCase());
  for (const { name: table } of tables.results) {
    const cols = await env.DB.prepare(`SELECT name FROM pragma_table_info(?)`).bind(table).all<{ name: string }>();
    // One read per table and needle (D1 caps a result's columns): every column, whatever its
    // declared type (SQLite keeps text in any of them), summed.
    for (const [i, needle] of lowered.entries()) {
      const sums = cols.results.map((col, c) => `coalesce(sum(instr(lower(CAST("${col.name}" AS TEXT)), ?1) > 0), 0) AS "${c}"`);
      if (sums.length === 0) continue;
      const row = await env.DB.prepare(`SELECT ${sums.join(", ")} FROM "${table}"`)
        .bind(needle)
        .first<Record<string, number>>();
      for (const [c, hits] of Object.entries(row ?? {})) {
        if (hits > 0) found.push(`${table}.${cols.results[Number(c)]!.name} ∋ ${needles[i]} (${hits})`);
      }
    }
  }
  return found;
}
