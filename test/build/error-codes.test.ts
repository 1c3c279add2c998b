// The error code lists in worker/lib/errors.ts against the worker's source: the type stops a code
// that is not listed, but not a staff-only code reaching the reader API (where the widget would
// have no message for it), nor a listed code nothing sends any more. The reader API's code is
// found by following imports from its routes.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { ERROR_CODES, READER_ERROR_CODES, STAFF_ERROR_CODES } from "../../worker/lib/errors";

/** What app.ts mounts under /api/v1/{site} (checked below), and its own catch-all. */
const READER_ROOTS = [
  "worker/routes/threads.ts",
  "worker/routes/comments.ts",
  "worker/routes/reports.ts",
  "worker/routes/appeals.ts",
  "worker/routes/notices.ts",
  "worker/routes/featured.ts",
  "worker/routes/subscriptions.ts",
  "worker/routes/me.ts",
  "worker/routes/live.ts",
  "worker/lib/d1-session.ts",
  "worker/lib/site-scope.ts",
  "worker/lib/errors.ts",
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith(".ts") ? [path] : [];
  });
}

/** The files reachable from `roots` through relative imports. */
function closure(roots: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = roots.map((r) => normalize(r));
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of readFileSync(file, "utf8").matchAll(/\bfrom\s+"(\.[^"]+)"/g)) {
      const target = normalize(join(dirname(file), m[1]!.endsWith(".ts") ? m[1]! : `${m[1]}.ts`));
      if (existsSync(target)) todo.push(target);
    }
  }
  return seen;
}

/**
 * The codes a file answers with: `new ApiError(status, "code"`, `errorBody("code"` and a
 * moderation refusal's `outcome: "refuse", status, code: "code"`.
 */
function codesIn(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const patterns = [
    /\bApiError\(\s*\d{3},\s*"([a-z_]+)"/g,
    /\berrorBody\(\s*"([a-z_]+)"/g,
    /outcome:\s*"refuse",\s*status:\s*\d{3},\s*code:\s*"([a-z_]+)"/g,
  ];
  return patterns.flatMap((re) => [...source.matchAll(re)].map((m) => m[1]!));
}

const workerFiles = sourceFiles("worker");
const all = new Map(workerFiles.map((f) => [f, codesIn(f)]));
const reader = closure(READER_ROOTS);
const readerCodes = new Set([...reader].flatMap(codesIn).concat(codesIn("worker/app.ts")));
const everyCode = new Set([...all.values()].flat());

describe("worker error codes", () => {
  it("are found in the source (the scan works)", () => {
    expect(reader).toContain(normalize("worker/services/comments.ts"));
    expect(reader).toContain(normalize("worker/moderation/flood.ts"));
    expect(reader).not.toContain(normalize("worker/services/admin/session.ts"));
    expect(readerCodes).toContain("flood");
    expect(readerCodes).toContain("site_not_found");
    expect(everyCode).toContain("too_many_attempts");
  });

  it("come from the routes app.ts mounts for readers", () => {
    const app = readFileSync("worker/app.ts", "utf8");
    const mounted = app.slice(app.indexOf("const readerApi"), app.indexOf("export const app"));
    for (const name of [
      "siteDatabase",
      "siteScope",
      "threadRoutes",
      "commentRoutes",
      "reportRoutes",
      "appealRoutes",
      "noticeRoutes",
      "featuredRoutes",
      "subscriptionRoutes",
      "meRoutes",
      "liveRoutes",
    ]) {
      expect(mounted).toContain(name);
    }
    expect(mounted.match(/\.(route|use)\(/g)).toHaveLength(11);
  });

  it("are all listed in ERROR_CODES", () => {
    const unlisted = [...everyCode].filter((c) => !(ERROR_CODES as readonly string[]).includes(c));
    expect(unlisted).toEqual([]);
  });

  it("that the reader API can send are all in READER_ERROR_CODES", () => {
    const unlisted = [...readerCodes].filter((c) => !(READER_ERROR_CODES as readonly string[]).includes(c));
    expect(unlisted).toEqual([]);
  });

  it("listed for readers are each sent by the reader API", () => {
    const unsent = READER_ERROR_CODES.filter((c) => !readerCodes.has(c));
    expect(unsent).toEqual([]);
  });

  it("listed for staff are each sent by the worker", () => {
    const unsent = STAFF_ERROR_CODES.filter((c) => !everyCode.has(c));
    expect(unsent).toEqual([]);
  });
});
