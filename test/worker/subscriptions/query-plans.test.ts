// The notification queries read their own indexes: no scan of comments, tokens or notifications.
import { expect, it } from "vitest";
import {
  claimGroup,
  insertFeaturedNotifications,
  insertPendingSubscription,
  insertReplyNotifications,
  selectDueGroups,
  selectToken,
} from "../../../worker/db/subscriptions";
import { explaining, planOf } from "../plans";

// A scan of a table (or of a whole index) with no search. SCAN CONSTANT ROW is an INSERT's VALUES;
// the due groups walk reply_notifications_due, a partial index holding only what is not mailed yet.
const scans = (plan: string[]) =>
  plan.filter((s) => /^SCAN /.test(s) && s !== "SCAN CONSTANT ROW" && !/^SCAN n USING INDEX reply_notifications_due$/.test(s));

it("the flood-limited subscription reads the address's tokens by index", async () => {
  const [address, subscription, token] = insertPendingSubscription(explaining, {
    siteId: "s",
    commenterId: 1,
    email: "a@example.org",
    locale: "en",
    commentId: 1,
    tokenHash: "h",
    expiresAt: 1,
    now: 1,
    since: 0,
    max: 3,
  });
  for (const st of [address!, subscription!, token!]) {
    const plan = await planOf(st);
    expect(scans(plan), plan.join("\n")).toEqual([]);
    expect(plan.join("\n")).toContain("notify_addresses_email");
  }
});

it("recording, the due groups, claiming and a token's look-up use indexes", async () => {
  const statements = [
    ...insertReplyNotifications(explaining, "s", [1, 2, 3], 1),
    insertFeaturedNotifications(explaining, "s", 1, 1),
    selectDueGroups(explaining, 1, 3600_000, 50),
    ...claimGroup(explaining, { addressId: 1, threadId: 1, now: 1, windowMs: 3600_000 }),
    selectToken(explaining, "s", "h", "confirm"),
  ];
  for (const st of statements) {
    const plan = await planOf(st);
    expect(scans(plan), plan.join("\n")).toEqual([]);
  }
});
