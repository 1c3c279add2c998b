// `npm run bench` in its short mode (a second per target, one round, small stories), so that the
// bench cannot rot between full runs: it must start the built worker on plain Miniflare, seed it,
// and get from every target the statuses it expects, with the D1 round trips counted. Its
// figures are printed, never asserted (this machine is shared; bench/RESULTS.md holds the full run).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface D1Count {
  status: number;
  trips: number | null;
  statements: number | null;
  after: number | null;
  sql: string[];
}
interface Target {
  name: string;
  label: string;
  expect: number[];
  statuses: Record<string, number>;
  d1: D1Count;
  ok: boolean;
}
interface Results {
  targets: Target[];
  extras: (D1Count & { name: string; ok: boolean })[];
  failed: boolean;
}

const dir = mkdtempSync(join(tmpdir(), "palabre-bench-test-"));
const md = join(dir, "RESULTS.md");
const json = join(dir, "results.json");
let exit: { code: number | null; output: string };
let results: Results;

beforeAll(async () => {
  exit = await new Promise((resolve, reject) => {
    // port 0: any free port, so that the test never meets a running server
    const child = spawn(process.execPath, ["bench/run.mjs", "--short", "--port", "0", "--out", md, "--json", json], {
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

const TARGETS = [
  "static",
  "thread-cold",
  "thread-warm",
  "thread-304",
  "thread-confirmed",
  "replies",
  "counts",
  "news",
  "post",
  "size-100",
  "size-1000",
  "size-10000",
];

describe("npm run bench -- --short", () => {
  it("completes and says every request answered as expected", () => {
    expect(exit.code, exit.output).toBe(0);
    expect(results.failed, exit.output).toBe(false);
  });

  it("runs every target, each answering only its expected statuses", () => {
    expect(results.targets.map((t) => t.name)).toEqual(TARGETS);
    const expected: Record<string, number[]> = { "thread-304": [304], post: [201] };
    for (const t of results.targets) {
      expect(t.expect, t.name).toEqual(expected[t.name] ?? [200]);
      const codes = Object.keys(t.statuses).map(Number);
      expect(codes, `${t.name}: ${JSON.stringify(t.statuses)}`).toEqual(t.expect);
      expect(t.statuses[String(t.expect[0])], t.name).toBeGreaterThan(0);
      expect(t.d1.status, t.name).toBe(t.expect[0]);
      expect(t.ok, t.name).toBe(true);
    }
  });

  it("counts the D1 round trips and statements of every request", () => {
    for (const c of [...results.targets.map((t) => ({ name: t.name, ...t.d1 })), ...results.extras]) {
      expect(Number.isInteger(c.trips), c.name).toBe(true);
      expect(Number.isInteger(c.statements), c.name).toBe(true);
      expect(c.statements!, c.name).toBeGreaterThanOrEqual(c.trips!);
      expect(c.sql, c.name).toHaveLength(c.trips! + c.after!);
    }
    const trips = (name: string) => results.targets.find((t) => t.name === name)!.d1.trips!;
    // A static file never reaches D1; a story never read before and a post cannot avoid it: a count
    // of 0 there would mean the counting binding is not in the path.
    expect(trips("static")).toBe(0);
    expect(trips("thread-cold")).toBeGreaterThanOrEqual(1);
    // asked past the isolate's copy of the page (Cache-Control: no-cache), a read goes to D1
    expect(trips("thread-confirmed")).toBeGreaterThanOrEqual(1);
    expect(trips("post")).toBeGreaterThanOrEqual(1);
    for (const name of ["thread-token", "news-304", "post-token", "post-no-key"]) {
      expect(results.extras.find((e) => e.name === name)?.ok, name).toBe(true);
    }
  });

  it("writes its results as Markdown, one row per target", () => {
    const text = readFileSync(md, "utf8");
    expect(text).toMatch(/^# Bench results/);
    for (const t of results.targets) if (!t.name.startsWith("size-")) expect(text, t.name).toContain(`| ${t.label} |`);
    expect(text).toContain("| 10,000 |");
  });
});
