// The dashboard's trust-and-safety logic without a browser: the grounds a moderator is offered and
// in which order, the words of a ground the API sends back, the older reason said from the ground,
// one Legal notices item per comment, and the oldest-first order of the two DSA queues.
import { describe, expect, it } from "vitest";
import { LEGAL_GROUNDS } from "../../common/dsa/grounds";
import { groupNotices } from "../../dashboard/dsa-types";
import { groundLabel, groundOptions, lastGround, reasonOf } from "../../dashboard/grounds";
import { en } from "../../dashboard/locales/en";
import { fr } from "../../dashboard/locales/fr";
import { inOrder } from "../../dashboard/queue-store";
import type { QueueItem } from "../../worker/schemas/admin-views";

const clauses = ["No personal attacks", "Stay on topic"];

describe("the grounds offered when rejecting", () => {
  it("lists the site's clauses, then the charter, then every legal ground", () => {
    const options = groundOptions(en, clauses);
    expect(options.map((o) => o.code)).toEqual(["clause:1", "clause:2", "charter", ...LEGAL_GROUNDS]);
    expect(options[0]).toEqual({ code: "clause:1", kind: "terms", label: "Clause 1: No personal attacks" });
    expect(options.filter((o) => o.kind === "illegal")).toHaveLength(9);
  });

  it("offers no clause for a selection across sites (their clauses differ)", () => {
    expect(groundOptions(en, null).map((o) => o.code)).toEqual(["charter", ...LEGAL_GROUNDS]);
  });

  it("has words for every legal ground in both languages", () => {
    for (const g of LEGAL_GROUNDS) {
      expect(en.legalGrounds[g]).toBeTruthy();
      expect(fr.legalGrounds[g]).toBeTruthy();
      expect(fr.legalGrounds[g]).not.toBe(en.legalGrounds[g]);
    }
  });

  it("starts on the charter when nothing was used on the site (or storage is refused)", () => {
    expect(lastGround("a-site-never-seen", groundOptions(en, clauses))).toBe("charter");
    expect(lastGround(null, groundOptions(en, clauses))).toBe("charter");
  });
});

describe("a ground's words", () => {
  it("names the charter, a clause (with its text when known) and a legal ground", () => {
    expect(groundLabel(fr, "charter")).toBe("La charte du site");
    expect(groundLabel(en, "clause:2", clauses)).toBe("Clause 2: Stay on topic");
    expect(groundLabel(en, "clause:7", clauses)).toBe("Charter, clause 7");
    expect(groundLabel(fr, "defamation")).toBe("Diffamation");
    // An unknown code is shown as it is rather than hidden.
    expect(groundLabel(en, "something_new")).toBe("something_new");
  });

  it("says the older reason from the ground, so that nobody picks twice", () => {
    expect(reasonOf("charter")).toBe("charter");
    expect(reasonOf("clause:3")).toBe("charter");
    expect(reasonOf("hate_speech")).toBe("abuse");
    expect(reasonOf("harassment")).toBe("abuse");
    expect(reasonOf("copyright")).toBe("other");
  });
});

const notice = (id: number, commentId: number): QueueItem =>
  ({ comment: { id: commentId }, notice: { id, reference: `N-${id}`, ground: "defamation" } }) as unknown as QueueItem;

describe("the Legal notices queue", () => {
  it("shows one item per comment, its further notices riding along", () => {
    const page = { items: [notice(1, 10), notice(2, 11), notice(3, 10)], nextCursor: null };
    const grouped = groupNotices(page);
    expect(grouped.items.map((i) => i.comment.id)).toEqual([10, 11]);
    const first = grouped.items[0] as QueueItem & { otherNotices: { reference: string }[] };
    expect(first.otherNotices.map((n) => n.reference)).toEqual(["N-3"]);
    // The answer itself is untouched: a 304 hands the same object back next time.
    expect(page.items).toHaveLength(3);
    expect(groupNotices(groupNotices(page)).items).toHaveLength(2);
  });

  it("keeps notices and appeals oldest first, by their own ids", () => {
    const items = [notice(5, 1), notice(2, 9), notice(9, 4)];
    expect(inOrder("notices", items).map((i) => i.comment.id)).toEqual([9, 1, 4]);
    const appeal = (id: number, commentId: number) => ({ comment: { id: commentId }, appeal: { id } }) as unknown as QueueItem;
    expect(inOrder("appeals", [appeal(3, 1), appeal(1, 2)]).map((i) => i.comment.id)).toEqual([2, 1]);
  });
});
