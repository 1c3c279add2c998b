// Four projects: "worker" runs inside workerd with a real local D1 (migrations applied from the same
// files wrangler uses); "build" checks the built files (embed size); "import" runs the importer in Node; "e2e" drives Debian's Chromium
// against `wrangler dev`.
//
// The worker project runs through @cloudflare/vitest-plugin (the renamed, maintained
// @cloudflare/vitest-pool-workers). It brings its own wrangler (4.156.2, pinned by the plugin) beside
// the project's 4.86.0: that wrangler's CLI refuses Node 20 (it needs 22), so the project's own stays
// at 4.86 until Node 22; the plugin only uses it as a library, which works on Node 20 (README).
import { defineConfig } from "vitest/config";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";

export default defineConfig(async () => {
  const migrations = await readD1Migrations("worker/migrations");
  return {
    test: {
      // Vitest's default is one fewer than the cores: on a 2-core machine, one file at a time. A worker
      // test file spends most of its 2-3 s starting its isolate and storage, so two at a time finish the
      // worker project in about 0.7 of the time (48 admin files: 159 s against 109 s). The e2e project
      // (fileParallelism false) still runs alone, one file after another, once these are done.
      maxWorkers: 2,
      projects: [
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              // No Cloudflare account in tests: nothing is ever proxied to it (Workers AI is the stub below).
              remoteBindings: false,
              miniflare: {
                bindings: { TEST_MIGRATIONS: migrations, IP_HASH_KEY: "test-ip-hash-key-not-a-secret" },
                // Workers AI needs an account: a local stub (test/worker/scoring/ai-stub.mjs), which the
                // scoring tests give the worker as its AI binding (withEnv).
                serviceBindings: { AI_STUB: "ai-stub" },
                workers: [
                  { name: "ai-stub", modules: true, scriptPath: "test/worker/scoring/ai-stub.mjs", compatibilityDate: "2026-04-20" },
                ],
              },
            }),
          ],
          test: {
            name: "worker",
            include: ["test/worker/**/*.test.ts", "test/common/**/*.test.ts", "test/dashboard/**/*.test.ts", "test/widget/**/*.test.ts"],
            setupFiles: ["test/worker/apply-migrations.ts"],
            // A local receiver for webhooks and the HTTP mail provider (test/worker/delivery).
            // …and local stand-ins for the scoring services, OpenAI and Akismet (test/worker/scoring), and Turnstile's siteverify (test/support).
            globalSetup: ["test/worker/delivery/receiver.mjs", "test/worker/scoring/stubs.mjs", "test/support/turnstile-stub.ts"],
          },
        },
        {
          test: {
            name: "build",
            include: ["test/build/**/*.test.ts"],
            environment: "node",
          },
        },
        {
          // The importer's memory bound: a generated 200 MB export through both passes, the heap sampled
          // (workerd has no memory figures).
          test: {
            name: "import",
            include: ["test/import/**/*.test.ts"],
            environment: "node",
            testTimeout: 600_000,
          },
        },
        {
          test: {
            name: "e2e",
            include: ["test/e2e/**/*.test.ts"],
            environment: "node",
            globalSetup: ["test/e2e/global-setup.ts"],
            setupFiles: ["test/e2e/no-keep-alive.ts"],
            fileParallelism: false,
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        },
      ],
    },
  };
});
