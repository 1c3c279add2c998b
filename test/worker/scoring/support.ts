// Helpers for the scoring tests: the local stubs (stubs.mjs for OpenAI and Akismet, ai-stub.mjs for
// Workers AI), a post through the whole app with the scoring secrets and bindings a test chooses,
// and the stored score read back.
import { env, withEnv } from "cloudflare:workers";
import { inject } from "vitest";
import { app } from "../../../worker/app";
import type { ScoringEnv } from "../../../worker/moderation/scoring/types";
import { BASE, createSite, sitePath, type TestSite } from "../support";

declare module "vitest" {
  export interface ProvidedContext {
    scoringStubPort: number;
  }
}

/** The keys the stubs accept (stubs.mjs). */
export const OPENAI_TEST_KEY = "sk-test-key";
export const AKISMET_TEST_KEY = "akismet-test-key";

export function stubUrl(path: string): string {
  return `http://127.0.0.1:${inject("scoringStubPort")}${path}`;
}

export function uniqueKey(): string {
  return crypto.randomUUID().slice(0, 12);
}

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export async function received(key: string): Promise<Received[]> {
  return (await fetch(stubUrl(`/log/${key}`))).json<Received[]>();
}

/** The Workers AI stub, as the worker's AI binding. */
export function aiStub(): ScoringEnv["AI"] {
  return (env as unknown as { AI_STUB: ScoringEnv["AI"] }).AI_STUB;
}

/** Short, so that the stubs' slow answers (1.5 s) time out. */
export const TEST_TIMEOUT_MS = "400";

/** Bindings for one test: the Worker's own, with these scoring secrets and bindings (AI: none unless given). */
export function scoringEnv(extra: Partial<Record<keyof ScoringEnv, unknown>> = {}): Record<string, unknown> {
  return { ...env, AI: undefined, SCORING_TIMEOUT_MS: TEST_TIMEOUT_MS, ...extra };
}

/** The app itself, called with these bindings (the scoring code reads `env` from cloudflare:workers). */
export function withBindings(bindings: Record<string, unknown>, req: Request): Promise<Response> {
  return withEnv(bindings, () => app.fetch(req, bindings)) as Promise<Response>;
}

let ip = 0;

/** POSTs a comment through the app with these bindings, from the site's origin and a fresh IP. */
export function postScored(site: TestSite, body: object, bindings: Record<string, unknown> = scoringEnv()): Promise<Response> {
  const req = new Request(new URL(sitePath(site, "/comments"), BASE), {
    method: "POST",
    headers: {
      Origin: site.origin,
      "Content-Type": "application/json",
      "CF-Connecting-IP": `198.51.${Math.floor(++ip / 250) % 250}.${(ip % 250) + 1}`,
    },
    body: JSON.stringify(body),
  });
  return withBindings(bindings, req);
}

export function scoringSite(settings: object = {}): Promise<TestSite> {
  return createSite({ settings: { floodMaxPerAuthor: 1000, floodMaxPerIp: 1000, duplicateWindowSeconds: 0, ...settings } });
}

export interface ScoreRow {
  comment_id: number;
  site_id: string;
  value: number;
  labels: string;
  provider: string;
}

export async function scoreOf(commentId: number): Promise<{ value: number; labels: string[]; provider: string } | null> {
  const row = await env.DB.prepare("SELECT * FROM comment_scores WHERE comment_id = ?").bind(commentId).first<ScoreRow>();
  return row ? { value: row.value, labels: JSON.parse(row.labels) as string[], provider: row.provider } : null;
}

export async function statusOf(commentId: number): Promise<{ status: string; reasons: { code: string; detail?: string }[] }> {
  const row = await env.DB.prepare("SELECT status, reasons FROM comments WHERE id = ?")
    .bind(commentId)
    .first<{ status: string; reasons: string }>();
  return { status: row!.status, reasons: JSON.parse(row!.reasons) };
}
