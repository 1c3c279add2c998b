// Avatars without a picture (widget/avatar.ts): initials, and a colour of the name's own.
import { describe, expect, it } from "vitest";
import { hueOf, initials } from "../../widget/initials";

describe("initials", () => {
  it("takes the first letters of the first and last words", () => {
    expect(initials("Claire M.")).toBe("CM");
    expect(initials("jean-pierre dupont")).toBe("JD");
    expect(initials("Camille")).toBe("C");
    expect(initials("  Émile   Zola  ")).toBe("ÉZ");
  });

  it("skips what is not a letter or a digit, and falls back to ?", () => {
    expect(initials("« Lou » 🎸")).toBe("L");
    expect(initials("🎸")).toBe("?");
    expect(initials("")).toBe("?");
  });
});

describe("hueOf", () => {
  it("gives one person one hue, whatever the case or spacing", () => {
    expect(hueOf("Claire M.")).toBe(hueOf(" claire m. "));
    expect(hueOf("Claire M.")).toBeGreaterThanOrEqual(0);
    expect(hueOf("Claire M.")).toBeLessThan(360);
  });

  it("spreads names over the wheel", () => {
    const hues = new Set(["Camille", "Driss", "Eva", "Inès", "Lou", "Mallory", "Paul", "Zoé"].map(hueOf));
    expect(hues.size).toBeGreaterThanOrEqual(6);
  });
});
