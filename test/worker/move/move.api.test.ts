// A move seen by readers through the Worker: comments posted while the site copies arrive in its
// new home, a post during the switch is answered 503 (try again) and leaves nothing, and after the
// move the thread reads and takes posts from DB_2, with the same comment ids.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { moveSite } from "../../../worker/services/move";
import { comment, createSite, getThread, post, postOk } from "../support";
import { rowCount, snapshot } from "./seed";

describe("a move under the readers' feet", () => {
  it("carries what they post while it copies, answers 503 during the switch, then serves them from DB_2", async () => {
    const site = await createSite();
    const first = await postOk(site, comment("story-1", "Avant le déménagement"));
    let during: Awaited<ReturnType<typeof postOk>> | undefined;
    let refused: { status: number; retry: string | null; rows: number } | undefined;
    await moveSite(env, {
      site: site.id,
      to: "DB_2",
      at: async (step) => {
        if (step === "copied") during = await postOk(site, comment("story-1", "Pendant la copie", "Léo", { parentId: first.comment.id }));
        if (step === "switching") {
          const res = await post(site, comment("story-2", "Pendant la bascule"));
          refused = { status: res.status, retry: res.headers.get("Retry-After"), rows: (await snapshot(site.id, "DB")).stories!.length };
        }
      },
    });
    expect(refused).toEqual({ status: 503, retry: "5", rows: 1 });
    expect(await rowCount(site.id, "DB")).toBe(0);

    const res = await getThread(site, { story: "story-1" });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("Avant le déménagement");
    expect(text).toContain("Pendant la copie");
    expect(text).toContain(`"id":${first.comment.id}`);

    const after = await postOk(site, comment("story-1", "Après"));
    expect(after.comment.id).toBeGreaterThan(during!.comment.id);
    expect(await env.DB_2.prepare("SELECT count(*) AS n FROM comments WHERE site_id = ?").bind(site.id).first("n")).toBe(3);
  });
});
