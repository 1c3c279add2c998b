// The shared text rules: what a name may hold, beside the rules every text follows.
import { describe, expect, it } from "vitest";
import { findNameProblem, findTextProblem } from "../../common/text/rules";

describe("findNameProblem", () => {
  it("passes ordinary names, in any script, with the joiners and marks they need", () => {
    for (const name of ["Ana", "Zoë", "李小龍", "محمد\u200F", "👩\u200D💻", "Ana Bel"]) expect(findNameProblem(name), name).toBeNull();
  });

  it("refuses a name made only of invisible, format or blank characters", () => {
    for (const name of ["\u200B", "\u3164", "\u2060", "\uFEFF", "\u00AD", "\u200E\u200F", "\u2800", "\u{E0020}", " \u200B "]) {
      expect(findNameProblem(name), JSON.stringify(name)).toBe("invisible_name");
    }
  });

  it("refuses bidi embeddings, overrides and isolates anywhere", () => {
    for (const ch of "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069") expect(findNameProblem(`a${ch}b`)).toBe("bidi_control");
  });

  it("applies the rules of every text first", () => {
    expect(findNameProblem("a\uD800")).toBe("lone_surrogate");
    expect(findNameProblem("a\u0000")).toBe("control_character");
    expect(findNameProblem("a\nb")).toBe("control_character");
    expect(findTextProblem("a\u202Eb", { multiline: true })).toBeNull();
  });
});
