// Reports obey the site's origins like posting, and never reach another site's comments.
import { beforeAll, describe, expect, it } from "vitest";
import type { PostCommentResponse } from "../../../worker/schemas/views";
import { api, comment, createSite, errorOf, json, postAs, refusedWithoutWrite, report, sitePath, type TestSite } from "../support";

let journal: TestSite;
let band: TestSite;
let journalComment: PostCommentResponse;

beforeAll(async () => {
  journal = await createSite();
  band = await createSite();
  journalComment = await json<PostCommentResponse>(await postAs(journal, comment("s", "journal's"), {}));
});

describe("origins", () => {
  it("refuses a report without an Origin (403 origin_required)", async () => {
    const res = await refusedWithoutWrite(() => report(journal, journalComment.comment.id, { reason: "spam" }, { origin: null }));
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("origin_required");
  });

  it("refuses a report from another origin, with no CORS grant", async () => {
    for (const origin of ["https://evil.example", band.origin]) {
      const res = await refusedWithoutWrite(() => report(journal, journalComment.comment.id, { reason: "spam" }, { origin }));
      expect(res.status).toBe(403);
      expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
    }
  });

  it("grants the site's origin, and its preflight allows the Authorization header", async () => {
    const res = await report(journal, journalComment.comment.id, { reason: "spam" }, { ip: "192.0.2.1" });
    expect(res.status).toBe(201);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(journal.origin);
    const preflight = await api(sitePath(journal, `/comments/${journalComment.comment.id}/reports`), {
      method: "OPTIONS",
      origin: journal.origin,
      headers: { "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type, authorization" },
    });
    expect(preflight.status).toBe(204);
    const allowed = (preflight.headers.get("Access-Control-Allow-Headers") ?? "").toLowerCase();
    expect(allowed).toContain("authorization");
  });
});

describe("isolation", () => {
  it("another site's comment is unknown (404), even with a token of that site", async () => {
    const res = await refusedWithoutWrite(() => report(band, journalComment.comment.id, { reason: "spam" }, { ip: "192.0.2.2" }));
    expect(res.status).toBe(404);
    // The journal's token means nothing on the band's site.
    const withToken = await refusedWithoutWrite(() =>
      report(band, journalComment.comment.id, { reason: "spam" }, { token: journalComment.commenterToken }),
    );
    expect(withToken.status).toBe(401);
  });
});
