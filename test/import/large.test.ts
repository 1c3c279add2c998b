// A generated 200 MB Disqus export goes through both passes of the importer in bounded memory: the
// heap never holds more than a fixed bound whatever the file's size (what grows is one id per
// comment, for orphans and ordering). Runs in Node (the "import" project): workerd has no memory
// figures to read. PALABRE_IMPORT_LARGE_MB changes the size.
import { describe, expect, it } from "vitest";
import { largeDisqus } from "../data/import/large";
import { parseDisqus } from "../../worker/import/disqus";
import { runImport, type Executor } from "../../worker/import/run";

const MB = 1024 * 1024;
const SIZE_MB = Number(process.env.PALABRE_IMPORT_LARGE_MB ?? 200);
const BODY = 900;
const POSTS = Math.round((SIZE_MB * MB) / (BODY + 330));
const HEAP_BOUND = 320 * MB;

describe("a large export", () => {
  it(`imports ${SIZE_MB} MB in bounded memory, every comment written once, in batches`, async () => {
    let bytes = 0;
    let peak = 0;
    let statements = 0;
    let batches = 0;
    const sample = () => (peak = Math.max(peak, process.memoryUsage().heapUsed));
    const exec: Executor = {
      async run(sql) {
        batches++;
        statements += sql.length;
        sample();
      },
      async query<T>(sql: string) {
        return (sql.startsWith("SELECT id FROM sites") ? [{ id: "big" }] : []) as T[];
      },
    };
    const open = async function* () {
      for await (const chunk of largeDisqus({ threads: 2000, posts: POSTS, bodyBytes: BODY })) {
        bytes += chunk.length;
        yield chunk;
      }
    };
    const report = await runImport({
      site: "big",
      source: "disqus",
      parse: parseDisqus,
      open,
      exec,
      now: Date.now(),
      batchSize: 500,
      hooks: { tick: sample },
    });
    expect(bytes / 2).toBeGreaterThan(SIZE_MB * MB * 0.9);
    expect(report.read.comments).toBe(POSTS);
    expect(report.skippedCount).toBe(0);
    expect(Object.values(report.byStatus).reduce((a, b) => a + b, 0)).toBe(POSTS);
    expect(batches).toBeGreaterThanOrEqual(POSTS / 500);
    expect(statements).toBeGreaterThan(POSTS * 2);
    console.log(
      `large import: ${(bytes / 2 / MB).toFixed(0)} MB, ${POSTS} comments, ${batches} batches, heap peak ${(peak / MB).toFixed(0)} MB`,
    );
    expect(peak).toBeLessThan(HEAP_BOUND);
  }, 600_000);
});
