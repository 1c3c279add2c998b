// The Worker's bindings and the Hono context types built on them. What wrangler.toml declares (DB,
// ASSETS, DELIVERIES, PALABRE_URL) is typed by `wrangler types` in worker-configuration.d.ts (`npm
// run types`; test/build/wrangler-types.test.ts fails when it no longer matches wrangler.toml).
// Written here, because wrangler cannot see them: the queue's message type, the bindings left
// commented out in wrangler.toml until deployment, and the secrets and optional settings. Those are
// optional because Palabre runs without each of them, and they are generated from no secrets file
// on purpose (`--env-file=/dev/null`), so that a developer's .dev.vars never changes the file.
/// <reference path="./worker-configuration.d.ts" />
import type { SiteRecord } from "./db/sites";
import type { DeliveryMessage } from "./services/delivery/types";

/** Bindings wrangler.toml does not declare: each is set at deployment (or by the tests), or not at all. */
interface UndeclaredBindings {
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

declare global {
  namespace Cloudflare {
    // `env` from "cloudflare:workers" (lib/hash.ts, the tests) sees them too.
    interface Env extends UndeclaredBindings {}
  }
}

/** What the Worker's handlers get: the generated bindings, the undeclared ones, a typed queue. */
export interface Env extends Omit<Cloudflare.Env, "DELIVERIES"> {
  /** webhooks and mails to send (worker/services/delivery): produced and consumed by this Worker */
  DELIVERIES: Queue<DeliveryMessage>;
  /**
   * Not bindings: set by lib/databases.ts homeEnv when DB stands for a site's own database. The
   * registry (the DB binding itself), and the name of the binding DB stands for.
   */
  REGISTRY?: D1Database;
  DB_NAME?: string;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** the site named in the URL, loaded once by the site-scope middleware */
    site: SiteRecord;
    /** the request's Origin when it is one of the site's allowed origins */
    allowedOrigin: string | null;
    /** the reader API's D1 session, on the site's own database (lib/site-home.ts) */
    dbSession?: D1DatabaseSession;
  };
}
