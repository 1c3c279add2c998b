// bench/RESULTS.md keeps the live channel's figures as a section of its own (bench/live-section.mjs):
// added once, then replaced, never doubled, whichever bench wrote last.
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the bench, without types
import { withLiveSection } from "../../bench/live-section.mjs";

const live = (delay: string) => `# Live channel load test\n\ndelay median ${delay}\n`;

describe("the live section of bench/RESULTS.md", () => {
  it("is added after the throughput results, under a second-level heading", () => {
    const out: string = withLiveSection("# Bench results\n\n| static | 1.00× |\n", live("21.6 ms"));
    expect(out.startsWith("# Bench results\n\n| static | 1.00× |\n\n<!-- live")).toBe(true);
    expect(out).toContain("## Live channel load test");
    expect(out).toContain("delay median 21.6 ms");
  });

  it("is replaced by a later run, and what follows it is kept", () => {
    const once: string = withLiveSection("# Bench results\n", live("21.6 ms"));
    const twice: string = withLiveSection(`${once}\nAfter.\n`, live("30.1 ms"));
    expect(twice.match(/<!-- live/g)).toHaveLength(1);
    expect(twice).toContain("delay median 30.1 ms");
    expect(twice).not.toContain("21.6 ms");
    expect(twice.trimEnd().endsWith("After.")).toBe(true);
  });
});
