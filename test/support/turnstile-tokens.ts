// The tokens the local siteverify stub (./turnstile-stub.ts) understands, for the worker tests and
// for a stubbed Turnstile script in the end-to-end tests. Pure: it runs in workerd, Node and Chromium.
//
//   stub~ok~<hostname>~<nonce>       valid once, solved on <hostname>; a second use answers
//                                    timeout-or-duplicate (as Cloudflare does for a spent token)
//   stub~expired~<hostname>~<nonce>  older than 300 s: timeout-or-duplicate
//   anything else                    invalid-input-response (a forged or mangled token)

export type StubOutcome = "ok" | "expired";

/** A fresh token the stub accepts once (or answers as expired), solved on `hostname`. */
export function stubToken(hostname: string, outcome: StubOutcome = "ok"): string {
  return `stub~${outcome}~${hostname}~${crypto.randomUUID()}`;
}

export function parseStubToken(token: string): { outcome: StubOutcome; hostname: string } | null {
  const m = /^stub~(ok|expired)~([A-Za-z0-9.-]{1,253})~[A-Za-z0-9-]{1,100}$/.exec(token);
  return m ? { outcome: m[1] as StubOutcome, hostname: m[2]! } : null;
}

/**
 * Cloudflare's published test secret keys (developers.cloudflare.com/turnstile/troubleshooting/testing/):
 * the stub answers them as Cloudflare does, whatever the token.
 */
export const TEST_SECRETS = {
  alwaysPasses: "1x0000000000000000000000000000000AA",
  alwaysFails: "2x0000000000000000000000000000000AA",
  alreadySpent: "3x0000000000000000000000000000000AA",
} as const;

/** The token Cloudflare's test site keys produce; the test secrets accept it and nothing else. */
export const DUMMY_TOKEN = "XXXX.DUMMY.TOKEN.XXXX";

/** The hostname the stub answers for a test secret (not the page's: Palabre skips the host check for them). */
export const TEST_SECRET_HOSTNAME = "example.com";
