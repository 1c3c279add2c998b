// `npm run bench:live` in its short mode (100 readers, 5 posts), so that the live channel's load
// test cannot rot between full runs: it must start the built worker on plain Miniflare with the
// story objects, hold every reader's WebSocket open, and have every reader get every post's notice
// exactly once. Its delays are printed, never asserted (this machine is shared;
// bench/RESULTS-live.md holds the full run).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface Results {
  config: { readers: number; posts: number };
  readers: { asked: number; open: number; refused: { reader: number; error: string }[] };
  posts: { sent: number; created: number; published: number; statuses: Record<string, number> };
  notices: {
    expected: number;
    received: number;
    missing: number;
    missingSample: unknown[];
    duplicates: number;
    foreign: number;
    otherFrames: number;
    readersComplete: number;
    closedEarly: number;
  };
  delay: { median: number | null; p99: number | null };
  ok: boolean;
}

const dir = mkdtempSync(join(tmpdir(), "palabre-bench-live-test-"));
const md = join(dir, "RESULTS-live.md");
const json = join(dir, "results.json");
let exit: { code: number | null; output: string };
let results: Results;

beforeAll(async () => {
  exit = await new Promise((resolve, reject) => {
    // port 0: any free port, so that the test never meets a running server
    const child = spawn(process.execPath, ["bench/live.mjs", "--short", "--port", "0", "--out", md, "--json", json], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
  results = JSON.parse(readFileSync(json, "utf8")) as Results;
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run bench:live -- --short", () => {
  it("completes and says every reader got every notice", () => {
    expect(exit.code, exit.output).toBe(0);
    expect(results.ok, exit.output).toBe(true);
  });

  it("holds every reader open and publishes every post", () => {
    expect(results.config).toMatchObject({ readers: 100, posts: 5 });
    expect(results.readers.refused).toEqual([]);
    expect(results.readers.open).toBe(100);
    expect(results.posts.statuses).toEqual({ "201": 5 });
    expect(results.posts.published).toBe(5);
  });

  it("delivers each post's notice to each reader exactly once, and nothing else", () => {
    const n = results.notices;
    expect(n.expected).toBe(100 * 5);
    expect(n.received, JSON.stringify(n.missingSample)).toBe(n.expected);
    expect(n.missing).toBe(0);
    expect(n.readersComplete).toBe(100);
    expect(n.duplicates).toBe(0);
    expect(n.foreign).toBe(0);
    expect(n.otherFrames).toBe(0);
    expect(n.closedEarly).toBe(0);
    // a delay exists for every notice (its value depends on the machine and is not asserted)
    expect(results.delay.median).not.toBeNull();
  });

  it("writes its results as Markdown", () => {
    const text = readFileSync(md, "utf8");
    expect(text).toMatch(/^# Live channel load test/);
    expect(text).toContain("**Result: every reader got every notice: 500 of 500");
    expect(text).toContain("| notices expected / received | 500 / 500 (100 readers got all 5) |");
  });
});
