// notifyStory: a notice never delays nor fails the write that sends it. Whatever goes wrong on the
// way to the story's object (the stub, the call) ends in one log line, inside waitUntil.
import { afterEach, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { notifyStory } from "../../../worker/live/notify";
import type { Env } from "../../../worker/env";

afterEach(() => vi.restoreAllMocks());

/** A namespace whose object fails as `how` says, as the binding would when the object is unreachable. */
function failing(how: "throws" | "rejects"): Pick<Env, "STORY_LIVE"> {
  const stub = {
    notify: () =>
      how === "throws"
        ? (() => {
            throw new Error("no object");
          })()
        : Promise.reject(new Error("object reset")),
  };
  return { STORY_LIVE: { idFromName: (name: string) => env.STORY_LIVE.idFromName(name), get: () => stub } as never };
}

describe("notifyStory", () => {
  it.each(["throws", "rejects"] as const)("logs a notice that could not be sent (the call %s), and throws nothing", async (how) => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const waited: Promise<unknown>[] = [];
    expect(() => notifyStory(failing(how), (p) => waited.push(p), "site-x", "story", { t: "new", id: 7, root: null })).not.toThrow();
    expect(waited).toHaveLength(1);
    await expect(waited[0]).resolves.toBeUndefined();
    expect(logged).toHaveBeenCalledWith("live notice not sent", "site-x", { t: "new", id: 7, root: null }, expect.any(Error));
  });

  it("hands the real call to waitUntil: the writer does not wait for it", async () => {
    const waited: Promise<unknown>[] = [];
    notifyStory(env, (p) => waited.push(p), "site-y", "story", { t: "changed", id: 3 });
    expect(waited).toHaveLength(1);
    await expect(waited[0]).resolves.toBe(0);
  });
});
