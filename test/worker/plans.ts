// EXPLAIN QUERY PLAN of the Worker's real SQL: a D1 handle whose statements explain themselves, and
// the plan's steps as text, for the query-plan tests.
import { env } from "cloudflare:workers";

/** Pass it to a db/ module's statement builder: the statement it builds is the plan's query. */
export const explaining = {
  prepare: (sql: string) => env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`),
} as unknown as D1Database;

export async function planOf(statement: D1PreparedStatement): Promise<string[]> {
  const { results } = await statement.all<{ detail: string }>();
  return results.map((r) => r.detail);
}
