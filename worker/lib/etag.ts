// Conditional requests: weak ETags made from what a response depends on, and If-None-Match.
import { sha256Hex } from "./hash";

/** A weak ETag for these inputs (e.g. the story's version, the query, the reader). */
export async function weakEtag(inputs: unknown): Promise<string> {
  return `W/"${(await sha256Hex(JSON.stringify(inputs))).slice(0, 32)}"`;
}

/** If-None-Match names this ETag (weak comparison, as RFC 9110 asks for GET), or is "*". */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}
