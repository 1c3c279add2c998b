// The "asks something" rule of the To answer queue: a question mark in the author's own words.
import { describe, expect, it } from "vitest";
import { asksQuestion } from "../../common/text/question";

describe("asksQuestion", () => {
  it.each([
    ["Quid des tarifs ?", true],
    ["Any chance of an **acoustic set** like in 2024?", true],
    ["Pourquoi *vraiment* ?", true],
    ["Une question en chinois ？", true],
    ["> Pourquoi ?\n\nParce que.", false],
    ["Lisez https://example.org/page?id=3 avant tout.", false],
    ["C'est ici : https://example.org/faq?", true],
    ["Rien à demander.", false],
    ["> Vraiment ?\n> Oui ?\n\nSi, vraiment.\n\n> Encore ?", false],
    ["Première ligne.\nEt la suite ?", true],
  ])("%j → %s", (body, expected) => {
    expect(asksQuestion(body)).toBe(expected);
  });
});
