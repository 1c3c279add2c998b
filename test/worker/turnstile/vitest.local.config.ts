// Runs the Turnstile tests alone with the siteverify stub started, until vitest.config.ts lists
// test/support/turnstile-stub.ts in the worker project's globalSetup (NEEDS11-turnstile.md).
import { defineConfig } from "vitest/config";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";

export default defineConfig(async () => {
  const migrations = await readD1Migrations("worker/migrations");
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: { bindings: { TEST_MIGRATIONS: migrations, IP_HASH_KEY: "test-ip-hash-key-not-a-secret" } },
      }),
    ],
    test: {
      name: "worker",
      include: ["test/worker/turnstile/**/*.test.ts"],
      setupFiles: ["test/worker/apply-migrations.ts"],
      globalSetup: ["test/worker/delivery/receiver.mjs", "test/support/turnstile-stub.ts"],
    },
  };
});
