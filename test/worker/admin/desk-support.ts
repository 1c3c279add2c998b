// Helpers for the desk's tests (To answer, overview, templates): readers asking through the real
// reader API, staff answering through the staff API, and the answer columns of a comment.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { CrossSiteQueueResponse, QueueResponse, StaffReplyResponse } from "../../../worker/schemas/admin-views";
import type { PostCommentResponse } from "../../../worker/schemas/views";
import { comment, createSite, json, postOk, type TestSite } from "../support";
import { admin } from "./support";

/** A site whose flood rules let one test post many comments from the same (absent) IP. */
export function deskSite(opts: { name?: string; settings?: object } = {}): Promise<TestSite> {
  return createSite({
    ...(opts.name ? { name: opts.name } : {}),
    settings: { floodMaxPerAuthor: 1000, floodMaxPerIp: 1000, duplicateWindowSeconds: 0, ...opts.settings },
  });
}

/** A reader's comment posted through POST /api/v1/{site}/comments (a new guest each time). */
export function say(site: TestSite, story: string, body: string, extra: object = {}): Promise<PostCommentResponse> {
  return postOk(site, comment(story, body, "Lecteur", extra));
}

/** A staff reply through POST /api/admin/sites/{site}/replies; returns the new comment's id. */
export async function staffReply(siteId: string, cookie: string, parentId: number, body = "Merci, voici la réponse."): Promise<number> {
  const res = await admin(`/sites/${siteId}/replies`, { cookie, body: { parentId, body } });
  expect(res.status).toBe(201);
  return (await json<StaffReplyResponse>(res)).comment.id;
}

export async function toAnswerQueue(siteId: string, cookie: string, query = ""): Promise<QueueResponse> {
  const res = await admin(`/sites/${siteId}/queues/to-answer${query}`, { cookie });
  expect(res.status).toBe(200);
  return json<QueueResponse>(res);
}

export async function crossSiteToAnswer(cookie: string, query = ""): Promise<CrossSiteQueueResponse> {
  const res = await admin(`/queues/to-answer${query}`, { cookie });
  expect(res.status).toBe(200);
  return json<CrossSiteQueueResponse>(res);
}

export function dismiss(siteId: string, cookie: string, ids: unknown): Promise<Response> {
  return admin(`/sites/${siteId}/to-answer/dismiss`, { cookie, body: { ids } });
}

export interface AnswerFacts {
  answer_status: "waiting" | "answered" | "dismissed" | null;
  answered_at: number | null;
}

export async function answerFacts(id: number): Promise<AnswerFacts> {
  const row = await env.DB.prepare("SELECT answer_status, answered_at FROM comments WHERE id = ?").bind(id).first<AnswerFacts>();
  if (!row) throw new Error(`no comment ${id}`);
  return row;
}
