// Whole-word matching of the site's lists: blind to case and accents, never inside another word.
import { describe, expect, it } from "vitest";
import { findListedWords, foldForMatching } from "../../../worker/moderation/words";

const LIST = ["connard", "enfoiré", "gros con", "arnaque"];

describe("findListedWords", () => {
  const cases: [string, string, string[]][] = [
    ["the word alone", "connard", ["connard"]],
    ["upper case with an accent added", "CONNÂRD", ["connard"]],
    ["followed by punctuation", "Connard!", ["connard"]],
    ["in parentheses and quotes", "(connard) «connard»", ["connard"]],
    ["after an apostrophe", "quel l'enfoiré", ["enfoiré"]],
    ["without its accent", "enfoire", ["enfoiré"]],
    ["with a decomposed accent", "enfoire\u0301", ["enfoiré"]],
    ["upper case, accent on a capital", "ENFOIRÉ", ["enfoiré"]],
    ["joined by a hyphen", "connard-là", ["connard"]],
    ["full-width letters", "ｃｏｎｎａｒｄ", ["connard"]],
    ["a zero-width space inside", "conn\u200Bard", ["connard"]],
    ["a soft hyphen inside", "conn\u00ADard", ["connard"]],
    ["a phrase across several spaces and a newline", "Quel gros \n  CON", ["gros con"]],
    ["each word once, in order of appearance", "arnaque, connard, ARNAQUE", ["arnaque", "connard"]],
    ["at the start and end of the text", "connard et arnaque", ["connard", "arnaque"]],
  ];
  for (const [what, text, expected] of cases) {
    it(`finds ${what}`, () => expect(findListedWords(text, LIST)).toEqual(expected));
  }

  const passes: [string, string][] = [
    ["a plural (another word)", "des connards"],
    ["a word that contains it", "déconnard"],
    ["a prefix only", "connar"],
    ["the word glued to a digit", "connard2"],
    ["a word starting with it", "arnaqueur"],
    ["part of a phrase only", "gros contrat"],
    ["a text without any", "Un avis tranquille, argumenté."],
  ];
  for (const [what, text] of passes) {
    it(`leaves ${what}`, () => expect(findListedWords(text, LIST)).toEqual([]));
  }

  it("matches nothing with an empty list or blank entries", () => {
    expect(findListedWords("connard", [])).toEqual([]);
    expect(findListedWords("connard", ["  ", "\u0301"])).toEqual([]);
  });

  it("treats the list's own spelling as the same word, whatever its case and accents", () => {
    expect(findListedWords("escroc", ["ÉSCROC"])).toEqual(["ÉSCROC"]);
    expect(findListedWords("a.b", ["a.b"])).toEqual(["a.b"]); // regex characters are literal
    expect(findListedWords("axb", ["a.b"])).toEqual([]);
  });

  it("folds ligatures and dotless letters to their plain spelling", () => {
    expect(foldForMatching("Cœur ÆON straße")).toBe("coeur aeon strasse");
  });
});
