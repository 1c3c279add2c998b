// Reply templates ("réponses types"): listed oldest first, created, replaced and deleted by the
// site's moderators, each change audited.
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import type { ReplyTemplate, ReplyTemplatesResponse } from "../../../worker/schemas/admin-views";
import { createSite, json } from "../support";
import { admin, auditSince, lastAuditId, signedIn, type TestStaff } from "./support";

let siteId: string;
let cookie: string;
let staff: TestStaff;

const path = (rest = "") => `/sites/${siteId}/reply-templates${rest}`;

async function list(): Promise<ReplyTemplate[]> {
  const res = await admin(path(), { cookie });
  expect(res.status).toBe(200);
  return (await json<ReplyTemplatesResponse>(res)).templates;
}

async function create(title: string, body: string): Promise<ReplyTemplate> {
  const res = await admin(path(), { cookie, body: { title, body } });
  expect(res.status).toBe(201);
  return (await json<{ template: ReplyTemplate }>(res)).template;
}

beforeAll(async () => {
  siteId = (await createSite()).id;
  ({ staff, cookie } = await signedIn({ [siteId]: "moderator" }));
});

it("starts empty", async () => {
  expect(await list()).toEqual([]);
});

it("a moderator creates templates, listed oldest first, the text normalized as a comment's", async () => {
  const auditFrom = await lastAuditId();
  const thanks = await create("  Merci  ", "Merci {name}, nous transmettons à la rédaction.\r\nBonne journée.");
  expect(thanks).toEqual({
    id: expect.any(Number),
    title: "Merci",
    body: "Merci {name}, nous transmettons à la rédaction.\nBonne journée.",
  });
  const source = await create("Sources", "Nos sources sont citées en fin d'article.");
  expect(await list()).toEqual([thanks, source]);
  expect(await auditSince(siteId, auditFrom)).toEqual([
    { staff_id: staff.id, action: "template_create", target_type: "template", target_id: String(thanks.id), detail: { title: "Merci" } },
    { staff_id: staff.id, action: "template_create", target_type: "template", target_id: String(source.id), detail: { title: "Sources" } },
  ]);
});

it("replaces a template's title and text in place, audited", async () => {
  const t = await create("Brouillon", "À compléter.");
  const auditFrom = await lastAuditId();
  const res = await admin(path(`/${t.id}`), { method: "PUT", cookie, body: { title: "Correction", body: "Merci, c'est corrigé." } });
  expect(res.status).toBe(200);
  expect(await json(res)).toEqual({ template: { id: t.id, title: "Correction", body: "Merci, c'est corrigé." } });
  expect((await list()).find((x) => x.id === t.id)).toEqual({ id: t.id, title: "Correction", body: "Merci, c'est corrigé." });
  expect(await auditSince(siteId, auditFrom)).toEqual([
    { staff_id: staff.id, action: "template_update", target_type: "template", target_id: String(t.id), detail: { title: "Correction" } },
  ]);
});

it("deletes a template: 204 without a body, gone from the list, audited with its title", async () => {
  const t = await create("Jetable", "Sera supprimé.");
  const auditFrom = await lastAuditId();
  const res = await admin(path(`/${t.id}`), { method: "DELETE", cookie });
  expect(res.status).toBe(204);
  expect(await res.text()).toBe("");
  expect((await list()).map((x) => x.id)).not.toContain(t.id);
  const row = await env.DB.prepare("SELECT count(*) AS n FROM reply_templates WHERE id = ?").bind(t.id).first<{ n: number }>();
  expect(row!.n).toBe(0);
  expect(await auditSince(siteId, auditFrom)).toEqual([
    { staff_id: staff.id, action: "template_delete", target_type: "template", target_id: String(t.id), detail: { title: "Jetable" } },
  ]);
});

it("an admin of the site manages them too", async () => {
  const c = (await signedIn({ [siteId]: "admin" })).cookie;
  const res = await admin(path(), { cookie: c, body: { title: "Admin", body: "Réponse de l'admin." } });
  expect(res.status).toBe(201);
});
