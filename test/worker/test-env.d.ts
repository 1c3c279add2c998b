// The bindings vitest.config.ts gives the worker tests on top of the worker's own (wrangler.toml's,
// generated into worker/worker-configuration.d.ts, and worker/env.ts's), as `env` from
// "cloudflare:workers" sees them. TEST_MIGRATIONS is declared beside its use (apply-migrations.ts).
declare namespace Cloudflare {
  interface Env {
    /** the local stand-in for Workers AI (test/worker/scoring/ai-stub.mjs) */
    AI_STUB: Fetcher;
  }
}
