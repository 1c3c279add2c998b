// What the reply templates refuse: invalid titles and texts, unknown ids, a 51st template (even
// when 50 are asked for at once); a refusal writes nothing, not even an audit row.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReplyTemplate } from "../../../worker/schemas/admin-views";
import { createSite, errorOf, json } from "../support";
import { admin, refusedUnchanged, signedIn } from "./support";

let siteId: string;
let cookie: string;
let existing: ReplyTemplate;

const path = (site: string, rest = "") => `/sites/${site}/reply-templates${rest}`;

async function templateRows(site: string): Promise<string> {
  const { results } = await env.DB.prepare("SELECT * FROM reply_templates WHERE site_id = ? ORDER BY id").bind(site).all();
  return JSON.stringify(results);
}

/** Refused, with the site's templates and every other row as they were. */
async function refused(site: string, send: () => Promise<Response>): Promise<Response> {
  const before = await templateRows(site);
  const res = await refusedUnchanged(send);
  expect(await templateRows(site)).toBe(before);
  return res;
}

beforeAll(async () => {
  siteId = (await createSite()).id;
  cookie = (await signedIn({ [siteId]: "moderator" })).cookie;
  const res = await admin(path(siteId), { cookie, body: { title: "Merci", body: "Merci !" } });
  existing = (await json<{ template: ReplyTemplate }>(res)).template;
});

describe("validation", () => {
  it.each([
    ["no title", { body: "x" }, "title"],
    ["an empty title", { title: "   ", body: "x" }, "title"],
    ["a title of 81 characters", { title: "t".repeat(81), body: "x" }, "title"],
    ["a title on two lines", { title: "a\nb", body: "x" }, "title"],
    ["a title with a control character", { title: "a\u0007b", body: "x" }, "title"],
    ["no body", { title: "t" }, "body"],
    ["an empty body", { title: "t", body: " \n " }, "body"],
    ["a body of 5001 characters", { title: "t", body: "b".repeat(5001) }, "body"],
    ["a body with a control character", { title: "t", body: "a\u0000b" }, "body"],
    ["a body that is not text", { title: "t", body: 12 }, "body"],
  ])("refuses %s: 400 validation_failed naming the field, on create and on replace", async (_l, body, field) => {
    for (const [method, p] of [
      ["POST", path(siteId)],
      ["PUT", path(siteId, `/${existing.id}`)],
    ] as const) {
      const res = await refused(siteId, () => admin(p, { method, cookie, body }));
      expect(res.status, method).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe("validation_failed");
      expect(error.issues?.[0]?.path).toEqual([field]);
    }
  });

  it("accepts exactly 80 and 5000 characters", async () => {
    const res = await admin(path(siteId), { cookie, body: { title: "t".repeat(80), body: "b".repeat(5000) } });
    expect(res.status).toBe(201);
    await admin(path(siteId, `/${(await json<{ template: ReplyTemplate }>(res)).template.id}`), { method: "DELETE", cookie });
  });

  it.each([["0"], ["-1"], ["abc"], ["1.5"]])("refuses the id %s: 400 validation_failed", async (id) => {
    for (const method of ["PUT", "DELETE"] as const) {
      const res = await refused(siteId, () =>
        admin(path(siteId, `/${id}`), { method, cookie, ...(method === "PUT" ? { body: { title: "t", body: "b" } } : {}) }),
      );
      expect(res.status, method).toBe(400);
      expect((await errorOf(res)).code).toBe("validation_failed");
    }
  });
});

describe("unknown templates", () => {
  it("replacing or deleting an id that does not exist: 404 template_not_found, nothing written", async () => {
    for (const method of ["PUT", "DELETE"] as const) {
      const res = await refused(siteId, () =>
        admin(path(siteId, "/987654321"), { method, cookie, ...(method === "PUT" ? { body: { title: "t", body: "b" } } : {}) }),
      );
      expect(res.status, method).toBe(404);
      expect((await errorOf(res)).code).toBe("template_not_found");
    }
  });
});

describe("at most 50 templates per site", () => {
  it("50 concurrent creations on a site with 25 make exactly 50, the others refused 409 too_many_templates", async () => {
    const full = (await createSite()).id;
    const c = (await signedIn({ [full]: "moderator" })).cookie;
    await env.DB.batch(
      Array.from({ length: 25 }, (_, i) =>
        env.DB.prepare("INSERT INTO reply_templates (site_id, title, body, created_at, updated_at) VALUES (?, ?, 'b', 0, 0)").bind(
          full,
          `t${i}`,
        ),
      ),
    );
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => admin(path(full), { cookie: c, body: { title: `new ${i}`, body: "Texte." } })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(25);
    expect(statuses.filter((s) => s === 409)).toHaveLength(25);
    for (const res of results.filter((r) => r.status === 409)) expect((await errorOf(res)).code).toBe("too_many_templates");
    const counts = await env.DB.batch<{ n: number }>([
      env.DB.prepare("SELECT count(*) AS n FROM reply_templates WHERE site_id = ?").bind(full),
      env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE site_id = ? AND action = 'template_create'").bind(full),
    ]);
    expect(counts.map((r) => r.results[0]!.n)).toEqual([50, 25]);
    // the list shows all 50, and one more is refused without a write
    expect((await json<{ templates: unknown[] }>(await admin(path(full), { cookie: c }))).templates).toHaveLength(50);
    const more = await refused(full, () => admin(path(full), { cookie: c, body: { title: "51", body: "Texte." } }));
    expect(more.status).toBe(409);
    // deleting one makes room again
    const first = (await env.DB.prepare("SELECT min(id) AS id FROM reply_templates WHERE site_id = ?").bind(full).first<{ id: number }>())!
      .id;
    expect((await admin(path(full, `/${first}`), { method: "DELETE", cookie: c })).status).toBe(204);
    expect((await admin(path(full), { cookie: c, body: { title: "51", body: "Texte." } })).status).toBe(201);
  });
});
