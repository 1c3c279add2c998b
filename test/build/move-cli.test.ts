// `npm run move` as an operator runs it, on local databases in a temporary --persist-to: both
// migrated by wrangler, a site seeded in DB, moved to DB_2 (progress on stderr, the summary on
// stdout), then the same command refused with one line. The worker tests (test/worker/move) cover
// the move itself; this one covers the command, its platform proxy and its messages.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "palabre-move-cli-"));
const WRANGLER = join("node_modules", ".bin", "wrangler");

function wrangler(args: string[]): string {
  const run = spawnSync(WRANGLER, args, { encoding: "utf8", env: { ...process.env, CI: "true" }, input: "" });
  if (run.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

function query<T>(database: string, sql: string): T[] {
  const out = JSON.parse(wrangler(["d1", "execute", database, "--local", "--persist-to", dir, "--json", "--command", sql])) as {
    results: T[];
  }[];
  return out[0]!.results;
}

function move(...args: string[]) {
  return spawnSync("npm", ["run", "-s", "move", "--", ...args], { encoding: "utf8", env: { ...process.env, CI: "true" } });
}

beforeAll(() => {
  for (const database of ["palabre", "palabre-2"]) wrangler(["d1", "migrations", "apply", database, "--local", "--persist-to", dir]);
  wrangler([
    "d1",
    "execute",
    "palabre",
    "--local",
    "--persist-to",
    dir,
    "--command",
    `INSERT INTO sites (id, name, created_at) VALUES ('cli-site', 'CLI', 1);
     INSERT INTO stories (id, site_id, key, created_at, updated_at) VALUES (1000, 'cli-site', 'a', 1, 1), (1001, 'cli-site', 'b', 1, 1);
     INSERT INTO commenters (id, site_id, name, created_at) VALUES (1000, 'cli-site', 'Ana', 1);
     INSERT INTO comments (id, site_id, story_id, author_id, body, created_at, updated_at) VALUES (1000, 'cli-site', 1000, 1000, 'un', 1, 1);
     INSERT INTO comments (id, site_id, story_id, author_id, body, parent_id, reply_to_id, root_id, depth, created_at, updated_at)
       VALUES (1001, 'cli-site', 1000, 1000, 'l''apostrophe', 1000, 1000, 1000, 1, 1, 1);`,
  ]);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run move", () => {
  it("moves a local site to DB_2, then refuses to move it there again", () => {
    const run = move("--site", "cli-site", "--to", "DB_2", "--persist-to", dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("Moved cli-site from DB to DB_2: 5 rows in 3 tables (stories 2, commenters 1, comments 2).");
    expect(run.stdout).toContain("Old rows deleted from DB; its row of cli-site forwards to DB_2.");
    expect(run.stderr).toMatch(/copy: comments 2 rows/);

    expect(query("palabre-2", "SELECT id, body FROM comments WHERE site_id = 'cli-site' ORDER BY id")).toEqual([
      { id: 1000, body: "un" },
      { id: 1001, body: "l'apostrophe" },
    ]);
    expect(
      query(
        "palabre",
        "SELECT db, moving, (SELECT count(*) FROM comments WHERE site_id = 'cli-site') AS n FROM sites WHERE id = 'cli-site'",
      ),
    ).toEqual([{ db: "DB_2", moving: "away", n: 0 }]);

    const again = move("--site", "cli-site", "--to", "DB_2", "--persist-to", dir);
    expect(again.status).toBe(1);
    expect(again.stderr.trim().split("\n").at(-1)).toBe("cli-site already lives in DB_2: nothing to move.");
    const wrong = move("--site", "cli-site", "--to", "DB_2", "--persist-to", dir, "--remote");
    expect(wrong.stderr.trim()).toBe("--remote and --persist-to do not go together.");
  }, 120_000);
});
