// Who the widget asks to pass the bot check (widget/comments/bot-rule.ts), as the worker decides it:
// every guest post, a report or like only from a reader with neither a reader token nor a sign-in,
// every notice; nobody on a site without the check.
import { describe, expect, it } from "vitest";
import { botCheckNeeded, type Guarded } from "../../widget/comments/bot-rule";

const asked = (on: boolean, signedIn: boolean, hasToken: boolean) =>
  (["post", "act", "any"] as Guarded[]).filter((k) => botCheckNeeded(k, on, signedIn, hasToken));

describe("the bot check's rule in the widget", () => {
  it("asks nothing on a site without the check", () => {
    expect(asked(false, false, false)).toEqual([]);
    expect(asked(false, true, true)).toEqual([]);
  });

  it("asks a new reader for everything", () => {
    expect(asked(true, false, false)).toEqual(["post", "act", "any"]);
  });

  it("asks a reader with a guest token for posts and notices, not for likes and reports", () => {
    expect(asked(true, false, true)).toEqual(["post", "any"]);
  });

  it("asks a signed-in reader only for notices, which are open to anyone", () => {
    expect(asked(true, true, false)).toEqual(["any"]);
    expect(asked(true, true, true)).toEqual(["any"]);
  });
});
