// The person view: who a commenter is, all their comments (paged, every status), what staff did
// to them and their comments (who, what, why, when), and moderators' notes.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { CommenterNoteResponse, PersonResponse } from "../../../worker/schemas/admin-views";
import { createSite, json, postAs, type TestSite } from "../support";
import { SSO_SECRET, deleteComment, signSso } from "../sso-support";
import { admin, postAsPerson, signedIn, type PostedPerson, type TestStaff } from "./support";

let site: TestSite;
let cookie: string;
let staff: TestStaff;
let lea: PostedPerson;

const p = (rest: string) => `/sites/${site.id}${rest}`;
const person = async (id: number, query = "") => json<PersonResponse>(await admin(p(`/commenters/${id}${query}`), { cookie }));

beforeAll(async () => {
  site = await createSite({ settings: { ssoSecret: SSO_SECRET, suspectWords: ["louche"], floodMaxPerAuthor: 0 } });
  ({ staff, cookie } = await signedIn({ [site.id]: "moderator" }));
  // Léa: five comments on two stories; one held, one rejected, one approved, one deleted.
  lea = await postAsPerson(site, "Léa", [
    { story: "a", body: "Premier avis" },
    { story: "a", body: "Une affaire louche" },
    { story: "b", body: "Sur l'autre article" },
    { story: "b", body: "Hors sujet total" },
    { story: "b", body: "Je retire ça" },
  ]);
  const [, held, , offTopic, retracted] = lea.ids as [number, number, number, number, number];
  await admin(p("/moderation"), { cookie, body: { action: "approve", ids: [held] } });
  await admin(p("/moderation"), { cookie, body: { action: "reject", ids: [offTopic], reason: "off_topic" } });
  expect((await deleteComment(site, retracted, { token: lea.token })).status).toBe(200);
});

describe("the person", () => {
  it("shows who they are with their history counters, kind and no email for a guest", async () => {
    const view = await person(lea.commenterId);
    expect(view.author).toMatchObject({
      id: lea.commenterId,
      name: "Léa",
      staff: false,
      kind: "guest",
      email: null,
      premoderated: false,
      commentCount: 5,
      approvedCount: 3,
      rejectedCount: 1,
      bannedForever: false,
      bannedUntil: null,
    });
    expect(Date.parse(view.author.createdAt)).toBeGreaterThan(0);
  });

  it("shows an SSO reader's email as the site gave it", async () => {
    const token = await signSso({ sub: "u-mail", name: "Marc", email: "marc@lecteurs.example" });
    const res = await postAs(site, { story: "a", body: "Connecté" }, { token });
    expect(res.status).toBe(201);
    const row = await env.DB.prepare("SELECT id FROM commenters WHERE site_id = ? AND external_id = 'u-mail'")
      .bind(site.id)
      .first<{ id: number }>();
    const view = await person(row!.id);
    expect(view.author).toMatchObject({ kind: "sso", email: "marc@lecteurs.example", name: "Marc" });
  });

  it("lists every comment of every status, newest first, with its story and revision", async () => {
    const view = await person(lea.commenterId);
    const [first, held, other, offTopic, retracted] = lea.ids as [number, number, number, number, number];
    expect(view.comments.map((c) => [c.comment.id, c.comment.status, c.story.key])).toEqual([
      [retracted, "deleted", "b"],
      [offTopic, "rejected", "b"],
      [other, "published", "b"],
      [held, "published", "a"],
      [first, "published", "a"],
    ]);
    const rejected = view.comments[1]!;
    expect(rejected.comment.reasons).toEqual([{ code: "moderator", detail: "off_topic" }]);
    expect(rejected.comment.moderatedAt).not.toBeNull();
    expect(rejected.comment.body).toBe("Hors sujet total");
    // The deleted comment: staff see that it was, not what it said.
    expect(view.comments[0]!.comment).toMatchObject({ deleted: true, body: "" });
    expect(view.comments[3]!.comment.reasons.map((r) => r.code)).toEqual(["suspect_words"]);
    expect(view.comments.every((c) => c.revision === 0)).toBe(true);
    expect(view.nextCursor).toBeNull();
  });

  it("pages the comments by cursor, each once", async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: PersonResponse = await person(lea.commenterId, `?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.comments.length).toBeLessThanOrEqual(2);
      seen.push(...page.comments.map((c) => c.comment.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...lea.ids].reverse());
  });
});

describe("history", () => {
  it("says who did what, why and when to the person and to their comments, newest first", async () => {
    const since = Date.now();
    await admin(p(`/commenters/${lea.commenterId}/ban`), { cookie, body: { duration: { hours: 3 }, reason: "Trop de hors sujet" } });
    const view = await person(lea.commenterId);
    const [, held, , offTopic] = lea.ids as [number, number, number, number];
    expect(view.history.map((e) => [e.action, e.target.type, e.target.id])).toEqual([
      ["ban", "commenter", String(lea.commenterId)],
      ["reject", "comment", String(offTopic)],
      ["approve", "comment", String(held)],
    ]);
    const [ban, reject, approve] = view.history as [
      PersonResponse["history"][number],
      PersonResponse["history"][number],
      PersonResponse["history"][number],
    ];
    for (const e of view.history) expect(e.staff).toEqual({ id: staff.id, name: staff.name });
    expect(Date.parse(ban.at)).toBeGreaterThanOrEqual(since - 1000);
    expect(ban.detail).toMatchObject({ reason: "Trop de hors sujet", duration: { hours: 3 } });
    expect(ban.commenter).toEqual({ id: lea.commenterId, name: "Léa" });
    expect(reject.detail).toMatchObject({ from: "published", reason: "off_topic" });
    expect(reject.comment).toEqual({
      excerpt: "Hors sujet total",
      author: { id: lea.commenterId, name: "Léa" },
      story: { key: "b", title: null, url: null },
    });
    expect(approve.detail).toMatchObject({ from: "pending" });
    expect(view.author.bannedUntil).not.toBeNull();
    await admin(p(`/commenters/${lea.commenterId}/ban`), { method: "DELETE", cookie });
  });

  it("does not list what was done to other people", async () => {
    const other = await postAsPerson(site, "Paul", [{ story: "a", body: "Autre personne" }]);
    await admin(p("/moderation"), { cookie, body: { action: "reject", ids: [other.ids[0]] } });
    const view = await person(lea.commenterId);
    expect(view.history.some((e) => e.target.id === String(other.ids[0]))).toBe(false);
    expect((await person(other.commenterId)).history.map((e) => e.action)).toEqual(["reject"]);
  });
});

describe("notes", () => {
  it("adds a note (201, audited with its start) and lists notes newest first", async () => {
    const first = await admin(p(`/commenters/${lea.commenterId}/notes`), { cookie, body: { body: "  Lectrice fidèle,\nparfois vive.  " } });
    expect(first.status).toBe(201);
    const { note } = await json<CommenterNoteResponse>(first);
    expect(note).toMatchObject({ staff: { id: staff.id, name: staff.name }, body: "Lectrice fidèle,\nparfois vive." });
    expect(Date.parse(note.at)).toBeGreaterThan(0);
    const long = `${"x".repeat(1990)} fin`;
    expect((await admin(p(`/commenters/${lea.commenterId}/notes`), { cookie, body: { body: long } })).status).toBe(201);

    const view = await person(lea.commenterId);
    expect(view.notes.map((n) => n.body)).toEqual([long, "Lectrice fidèle,\nparfois vive."]);
    expect(view.notes[1]!.id).toBe(note.id);
    const audited = view.history.filter((e) => e.action === "note");
    expect(audited.map((e) => (e.detail.note as string).length)).toEqual([200, "Lectrice fidèle,\nparfois vive.".length]);
    expect(audited[0]!.target).toEqual({ type: "commenter", id: String(lea.commenterId) });
  });
});
