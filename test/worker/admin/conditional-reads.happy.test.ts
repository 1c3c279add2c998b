// The dashboard polls with If-None-Match: staff reads carry an ETag and `private, no-cache`; an
// unchanged answer is a 304 without a body, a change (a new held comment) a 200 with a new ETag.
import { describe, expect, it, beforeAll } from "vitest";
import { api, type TestSite } from "../support";
import { deskSite, say } from "./desk-support";
import { admin, signedIn } from "./support";

let site: TestSite;
let cookie: string;

function get(path: string, ifNoneMatch?: string): Promise<Response> {
  const headers = new Headers({ Cookie: `palabre_session=${cookie}` });
  if (ifNoneMatch) headers.set("If-None-Match", ifNoneMatch);
  return api(`/api/admin${path}`, { headers });
}

beforeAll(async () => {
  site = await deskSite({ settings: { premoderation: true } });
  cookie = (await signedIn({ [site.id]: "moderator" })).cookie;
  await admin(`/sites/${site.id}/reply-templates`, { cookie, body: { title: "Merci", body: "Merci !" } });
});

const reads = () => [
  "/overview",
  `/sites/${site.id}/queues/pending`,
  `/sites/${site.id}/queues/to-answer`,
  "/queues/to-answer",
  `/sites/${site.id}/answer-times`,
  `/sites/${site.id}/reply-templates`,
];

describe("every staff read the dashboard polls", () => {
  it("answers 200 with an ETag, then 304 with no body to the same ETag, then 200 again when a comment is held", async () => {
    const first = new Map<string, string>();
    for (const path of reads()) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("Cache-Control"), path).toBe("private, no-cache");
      const etag = res.headers.get("ETag");
      expect(etag, path).toMatch(/^(W\/)?"[^"]+"$/);
      first.set(path, etag!);

      const again = await get(path, etag!);
      expect(again.status, path).toBe(304);
      expect(await again.text(), path).toBe("");
      expect(again.headers.get("ETag"), path).toBe(etag);
      expect(again.headers.get("Cache-Control"), path).toBe("private, no-cache");
      // a weak form of the same tag, as a proxy that compresses may send it back, matches too
      expect((await get(path, `W/${etag!.replace(/^W\//, "")}`)).status, path).toBe(304);
    }

    // a new held question: the home and the Pending queue change, and so do their ETags
    await say(site, "etag-1", "Une question retenue ?");
    for (const path of ["/overview", `/sites/${site.id}/queues/pending`]) {
      const res = await get(path, first.get(path));
      expect(res.status, path).toBe(200);
      const etag = res.headers.get("ETag");
      expect(etag, path).not.toBe(first.get(path));
      expect((await get(path, etag!)).status, path).toBe(304);
    }
    // the queues carry the counts of all queues, so To answer changes too (its Pending badge)
    const toAnswer = `/sites/${site.id}/queues/to-answer`;
    expect((await get(toAnswer, first.get(toAnswer))).status).toBe(200);
    // what the comment does not touch stays as it was
    for (const path of [`/sites/${site.id}/reply-templates`, "/queues/to-answer"]) {
      expect((await get(path, first.get(path))).status, path).toBe(304);
    }
  });

  it("a stale or foreign ETag gets the full answer", async () => {
    const res = await get("/overview", '"not-the-current-one"');
    expect(res.status).toBe(200);
    expect(res.headers.get("ETag")).toBeTruthy();
  });

  it("refusals carry no ETag and are never cached either", async () => {
    const res = await api(`/api/admin/sites/${site.id}/queues/to-answer?limit=0`, { headers: { Cookie: `palabre_session=${cookie}` } });
    expect(res.status).toBe(400);
    expect(res.headers.get("ETag")).toBeNull();
    expect(res.headers.get("Cache-Control")).toBe("private, no-cache");
  });
});
