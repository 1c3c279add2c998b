// The SQL that `npm run move -- --remote` hands to wrangler (worker/cli/move-remote.ts): wrangler
// binds no parameters, so values become literals, and the databases come from wrangler.toml.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { d1Databases, inline, literal } from "../../worker/cli/move-remote";

describe("the --remote adapter", () => {
  it("writes values as SQL literals, quotes doubled, and refuses what SQL cannot hold", () => {
    expect(literal(null)).toBe("NULL");
    expect(literal(undefined)).toBe("NULL");
    expect(literal(42)).toBe("42");
    expect(literal(0.5)).toBe("0.5");
    expect(literal("l'apostrophe ''; DROP TABLE sites; --")).toBe("'l''apostrophe ''''; DROP TABLE sites; --'");
    expect(() => literal(Number.NaN)).toThrow();
  });

  it("replaces numbered parameters, each as often as it appears, ?10 apart from ?1", () => {
    const values = ["a", 2, null, 4, 5, 6, 7, 8, 9, "ten"];
    expect(inline("SELECT ?1, ?10, ?1 WHERE x = ?3", values)).toBe("SELECT 'a', 'ten', 'a' WHERE x = NULL");
    expect(inline("json_extract(value, '$[0]') FROM json_each(?1)", ['[["it\'s"]]'])).toBe(
      `json_extract(value, '$[0]') FROM json_each('[["it''s"]]')`,
    );
  });

  it("finds every D1 database of wrangler.toml by binding", () => {
    expect(Object.fromEntries(d1Databases(readFileSync("wrangler.toml", "utf8")))).toEqual({ DB: "palabre", DB_2: "palabre-2" });
  });
});
