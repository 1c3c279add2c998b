// Reply templates belong to their site: another site's templates are neither listed, replaced nor
// deleted, whether through that site's URL (403) or by naming their ids in one's own (404).
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import type { ReplyTemplate, ReplyTemplatesResponse } from "../../../worker/schemas/admin-views";
import { BASE, createSite, errorOf, json } from "../support";
import { admin, refusedUnchanged, signedIn } from "./support";

let mine: string;
let theirs: string;
let cookie: string;
let theirCookie: string;
let theirTemplate: ReplyTemplate;

const path = (site: string, rest = "") => `/sites/${site}/reply-templates${rest}`;

async function theirRow(): Promise<unknown> {
  return env.DB.prepare("SELECT * FROM reply_templates WHERE id = ?").bind(theirTemplate.id).first();
}

beforeAll(async () => {
  mine = (await createSite()).id;
  theirs = (await createSite()).id;
  cookie = (await signedIn({ [mine]: "moderator" })).cookie;
  theirCookie = (await signedIn({ [theirs]: "moderator" })).cookie;
  const res = await admin(path(theirs), { cookie: theirCookie, body: { title: "Secret", body: "Réponse interne." } });
  theirTemplate = (await json<{ template: ReplyTemplate }>(res)).template;
  await admin(path(mine), { cookie, body: { title: "À moi", body: "Ma réponse." } });
});

it("lists only the site's own templates", async () => {
  const list = await json<ReplyTemplatesResponse>(await admin(path(mine), { cookie }));
  expect(list.templates.map((t) => t.title)).toEqual(["À moi"]);
});

it("another site's template id in one's own site: 404 template_not_found, unchanged", async () => {
  const before = await theirRow();
  for (const method of ["PUT", "DELETE"] as const) {
    const res = await refusedUnchanged(() =>
      admin(path(mine, `/${theirTemplate.id}`), {
        method,
        cookie,
        ...(method === "PUT" ? { body: { title: "Pris", body: "Pris." } } : {}),
      }),
    );
    expect(res.status, method).toBe(404);
    expect((await errorOf(res)).code).toBe("template_not_found");
  }
  expect(await theirRow()).toEqual(before);
});

it("another site's URL: 403 forbidden for every method, unchanged", async () => {
  const before = await theirRow();
  const cases = [
    { method: "GET" as const, p: path(theirs) },
    { method: "POST" as const, p: path(theirs), body: { title: "Intrus", body: "Intrus." } },
    { method: "PUT" as const, p: path(theirs, `/${theirTemplate.id}`), body: { title: "Intrus", body: "Intrus." } },
    { method: "DELETE" as const, p: path(theirs, `/${theirTemplate.id}`) },
  ];
  for (const c of cases) {
    const res = await refusedUnchanged(() => admin(c.p, { method: c.method, cookie, body: c.body }));
    expect(res.status, c.method).toBe(403);
    expect((await errorOf(res)).code).toBe("forbidden");
  }
  expect(await theirRow()).toEqual(before);
  const count = await env.DB.prepare("SELECT count(*) AS n FROM reply_templates WHERE site_id = ?").bind(theirs).first<{ n: number }>();
  expect(count!.n).toBe(1);
});

it("needs a session, and writes need the dashboard's origin", async () => {
  const before = await theirRow();
  for (const method of ["PUT", "DELETE"] as const) {
    const body = method === "PUT" ? { title: "x", body: "y" } : undefined;
    const anonymous = await refusedUnchanged(() => admin(path(theirs, `/${theirTemplate.id}`), { method, body }));
    expect(anonymous.status).toBe(401);
    for (const origin of [null, "https://evil.example", `${BASE}.evil.example`]) {
      const res = await refusedUnchanged(() => admin(path(theirs, `/${theirTemplate.id}`), { method, cookie: theirCookie, origin, body }));
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe("csrf_refused");
    }
  }
  expect(await theirRow()).toEqual(before);
});
