// The pipeline: phases in the order; the first that decides ends it, else published.
import { describe, expect, it } from "vitest";
import { moderate } from "../../../worker/moderation/pipeline";
import { NOW, facts } from "./facts";

describe("moderate", () => {
  it("publishes with no reasons when no phase decides", () => {
    expect(moderate(facts())).toEqual({ outcome: "store", status: "published", reasons: [] });
  });

  // Each row sets off every rule from its own on: the expected code is the first in the order.
  const everything = facts({
    rules: {
      bannedWords: ["connard"],
      suspectWords: ["arnaque"],
      maxLinks: 0,
      newCommenterHold: 3,
      premoderation: true,
      floodMaxPerAuthor: 1,
    },
    body: "connard arnaque https://a.example",
    story: { status: "closed", premoderation: null, firstCommentAt: null },
    author: { bannedUntil: NOW + 1000, banReason: "x", commentCount: 0, approvedCount: 0, premoderate: true },
    byAuthor: { count: 1, nthAt: NOW - 1000 },
    lastDuplicateAt: NOW - 1000,
  });
  const order: [string, object][] = [
    ["story_closed", {}],
    ["author_banned", { story: null }],
    ["flood", { story: null, author: { ...everything.author!, bannedUntil: null } }],
    ["duplicate", { story: null, author: { ...everything.author!, bannedUntil: null }, byAuthor: null }],
    ["charter_violation", { story: null, author: null, byAuthor: null, lastDuplicateAt: null }],
    ["suspect_words", { story: null, author: null, byAuthor: null, lastDuplicateAt: null, body: "arnaque https://a.example" }],
    ["links", { story: null, author: null, byAuthor: null, lastDuplicateAt: null, body: "https://a.example" }],
    ["new_commenter", { story: null, author: null, byAuthor: null, lastDuplicateAt: null, body: "fine" }],
    [
      "premoderation/author",
      {
        story: null,
        author: { bannedUntil: null, banReason: null, commentCount: 0, approvedCount: 1, premoderate: true },
        byAuthor: null,
        lastDuplicateAt: null,
        body: "fine",
      },
    ],
    [
      "premoderation/site",
      {
        story: null,
        author: { bannedUntil: null, banReason: null, commentCount: 0, approvedCount: 1, premoderate: false },
        byAuthor: null,
        lastDuplicateAt: null,
        body: "fine",
      },
    ],
  ];
  for (const [code, over] of order) {
    it(`decides ${code} when every earlier phase passes`, () => {
      const d = moderate({ ...everything, ...over });
      if (d.outcome === "refuse") expect(d.code).toBe(code);
      // "code/detail" where the detail tells two phases with one reason code apart.
      else expect(d.reasons.map((r) => (code.includes("/") ? `${r.code}/${r.detail}` : r.code))).toEqual([code]);
    });
  }

  it("stores a confirmed charter violation as rejected, before the holding phases", () => {
    const d = moderate({ ...everything, story: null, author: null, byAuthor: null, lastDuplicateAt: null, confirm: true });
    expect(d).toEqual({ outcome: "store", status: "rejected", reasons: [{ code: "banned_words", detail: "connard" }] });
  });
});
