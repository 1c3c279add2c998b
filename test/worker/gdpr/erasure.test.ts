// A person's erasure by a site's admin (DELETE /api/admin/sites/{site}/commenters/{id}): nothing
// that identifies them is left in any table; comments others answered stay as placeholders; the
// counters follow; the audit says who erased whom, once.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createSite, getThread, json } from "../support";
import { admin, signedIn, sitePath } from "../admin/support";
import { tick } from "../alerts/support";
import { findAnywhere, personScene } from "./support";

describe("erasure by an admin", { timeout: 30_000 }, () => {
  it("leaves no name, email or network hash of the person in any table, and keeps others' threads whole", async () => {
    const site = await createSite();
    const { staff, cookie } = await signedIn({ [site.id]: "admin" });
    const p = await personScene(site);
    const needles = [p.name, p.email, ...p.networks];
    expect(p.networks.length).toBeGreaterThan(0);
    // The scene really put them everywhere.
    expect((await findAnywhere(needles)).length).toBeGreaterThan(8);
    const likedBefore = await env.DB.prepare("SELECT reaction_count, report_count FROM comments WHERE id = ?")
      .bind(p.othersTop)
      .first<{ reaction_count: number; report_count: number }>();

    const res = await admin(sitePath(site.id, `/commenters/${p.personId}`), { method: "DELETE", cookie });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ erased: true, commenterId: p.personId, placeholders: 1, removed: 2 });

    expect(await findAnywhere(needles)).toEqual([]);

    // The answered comment is a placeholder (status kept, no text); the others are gone.
    const rows = await env.DB.prepare("SELECT id, status, body, deleted_at, ip_hash FROM comments WHERE author_id = ? ORDER BY id")
      .bind(p.personId)
      .all<{ id: number; status: string; body: string; deleted_at: number | null; ip_hash: string | null }>();
    expect(rows.results.map((r) => [r.id, r.status, r.body, r.deleted_at !== null, r.ip_hash])).toEqual([
      [p.answered, "published", "", true, null],
      [p.alone, "deleted", "", true, null],
      [p.replyToOther, "deleted", "", true, null],
    ]);
    const person = await env.DB.prepare("SELECT name, email, token_hash, external_id, erased_at FROM commenters WHERE id = ?")
      .bind(p.personId)
      .first();
    expect(person).toMatchObject({ name: "", email: null, token_hash: null, external_id: null });
    expect(person!.erased_at).toEqual(expect.any(Number));
    // Their like is gone from the count; their report still counts, anonymous.
    const liked = await env.DB.prepare("SELECT reaction_count, report_count FROM comments WHERE id = ?")
      .bind(p.othersTop)
      .first<{ reaction_count: number; report_count: number }>();
    expect(liked!.reaction_count).toBe(likedBefore!.reaction_count - 1);
    expect(liked!.report_count).toBe(likedBefore!.report_count);
    // The story counts the other reader's two comments only; the placeholder's thread its one reply.
    const counted = await env.DB.prepare("SELECT s.comment_count FROM stories s JOIN comments c ON c.story_id = s.id WHERE c.id = ?")
      .bind(p.othersTop)
      .first<{ comment_count: number }>();
    expect(counted!.comment_count).toBe(2);
    const top = await env.DB.prepare("SELECT reply_count FROM comments WHERE id = ?").bind(p.answered).first<{ reply_count: number }>();
    expect(top!.reply_count).toBe(1);
    // Readers see the placeholder (no name, no text) with the other reader's answer under it.
    const story = (await env.DB.prepare("SELECT s.key FROM stories s JOIN comments c ON c.story_id = s.id WHERE c.id = ?")
      .bind(p.answered)
      .first<{ key: string }>())!.key;
    const thread = await json<{
      comments: { id: number; body: string; deleted: boolean; author: { name: string }; replies: { id: number }[] }[];
    }>(await getThread(site, { story }));
    const shown = thread.comments.find((c) => c.id === p.answered)!;
    expect(shown).toMatchObject({ deleted: true, body: "", author: { name: "" } });
    expect(shown.replies.map((r) => r.id)).toEqual([p.othersReply]);
    expect(thread.comments.map((c) => c.id)).not.toContain(p.alone);
    // The token no longer finds them: a post with it is refused as unknown.
    const me = await env.DB.prepare("SELECT count(*) AS n FROM commenters WHERE token_hash IS NOT NULL AND id = ?")
      .bind(p.personId)
      .first<{ n: number }>();
    expect(me!.n).toBe(0);
    // The decision on their comment is kept (DSA), the moderator's words without their name.
    const statement = await env.DB.prepare("SELECT decision, explanation FROM statements WHERE comment_id = ?").bind(p.alone).first();
    expect(statement).toEqual({ decision: "held", explanation: "Déjà averti, […]." });
    // Audited, without their name.
    const audit = await env.DB.prepare(
      "SELECT staff_id, action, target_type, target_id, detail FROM audit_log WHERE site_id = ? AND action = 'erase'",
    )
      .bind(site.id)
      .all();
    expect(audit.results).toEqual([
      {
        staff_id: staff.id,
        action: "erase",
        target_type: "commenter",
        target_id: String(p.personId),
        detail: JSON.stringify({ by: "staff", comments: 3 }),
      },
    ]);
  });

  it("50 erasures at once: all answer, one audit row, the same end state", async () => {
    const site = await createSite();
    const { cookie } = await signedIn({ [site.id]: "admin" });
    const p = await personScene(site, { subscribe: false });
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => admin(sitePath(site.id, `/commenters/${p.personId}`), { method: "DELETE", cookie })),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(200));
    const audit = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE site_id = ? AND action = 'erase'")
      .bind(site.id)
      .first<{ n: number }>();
    expect(audit!.n).toBe(1);
    expect(await findAnywhere([p.name, ...p.networks])).toEqual([]);
    const liked = await env.DB.prepare("SELECT reaction_count FROM comments WHERE id = ?")
      .bind(p.othersTop)
      .first<{ reaction_count: number }>();
    expect(liked!.reaction_count).toBe(0);
  });

  it("a ban still running on their network stays until it ends (erasing oneself lifts no ban), then the tick purges it", async () => {
    const site = await createSite();
    const { cookie } = await signedIn({ [site.id]: "admin" });
    const p = await personScene(site, { subscribe: false, runningBan: true });
    // A neighbour on the same network: their notice keeps its sender (not the network).
    await env.DB.prepare(
      `INSERT INTO notices (site_id, comment_id, reference, ground, explanation, name, email, ip_hash, created_at)
       VALUES (?, ?, ?, 'other', 'Voisin', 'Voisin', 'voisin@example.org', ?, ?)`,
    )
      .bind(site.id, p.othersTop, `N-NEIGH-${crypto.randomUUID().slice(0, 6)}`, p.networks[0], Date.now())
      .run();
    expect((await admin(sitePath(site.id, `/commenters/${p.personId}`), { method: "DELETE", cookie })).status).toBe(200);
    const neighbour = await env.DB.prepare("SELECT name, email, ip_hash FROM notices WHERE explanation = 'Voisin' AND site_id = ?")
      .bind(site.id)
      .first();
    expect(neighbour).toEqual({ name: "Voisin", email: "voisin@example.org", ip_hash: null });
    const found = await findAnywhere([p.name, ...p.networks]);
    expect(found).toEqual([`reader_bans.value ∋ ${p.networks[0]} (1)`]);
    // Ended: the Worker's scheduled tick purges it, and nothing of them is left.
    await env.DB.prepare("UPDATE reader_bans SET until = ? WHERE commenter_id = ?")
      .bind(Date.now() - 1, p.personId)
      .run();
    await tick(Date.now());
    expect(await findAnywhere([p.name, ...p.networks])).toEqual([]);
  });
});
