// Helpers for the bot-check tests: the worker called with its siteverify pointed at the local stub
// (test/support/turnstile-stub.ts, started by the worker project's globalSetup), sites with the
// check on, and the stub's log of what it was asked.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { inject } from "vitest";
import { app } from "../../../worker/app";
import type { PostCommentResponse } from "../../../worker/schemas/views";
import { stubToken } from "../../support/turnstile-tokens";
import { BASE, createSite, sitePath, type TestSite } from "../support";

declare module "vitest" {
  export interface ProvidedContext {
    turnstileStubPort: number;
  }
}

export const SECRET = "stub-turnstile-secret-0123456789";
export const SITE_KEY = "0x4AAAAAAAstubSiteKey";

export interface StubCall {
  mode: string;
  fields: Record<string, string>;
  status: number;
  answer: unknown;
}

/** A tag of its own for each test: the stub logs calls under it. */
export function newTag(): string {
  return `t${crypto.randomUUID().replace(/-/g, "").slice(0, 16)}`;
}

export function stubUrl(tag: string, query = ""): string {
  return `http://127.0.0.1:${inject("turnstileStubPort")}/${tag}/siteverify${query ? `?${query}` : ""}`;
}

export async function stubCalls(tag: string): Promise<StubCall[]> {
  const res = await fetch(`http://127.0.0.1:${inject("turnstileStubPort")}/log/${tag}`);
  return res.json<StubCall[]>();
}

/** A site whose first allowed origin is https://<id>.example, with the check on (or as given). */
export async function turnstileSite(settings: object = {}): Promise<TestSite> {
  return createSite({ settings: { turnstile: true, turnstileSiteKey: SITE_KEY, turnstileSecret: SECRET, ...settings } });
}

export function hostOf(site: TestSite): string {
  return new URL(site.origin).hostname;
}

/** A token the stub accepts once, solved on the site's own host. */
export function goodToken(site: TestSite): string {
  return stubToken(hostOf(site));
}

export interface CallInit {
  method?: string;
  body?: unknown;
  /** X-Palabre-Turnstile */
  turnstile?: string;
  /** Authorization: Bearer … */
  bearer?: string;
  idempotencyKey?: string;
  ip?: string;
  /** the Worker's siteverify address and timeout for this call */
  verifyUrl?: string;
  timeoutMs?: number;
}

/** Calls the reader API of the site from its own origin, with the Worker's env for this test. */
export async function call(site: TestSite, path: string, init: CallInit = {}): Promise<Response> {
  const headers = new Headers({ Origin: site.origin });
  if (init.body !== undefined) headers.set("Content-Type", "application/json");
  if (init.turnstile !== undefined) headers.set("X-Palabre-Turnstile", init.turnstile);
  if (init.bearer !== undefined) headers.set("Authorization", `Bearer ${init.bearer}`);
  if (init.idempotencyKey !== undefined) headers.set("Idempotency-Key", init.idempotencyKey);
  headers.set("CF-Connecting-IP", init.ip ?? "203.0.113.7");
  const request = new Request(new URL(sitePath(site, path), BASE), {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const workerEnv = {
    ...env,
    ...(init.verifyUrl !== undefined ? { TURNSTILE_VERIFY_URL: init.verifyUrl } : {}),
    ...(init.timeoutMs !== undefined ? { TURNSTILE_TIMEOUT_MS: String(init.timeoutMs) } : {}),
  };
  const ctx = createExecutionContext();
  const res = await app.fetch(request, workerEnv, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

let storyCounter = 0;
export function newStory(): string {
  return `story-${++storyCounter}-${crypto.randomUUID().slice(0, 6)}`;
}

export function guestComment(story: string, body = "A guest's comment, written by hand.", name = "Ana"): object {
  return { story, body, author: { name } };
}

/** A published comment to like or report, posted by a guest who passed the check. */
export async function publishedComment(site: TestSite, verifyUrl: string): Promise<{ id: number; token: string }> {
  const res = await call(site, "/comments", { body: guestComment(newStory()), turnstile: goodToken(site), verifyUrl });
  if (res.status !== 201) throw new Error(`expected 201, got ${res.status}: ${await res.text()}`);
  const saved = await res.json<PostCommentResponse>();
  return { id: saved.comment.id, token: saved.commenterToken! };
}
