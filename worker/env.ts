// The Worker's bindings, as declared in wrangler.toml, and the Hono context types built on them.
import type { SiteRecord } from "./db/sites";
import type { DeliveryMessage } from "./services/delivery/types";

export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  /** webhooks and mails to send (worker/services/delivery): produced and consumed by this Worker */
  DELIVERIES: Queue<DeliveryMessage>;
  /** Palabre's public origin, for links in mails and webhooks ([vars] in wrangler.toml) */
  PALABRE_URL: string;
  /** Cloudflare Email Service, when configured ([[send_email]] in wrangler.toml) */
  EMAIL?: SendEmail;
  /** the sender of Palabre's mails ("Palabre <alerts@example.org>"), when mail is configured */
  MAIL_FROM?: string;
  /** an HTTP mail provider instead of EMAIL: its endpoint and API key (secrets) */
  MAIL_API_URL?: string;
  MAIL_API_KEY?: string;
  /** one delivery try's timeout in milliseconds (default 10000; the tests lower it) */
  DELIVERY_TIMEOUT_MS?: string;
  /**
   * the HMAC-SHA256 key networks (IPs) are stored under (worker/lib/hash.ts ipHash), at least 16
   * characters: a secret (`wrangler secret put IP_HASH_KEY`); `npm start` writes one in .dev.vars
   */
  IP_HASH_KEY?: string;
  /** Turnstile's siteverify address (default Cloudflare's); the tests point it at test/support/turnstile-stub.ts */
  TURNSTILE_VERIFY_URL?: string;
  /** siteverify's timeout in milliseconds (default 5000) */
  TURNSTILE_TIMEOUT_MS?: string;
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
      DELIVERIES: Queue<DeliveryMessage>;
      PALABRE_URL: string;
      IP_HASH_KEY?: string;
    }
  }
}
