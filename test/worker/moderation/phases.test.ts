// Each phase of the pipeline on its own: what it decides, and what it lets through untouched.
import { describe, expect, it } from "vitest";
import { BAN_FOREVER } from "../../../worker/db/commenters";
import { authorBanned } from "../../../worker/moderation/author-banned";
import { bannedWords } from "../../../worker/moderation/banned-words";
import { duplicate } from "../../../worker/moderation/duplicate";
import { flood } from "../../../worker/moderation/flood";
import { countLinks, links } from "../../../worker/moderation/links";
import { newCommenter } from "../../../worker/moderation/new-commenter";
import { premoderation } from "../../../worker/moderation/premoderation";
import { authorPremoderation } from "../../../worker/moderation/author-premoderation";
import { storyClosed } from "../../../worker/moderation/story-closed";
import { suspectWords } from "../../../worker/moderation/suspect-words";
import type { Decision, ModerationFacts, Phase } from "../../../worker/moderation/types";
import { NOW, facts } from "./facts";

const DAY = 86_400_000;
const held = (code: string, detail?: string): Decision => ({
  outcome: "store",
  status: "pending",
  reasons: [detail === undefined ? { code: code as never } : { code: code as never, detail }],
});

type Row = [what: string, facts: ModerationFacts, expected: Decision | null | ((d: Decision | null) => void)];

function table(phase: Phase, rows: Row[]) {
  for (const [what, f, expected] of rows) {
    it(what, () => {
      const decision = phase(f);
      if (typeof expected === "function") expected(decision);
      else expect(decision).toEqual(expected);
    });
  }
}

const refused = (status: number, code: string) => (d: Decision | null) => {
  expect(d).toMatchObject({ outcome: "refuse", status, code, message: expect.any(String) });
};

describe("1. story closed", () => {
  table(storyClosed, [
    [
      "refuses a story closed by hand",
      facts({ story: { status: "closed", premoderation: null, firstCommentAt: null } }),
      refused(403, "story_closed"),
    ],
    ["passes an open story", facts(), null],
    ["passes a story that does not exist yet", facts({ story: null }), null],
    [
      "refuses N days after the first comment",
      facts({ rules: { closeAfterDays: 3 }, story: { status: "open", premoderation: null, firstCommentAt: NOW - 3 * DAY } }),
      refused(403, "story_closed"),
    ],
    [
      "passes one millisecond before",
      facts({ rules: { closeAfterDays: 3 }, story: { status: "open", premoderation: null, firstCommentAt: NOW - 3 * DAY + 1 } }),
      null,
    ],
    [
      "passes a story with no comment yet, however old",
      facts({ rules: { closeAfterDays: 1 }, story: { status: "open", premoderation: null, firstCommentAt: null } }),
      null,
    ],
    [
      "never closes by itself with closeAfterDays 0",
      facts({ rules: { closeAfterDays: 0 }, story: { status: "open", premoderation: null, firstCommentAt: NOW - 3000 * DAY } }),
      null,
    ],
  ]);
});

describe("2. author banned or suspended", () => {
  const author = (bannedUntil: number | null, banReason: string | null = null) =>
    facts({ author: { bannedUntil, banReason, commentCount: 3, approvedCount: 3, premoderate: false } });
  table(authorBanned, [
    [
      "refuses a suspended author, saying until when and why",
      author(NOW + DAY, "insults"),
      (d) =>
        expect(d).toMatchObject({
          outcome: "refuse",
          status: 403,
          code: "author_banned",
          details: { until: new Date(NOW + DAY).toISOString(), reason: "insults" },
        }),
    ],
    [
      "refuses a banned author with until null (for good)",
      author(BAN_FOREVER, "spam"),
      (d) => expect(d).toMatchObject({ code: "author_banned", details: { until: null, reason: "spam" } }),
    ],
    [
      "leaves the reason out when none was given",
      author(BAN_FOREVER),
      (d) => expect(d).toMatchObject({ code: "author_banned", details: { until: null } }),
    ],
    [
      "gives no reason key when none was given",
      author(NOW + DAY),
      (d) => expect((d as { details: object }).details).toEqual({ until: new Date(NOW + DAY).toISOString() }),
    ],
    ["passes once the suspension has ended (at its end)", author(NOW), null],
    ["passes an author never banned", author(null), null],
    ["passes a new guest", facts({ author: null }), null],
  ]);
});

describe("3. flood", () => {
  const rules = { floodMaxPerAuthor: 5, floodMaxPerIp: 20, floodWindowSeconds: 60 };
  table(flood, [
    ["passes the author's 5th comment in the window (4 before it)", facts({ rules, byAuthor: { count: 4, nthAt: null } }), null],
    [
      "refuses the 6th, with the seconds until the 5th newest leaves the window",
      facts({ rules, byAuthor: { count: 5, nthAt: NOW - 45_000 } }),
      { outcome: "refuse", status: 429, code: "flood", message: expect.any(String), details: { retryAfter: 15 } },
    ],
    [
      "rounds the wait up to whole seconds",
      facts({ rules, byAuthor: { count: 7, nthAt: NOW - 59_500 } }),
      (d) => expect(d).toMatchObject({ details: { retryAfter: 1 } }),
    ],
    ["passes the IP's 20th comment", facts({ rules, byIp: { count: 19, nthAt: null } }), null],
    [
      "refuses the IP's 21st",
      facts({ rules, byIp: { count: 20, nthAt: NOW - 1000 } }),
      (d) => expect(d).toMatchObject({ code: "flood", details: { retryAfter: 59 } }),
    ],
    [
      "waits for the longer of the two when both are over",
      facts({ rules, byAuthor: { count: 5, nthAt: NOW - 50_000 }, byIp: { count: 20, nthAt: NOW - 20_000 } }),
      (d) => expect(d).toMatchObject({ details: { retryAfter: 40 } }),
    ],
    ["passes when the IP is unknown", facts({ rules, byIp: null }), null],
    ["passes a new guest (no author window)", facts({ rules, byAuthor: null }), null],
    ["treats a maximum of 0 as no limit", facts({ rules: { ...rules, floodMaxPerAuthor: 0 }, byAuthor: { count: 50, nthAt: NOW } }), null],
  ]);
});

describe("4. duplicate", () => {
  const rules = { duplicateWindowSeconds: 3600 };
  table(duplicate, [
    ["refuses the same text a minute later", facts({ rules, lastDuplicateAt: NOW - 60_000 }), refused(409, "duplicate")],
    ["refuses it just inside the window", facts({ rules, lastDuplicateAt: NOW - 3_600_000 + 1 }), refused(409, "duplicate")],
    ["passes it once the window is over", facts({ rules, lastDuplicateAt: NOW - 3_600_000 }), null],
    ["passes a text never posted", facts({ rules, lastDuplicateAt: null }), null],
  ]);
});

describe("5. banned words", () => {
  const rules = { bannedWords: ["connard", "enfoiré"], charter: "Be kind." };
  table(bannedWords, [
    [
      "refuses with the words and the charter (nothing stored)",
      facts({ rules, body: "Quel CONNÂRD, cet enfoire!" }),
      {
        outcome: "refuse",
        status: 422,
        code: "charter_violation",
        message: expect.any(String),
        details: { words: ["connard", "enfoiré"], charter: "Be kind." },
      },
    ],
    [
      "stores it as rejected with confirm: true",
      facts({ rules, body: "Connard!", confirm: true }),
      { outcome: "store", status: "rejected", reasons: [{ code: "banned_words", detail: "connard" }] },
    ],
    ["passes a word that merely contains one", facts({ rules, body: "Des connards et un déconnard" }), null],
    ["passes clean text", facts({ rules }), null],
    ["passes anything when the list is empty", facts({ body: "connard" }), null],
  ]);
});

describe("6. suspect words", () => {
  const rules = { suspectWords: ["arnaque", "escroc"] };
  table(suspectWords, [
    ["holds a comment with one, naming it", facts({ rules, body: "C'est une arnaque." }), held("suspect_words", "arnaque")],
    ["holds whatever the case and accents", facts({ rules, body: "ÉSCROC !" }), held("suspect_words", "escroc")],
    ["names each word found", facts({ rules, body: "Escroc, arnaque." }), held("suspect_words", "escroc, arnaque")],
    ["passes a word that contains one", facts({ rules, body: "Les arnaqueurs, l'escroquerie" }), null],
    ["passes clean text", facts({ rules }), null],
  ]);
});

describe("7. links", () => {
  const three = "https://a.example https://b.example/x?y=1 www.c.example";
  const four = `${three} http://d.example`;
  table(links, [
    ["passes up to maxLinks links", facts({ rules: { maxLinks: 3 }, body: three }), null],
    ["holds more than maxLinks", facts({ rules: { maxLinks: 3 }, body: four }), held("links", "4")],
    ["holds any link with maxLinks 0", facts({ rules: { maxLinks: 0 }, body: "see https://a.example" }), held("links", "1")],
    [
      "holds a single link when links are pre-moderated",
      facts({ rules: { premoderateLinks: true }, body: "see https://a.example" }),
      held("links", "1"),
    ],
    [
      "passes text without links even when links are pre-moderated",
      facts({ rules: { premoderateLinks: true }, body: "no link, just example.com" }),
      null,
    ],
  ]);

  it("counts http(s) URLs and www. addresses, each once", () => {
    expect(countLinks("https://www.a.example/x")).toBe(1);
    expect(countLinks("HTTP://A.EXAMPLE and WWW.B.EXAMPLE")).toBe(2);
    expect(countLinks("mail me: me@www.a.example")).toBe(0);
    expect(countLinks("ftp://a.example, javascript:alert(1), example.com, www.")).toBe(0);
  });
});

describe("8. new commenters", () => {
  const rules = { newCommenterHold: 2 };
  const author = (commentCount: number, approvedCount: number) =>
    facts({ rules, author: { bannedUntil: null, banReason: null, commentCount, approvedCount, premoderate: false } });
  table(newCommenter, [
    ["holds a new guest's first comment", facts({ rules, author: null }), held("new_commenter")],
    ["holds the second while none is approved", author(1, 0), held("new_commenter")],
    ["passes the third: the first two were held already", author(2, 0), null],
    ["passes once one is approved", author(1, 1), null],
    ["is off with newCommenterHold 0", facts({ rules: { newCommenterHold: 0 }, author: null }), null],
  ]);
});

describe("9a. a person staff pre-moderate", () => {
  const person = (premoderate: boolean) => ({ bannedUntil: null, banReason: null, commentCount: 12, approvedCount: 12, premoderate });
  table(authorPremoderation, [
    ["holds every comment of a pre-moderated person", facts({ author: person(true) }), held("premoderation", "author")],
    [
      "holds them even on a story opened (0) to all",
      facts({ author: person(true), story: { status: "open", premoderation: 0, firstCommentAt: null } }),
      held("premoderation", "author"),
    ],
    ["passes a person who is not", facts({ author: person(false), rules: { premoderation: false } }), null],
    ["passes a new guest (nobody chose to hold them yet)", facts({ author: null }), null],
  ]);
});

describe("9. a priori moderation", () => {
  const story = (premoderation: number | null) => ({ status: "open" as const, premoderation, firstCommentAt: null });
  table(premoderation, [
    ["holds every comment of a pre-moderated site", facts({ rules: { premoderation: true } }), held("premoderation", "site")],
    ["holds on a pre-moderated story of an open site", facts({ story: story(1) }), held("premoderation", "story")],
    ["passes a story opened (0) on a pre-moderated site", facts({ rules: { premoderation: true }, story: story(0) }), null],
    ["holds a new story of a pre-moderated site", facts({ rules: { premoderation: true }, story: null }), held("premoderation", "site")],
    ["passes when neither asks for it", facts(), null],
  ]);
});
