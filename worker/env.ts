// The Worker's bindings, as declared in wrangler.toml, and the Hono context types built on them.
import type { SiteRecord } from "./db/sites";

export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** the site named in the URL, loaded once by the site-scope middleware */
    site: SiteRecord;
    /** the request's Origin when it is one of the site's allowed origins */
    allowedOrigin: string | null;
  };
}

declare global {
  namespace Cloudflare {
    // Lets `env` from "cloudflare:workers" (used by the tests) know our bindings.
    interface Env {
      DB: D1Database;
      ASSETS: Fetcher;
    }
  }
}
