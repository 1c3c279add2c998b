// How the dashboard writes a duration: two units at most, rounded once, never "2 h 60 min".
import { describe, expect, it } from "vitest";
import { formatDuration } from "../../dashboard/duration";

describe("formatDuration", () => {
  it.each([
    [0, "0 s"],
    [-3, "0 s"],
    [44.6, "45 s"],
    [59.4, "59 s"],
    [90, "2 min"],
    [3599, "1 h"],
    [2 * 3600 + 3590, "3 h"],
    [2 * 3600 + 10 * 60, "2 h 10 min"],
    [24 * 3600 - 20, "1 d"],
    [3 * 86400 + 4 * 3600, "3 d 4 h"],
    [11 * 86400 + 10 * 3600 + 100, "11 d 10 h"],
  ])("%s s → %s", (seconds, expected) => {
    expect(formatDuration(seconds, "d")).toBe(expected);
  });

  it("writes days in the locale's unit", () => {
    expect(formatDuration(2 * 86400, "j")).toBe("2 j");
  });
});
