// Telling a story's live readers (worker/live/story-live.ts) that something they can see changed.
// Called after a write has committed, never before: a notice is a hint to read again, so one sent
// for a write that then failed would make every reader read for nothing. Reactions send none: a
// like changes a count that readers do not need at once, and a popular story would wake its object
// (and every reader) for each of them; the widget's poll brings counts.
import type { LiveNotice } from "../../common/live";
import type { Env } from "../env";

/** The object of one story: one per site and key, created by its first reader or its first notice. */
export function liveStub(env: Pick<Env, "STORY_LIVE">, siteId: string, storyKey: string) {
  // A newline cannot be in a site id, so no two (site, key) pairs share a name.
  return env.STORY_LIVE.get(env.STORY_LIVE.idFromName(`${siteId}\n${storyKey}`));
}

/** What a write hands its notices to: called after the write committed, for each story it changed. */
export type StoryNotifier = (storyKey: string, notice: LiveNotice) => void;

/**
 * Sends the notice without delaying the writer's answer (waitUntil): a failure is logged (the log
 * line carries the request id) and never fails the write, since readers catch up through the API.
 */
export function notifyStory(
  env: Pick<Env, "STORY_LIVE">,
  waitUntil: (promise: Promise<unknown>) => void,
  siteId: string,
  storyKey: string,
  notice: LiveNotice,
): void {
  let sending: Promise<unknown>;
  try {
    sending = liveStub(env, siteId, storyKey).notify(notice);
  } catch (err) {
    sending = Promise.reject(err);
  }
  waitUntil(
    sending.catch((err: unknown) => {
      console.error("live notice not sent", siteId, notice, err);
    }),
  );
}

/** A route's notifier for one site: its Worker's bindings and request context. */
export function storyNotifier(
  c: { env: Pick<Env, "STORY_LIVE">; readonly executionCtx: { waitUntil(promise: Promise<unknown>): void } },
  siteId: string,
): StoryNotifier {
  let wait: (promise: Promise<unknown>) => void;
  try {
    const ctx = c.executionCtx;
    wait = (p) => ctx.waitUntil(p);
  } catch {
    // Called without an execution context (a test calling app.fetch): the notice is sent, and
    // nothing keeps the request alive for it (its failure is still logged).
    wait = () => {};
  }
  return (storyKey, notice) => notifyStory(c.env, wait, siteId, storyKey, notice);
}
