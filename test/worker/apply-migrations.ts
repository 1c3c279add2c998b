// Applies worker/migrations to this test file's isolated D1 databases before its tests run: DB (the
// registry, and the home of every site a test creates there) and DB_2 (issue 14's second database).
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    }
  }
}

await Promise.all([applyD1Migrations(env.DB, env.TEST_MIGRATIONS), applyD1Migrations(env.DB_2, env.TEST_MIGRATIONS)]);
