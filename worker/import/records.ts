// What every importer reads a source file into (Disqus, WordPress WXR, Palabre's own export), so
// that checking, counting and writing are one piece of code whatever the source. Pure: no Node
// APIs, so the worker tests run the very same code in workerd.
import { NAME_MAX, normalizeText } from "../../common/text/rules";

export type ImportSource = "disqus" | "wordpress" | "palabre";
export const IMPORT_SOURCES: readonly ImportSource[] = ["disqus", "wordpress", "palabre"];

/** A source's moderation state, before it becomes a Palabre status (sql.ts). */
export type SourceStatus = "approved" | "pending" | "spam" | "rejected" | "deleted";

export interface ThreadRecord {
  sourceId: string;
  /** the story attribute: the source's identifier, else its URL; null when it has neither */
  key: string | null;
  url: string | null;
  title: string | null;
  createdAt: number | null;
  closed: boolean;
}

export interface CommentRecord {
  sourceId: string;
  threadId: string;
  parentId: string | null;
  /** a stable key of the author in the source, hashed (never a name or an email in clear: see authorKey) */
  authorKey: string;
  authorName: string;
  /** epoch ms, or the raw text that could not be read as a date */
  createdAt: number | string | null;
  /** Palabre text (html.ts has already converted the source's HTML) */
  body: string;
  status: SourceStatus;
  /** why the source says this is not a comment (a pingback…), or null */
  notComment: string | null;
  /** a reader signed in through the site (Palabre's own export): kept, so they find their comments */
  sso?: { externalId: string; email: string | null; avatarUrl: string | null };
}

/** What a parser calls as it meets threads and comments, in file order. */
export interface RecordSink {
  thread(t: ThreadRecord): void | Promise<void>;
  comment(c: CommentRecord): void | Promise<void>;
}

/** A refusal of the whole file, before anything was written: one clear message. */
export class ImportError extends Error {}

/** 64-bit FNV-1a, hex: a stable author key that does not keep the name or email in clear. */
export function stableHash(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, "0");
}

/** The author's key: the source's own user id if any, else their email, else their name. */
export function authorKey(parts: { userId?: string | null; email?: string | null; name: string }): string {
  if (parts.userId) return `u:${stableHash(parts.userId)}`;
  if (parts.email?.trim()) return `e:${stableHash(parts.email.trim().toLowerCase())}`;
  return `n:${stableHash(parts.name)}`;
}

const NAME_CONTROLS = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** A displayable author name: controls and bidi overrides dropped, cut to NAME_MAX; blank → "Anonymous". */
export function authorName(raw: string | null | undefined): string {
  const name = normalizeText((raw ?? "").replace(NAME_CONTROLS, " ")).replace(/\s+/g, " ");
  if (!name) return "Anonymous";
  return [...name].slice(0, NAME_MAX).join("").trim();
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const RFC2822 = /^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s*(?:[+-]\d{4}|GMT|UTC|Z)$/;

/**
 * Epoch ms from the dates exports use: ISO 8601 with T or a space (no offset: UTC, as Disqus
 * and WordPress's *_gmt fields are), RFC 2822 (WordPress pubDate), or epoch seconds/ms. Anything
 * else is returned as null, and the caller says which text it could not read.
 */
export function parseDate(raw: string | null | undefined): number | null {
  const text = raw?.trim() ?? "";
  if (!text || text.startsWith("0000-00-00")) return null;
  let ms: number;
  const iso = ISO.exec(text);
  if (iso) {
    const zone = iso[8] ? (iso[8].toUpperCase() === "Z" ? "Z" : iso[8].replace(/^([+-]\d{2})(\d{2})$/, "$1:$2")) : "Z";
    const frac = (iso[7] ?? "0").slice(0, 3).padEnd(3, "0");
    ms = Date.parse(`${iso[1]}-${iso[2]}-${iso[3]}T${iso[4]}:${iso[5]}:${iso[6] ?? "00"}.${frac}${zone}`);
  } else if (RFC2822.test(text)) {
    ms = Date.parse(text);
  } else if (/^\d{9,13}$/.test(text)) {
    ms = text.length <= 10 ? Number(text) * 1000 : Number(text);
  } else {
    return null;
  }
  // Before 1995 or more than a day ahead: not a comment date, whatever its syntax.
  if (!Number.isFinite(ms) || ms < Date.UTC(1995, 0, 1) || ms > Date.now() + 86_400_000) return null;
  return ms;
}

export function optionalText(raw: string | null | undefined): string | null {
  const text = raw?.trim();
  return text ? text : null;
}
