// Issue 10 point 7, "every change a reader could see (a rename included) changes the ETag": a reader
// renamed by the site who only likes or reports (no post) must not leave their other threads
// answering 304 with the old name.
import { beforeAll, expect, it } from "vitest";
import type { PostCommentResponse, ThreadResponse } from "../../../worker/schemas/views";
import { SSO_SECRET, signSso } from "../sso-support";
import { api, comment, createSite, getThread, json, postAs, postOk, sitePath, type TestSite } from "../support";

let site: TestSite;

beforeAll(async () => {
  site = await createSite({ settings: { ssoSecret: SSO_SECRET } });
});

const conditional = (story: string, etag: string) =>
  api(sitePath(site, `/thread?story=${story}`), { origin: site.origin, headers: { "If-None-Match": etag } });

async function renamedReader(sub: string, story: string): Promise<{ etag: string; renamed: string }> {
  const token = await signSso({ sub, name: "Ancien Nom" });
  const res = await postAs(site, comment(story, "Mon avis", "x"), { token, ip: "203.0.113.41" });
  expect(res.status).toBe(201);
  await res.json<PostCommentResponse>();
  const etag = (await getThread(site, { story })).headers.get("ETag")!;
  expect((await conditional(story, etag)).status).toBe(304);
  return { etag, renamed: await signSso({ sub, name: "Nouveau Nom" }) };
}

async function nameOn(story: string, etag: string): Promise<string> {
  const res = await conditional(story, etag);
  expect(res.status).toBe(200);
  return (await json<ThreadResponse>(res)).comments[0]!.author.name;
}

it("through a like", async () => {
  const { etag, renamed } = await renamedReader("u-like", "rename-like-a");
  const other = (await postOk(site, comment("rename-like-b", "Un autre avis", "Bea"))).comment.id;
  const like = await api(sitePath(site, `/comments/${other}/reaction`), {
    method: "PUT",
    origin: site.origin,
    headers: { Authorization: `Bearer ${renamed}` },
  });
  expect(like.status).toBe(200);
  expect(await nameOn("rename-like-a", etag)).toBe("Nouveau Nom");
});

it("through a report", async () => {
  const { etag, renamed } = await renamedReader("u-report", "rename-report-a");
  const other = (await postOk(site, comment("rename-report-b", "Un avis discutable", "Bea"))).comment.id;
  const report = await api(sitePath(site, `/comments/${other}/reports`), {
    method: "POST",
    origin: site.origin,
    headers: { Authorization: `Bearer ${renamed}`, "Content-Type": "application/json" },
    body: JSON.stringify({ reason: "spam" }),
  });
  expect(report.status).toBe(201);
  expect(await nameOn("rename-report-a", etag)).toBe("Nouveau Nom");
});
