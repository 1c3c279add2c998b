// Shared pieces of the end-to-end tests: where the demo runs and how to start Debian's Chromium.
import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { expect, inject } from "vitest";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";

/** The demo pages are opened from this origin while the widget calls http://localhost:8787: cross-origin, as on a real site. */
export const DEMO_ORIGIN = "http://127.0.0.1:8787";
export const API_ORIGIN = "http://localhost:8787";
export const PORT = 8787;

export const CHROMIUM_PATH = process.env.PALABRE_CHROMIUM ?? "/usr/bin/chromium";

export const CHROMIUM_MISSING = `Chromium was not found at ${CHROMIUM_PATH}. The end-to-end tests drive a real browser:
install Debian's package with \`sudo apt-get install -y chromium\`, or point PALABRE_CHROMIUM at a Chromium binary.`;

/** Playwright gives every launch a fresh, empty profile directory (it refuses --user-data-dir). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-quic",
      "--disable-sync",
    ],
  });
}

/** demo-band's SSO secret (demo/seed.sql): public because the band demo signs its fans' tokens in the browser. */
export const DEMO_BAND_SSO_SECRET = "demo-band-sso-secret-not-for-production-2026";

/** An HS256 JWT as a site's server would sign it for Palabre's SSO (the README's Node example). */
export function signSsoToken(secret: string, claims: { sub: string; name: string; exp?: number; [claim: string]: unknown }): string {
  const part = (json: unknown) => Buffer.from(JSON.stringify(json)).toString("base64url");
  const payload = { exp: Math.floor(Date.now() / 1000) + 3600, ...claims };
  const unsigned = `${part({ alg: "HS256", typ: "JWT" })}.${part(payload)}`;
  return `${unsigned}.${createHmac("sha256", secret).update(unsigned).digest("base64url")}`;
}

/** The staff API as the demo admin: (method, path under /api/admin/sites, body) → status and JSON. */
export type StaffApi = (method: string, path: string, body?: unknown) => Promise<{ status: number; data: any }>;

/** Signs in to the staff API as the demo admin; paths are under /api/admin/sites. */
export async function signIn(): Promise<StaffApi> {
  const call = await signInAdmin();
  return (method, path, body) => call(method, `/sites${path}`, body);
}

/** Signs in to the staff API as the demo admin, as the dashboard does (same origin, session cookie); paths are under /api/admin. */
export async function signInAdmin(): Promise<StaffApi> {
  const headers = { "Content-Type": "application/json", Origin: API_ORIGIN };
  const res = await fetch(`${API_ORIGIN}/api/admin/session`, {
    method: "POST",
    headers,
    body: JSON.stringify({ email: "admin@palabre.example", password: "palabre-demo-2026" }),
  });
  if (res.status !== 200) throw new Error(`demo admin sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  return async (method, path, body) => {
    const r = await fetch(`${API_ORIGIN}/api/admin${path}`, {
      method,
      headers: { ...headers, cookie },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: r.status, data: await r.json().catch(() => null) };
  };
}

/**
 * Every e2e file posts far more than a reader would, all from one IP: lift the sites' flood limits
 * while it runs (the flood rule has its own tests in the worker project). Returns what puts the
 * settings back as they were.
 */
export async function liftFloodLimits(admin: StaffApi, sites: string[]): Promise<() => Promise<void>> {
  const before = new Map<string, any>();
  for (const site of sites) {
    const { status, data } = await admin("GET", `/${site}/settings`);
    if (status !== 200) throw new Error(`reading ${site}'s settings failed: ${status}`);
    before.set(site, data);
    const put = await admin("PUT", `/${site}/settings`, {
      name: data.site.name,
      allowedOrigins: data.site.allowedOrigins,
      settings: { ...data.settings, floodMaxPerIp: 1000, floodMaxPerAuthor: 1000 },
    });
    if (put.status !== 200) throw new Error(`lifting ${site}'s flood limits failed: ${put.status}`);
  }
  return async () => {
    for (const [site, data] of before) {
      await admin("PUT", `/${site}/settings`, { name: data.site.name, allowedOrigins: data.site.allowedOrigins, settings: data.settings });
    }
  };
}

/** Polls until `read` returns `expected`, or the time is up; returns the last value read (playwright-core has no auto-waiting expect). */
export async function until<T>(read: () => Promise<T>, expected: T, timeout = 5000): Promise<T> {
  const deadline = Date.now() + timeout;
  let value = await read();
  while (value !== expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Runs axe-core on the page (shadow roots included) and returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<{ id: string; impact: string; help: string; targets: unknown[] }[]> {
  // page.evaluate runs through the DevTools protocol, which the pages' CSP does not apply to (an
  // injected <script> would be refused on /admin, whose CSP allows no inline script).
  await page.evaluate(readFileSync(AXE, "utf8"));
  const violations = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n: any) => n.target) }));
  });
  return violations.filter((v: { impact: string }) => v.impact === "serious" || v.impact === "critical");
}

/**
 * The discussion's new-comment form: it starts collapsed ("Rejoindre la discussion…"), and
 * opens (loading the forms' chunk) when that field-like button is focused or clicked.
 */
export async function composerForm(page: Page, name: string): Promise<Locator> {
  const form = page.getByRole("form", { name });
  if (!(await form.count())) await page.getByRole("button", { name: /^(Rejoindre la discussion|Join the discussion)…$/ }).click();
  await form.waitFor();
  return form;
}

/** Posts through the reader API as a new guest (no commenter token), from the test process. */
export async function postAs(site: string, story: string, name: string, body: string, parentId?: number): Promise<number> {
  const res = await fetch(`${API_ORIGIN}/api/v1/${site}/comments`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: API_ORIGIN },
    body: JSON.stringify({ story, body, parentId, author: { name } }),
  });
  const data = (await res.json()) as { comment: { id: number; status: string } };
  expect([res.status, data.comment.status]).toEqual([201, "published"]);
  return data.comment.id;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** the local D1 state directory wrangler dev runs on (global-setup.ts) */
    e2eState: string;
    /** the port of the local Turnstile siteverify stub wrangler dev asks (test/support/turnstile-stub.ts) */
    turnstileStubPort: number;
  }
}

/**
 * Runs SQL on the local D1 that `wrangler dev` serves, as the setup seeds it: for states the API
 * cannot make in a test's time (a week of comment history). Returns wrangler's JSON results.
 */
export function d1Execute(sql: string): unknown {
  const state = inject("e2eState");
  const run = spawnSync(
    join("node_modules", ".bin", "wrangler"),
    ["d1", "execute", "palabre", "--local", "--persist-to", state, "--json", "--command", sql],
    { encoding: "utf8", env: { ...process.env, CI: "true" } },
  );
  if (run.status !== 0) throw new Error(`wrangler d1 execute failed:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

/**
 * Fires the Cron Trigger's tick by hand (wrangler dev --test-scheduled), as `npm start` allows;
 * resolves once it has run. wrangler dev reloads the Worker when its sources change, closing the
 * connection: that is retried until the tick answers.
 */
export async function fireTick(timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      const res = await fetch(`${API_ORIGIN}/__scheduled?cron=${encodeURIComponent("*/5 * * * *")}`);
      if (res.status === 200) return;
      if (Date.now() > deadline) throw new Error(`GET /__scheduled: ${res.status} ${await res.text()}`);
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Acknowledges the sites' open alerts: the tests that fire ticks leave the demo's own (its old
 * unanswered questions) open, and the other files read the home's alert counts as 0.
 */
export async function acknowledgeOpenAlerts(admin: StaffApi, sites: string[]): Promise<void> {
  for (const site of sites) {
    const { data } = await admin("GET", `/${site}/alerts?status=open`);
    for (const incident of data?.incidents ?? []) {
      if (!incident.acknowledgedAt) await admin("POST", `/${site}/alerts/${incident.id}/acknowledge`);
    }
  }
}
