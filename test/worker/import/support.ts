// The import tests' plumbing: the importer's SQL run on the test's real D1 (as wrangler runs it
// from a file, one batch = one unit), and a file given in small chunks, so that every record and
// field boundary is met across chunks as it is in a 200 MB stream.
import { env } from "cloudflare:workers";
import type { Executor } from "../../../worker/import/run";

export function d1Executor(db: D1Database = env.DB): Executor & { batches: number } {
  const exec = {
    batches: 0,
    async run(statements: string[]) {
      exec.batches++;
      await db.batch(statements.map((s) => db.prepare(s)));
    },
    async query<T>(sql: string) {
      return (await db.prepare(sql).all<T>()).results;
    },
  };
  return exec;
}

export async function* chunked(text: string, size = 97): AsyncIterable<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

export async function count(sql: string, ...params: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql)
    .bind(...params)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
