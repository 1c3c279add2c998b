// Queue requests that cannot be answered: unknown queue, foreign cursor, bad limit.
import { beforeAll, expect, it } from "vitest";
import type { QueueResponse } from "../../../worker/schemas/admin-views";
import { createSite, errorOf, json } from "../support";
import { admin, seedScene, signedIn } from "./support";

let siteId: string;
let cookie: string;

beforeAll(async () => {
  siteId = (await createSite()).id;
  await seedScene(siteId, 100);
  cookie = (await signedIn({ [siteId]: "moderator" })).cookie;
});

it("refuses an unknown queue: 400 naming the queues", async () => {
  const res = await admin(`/sites/${siteId}/queues/spam`, { cookie });
  expect(res.status).toBe(400);
  const error = await errorOf(res);
  expect(error.code).toBe("validation_failed");
  expect(error.message).toContain("pending");
});

it("refuses a cursor made for another queue, or made up", async () => {
  const recent = await json<QueueResponse>(await admin(`/sites/${siteId}/queues/recent?limit=1`, { cookie }));
  expect(recent.nextCursor).not.toBeNull();
  for (const [queue, cursor] of [
    ["pending", recent.nextCursor!],
    ["featured", recent.nextCursor!],
    ["recent", "not-a-cursor"],
    ["recent", btoa("recent:-1")],
  ]) {
    const res = await admin(`/sites/${siteId}/queues/${queue}?cursor=${encodeURIComponent(cursor)}`, { cookie });
    expect(res.status, `${queue} ${cursor}`).toBe(400);
    expect((await errorOf(res)).code).toBe("invalid_cursor");
  }
});

it("refuses a limit outside 1..100", async () => {
  for (const limit of ["0", "101", "ten", "1.5"]) {
    const res = await admin(`/sites/${siteId}/queues/pending?limit=${limit}`, { cookie });
    expect(res.status, limit).toBe(400);
    expect((await errorOf(res)).issues?.[0]?.path).toEqual(["limit"]);
  }
});
