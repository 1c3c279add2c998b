// Issue 10 point 3: a network (IP) is stored only as HMAC-SHA256 under the Worker secret
// IP_HASH_KEY, never as a bare SHA-256 of site and IP (all of IPv4 reverses in about 96 minutes).
import { env, withEnv } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../../worker/app";
import { BASE, api, comment, createSite, errorOf, refusedWithoutWrite, sitePath } from "../support";

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
const encoder = new TextEncoder();
const sha256 = async (text: string) => hex(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
async function hmac(key: string, text: string) {
  const k = await crypto.subtle.importKey("raw", encoder.encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return hex(await crypto.subtle.sign("HMAC", k, encoder.encode(text)));
}

function postFrom(site: { id: string; origin: string }, ip: string, story: string) {
  return api(sitePath(site.id, "/comments"), {
    method: "POST",
    origin: site.origin,
    headers: { "Content-Type": "application/json", "CF-Connecting-IP": ip },
    body: JSON.stringify(comment(story, "A keyed network.", "Ana")),
  });
}

/** The app itself, called with a Worker env whose IP_HASH_KEY is missing or too short. */
function withoutKey(site: { id: string; origin: string }, key: string | undefined): Promise<Response> {
  const bare = { ...env, IP_HASH_KEY: key };
  const req = new Request(new URL(sitePath(site.id, "/comments"), BASE), {
    method: "POST",
    headers: { Origin: site.origin, "Content-Type": "application/json", "CF-Connecting-IP": "203.0.113.78" },
    body: JSON.stringify(comment("no-key", "No key, no network.", "Ana")),
  });
  return withEnv(bare, () => app.fetch(req, bare)) as Promise<Response>;
}

describe("networks are kept as keyed hashes", () => {
  it("stores HMAC-SHA256(IP_HASH_KEY, site:ip), not the bare SHA-256 an attacker could reverse", async () => {
    const site = await createSite();
    const ip = "203.0.113.77";
    const res = await postFrom(site, ip, "keyed");
    expect(res.status).toBe(201);
    const { id } = await res.json<{ comment: { id: number } }>().then((b) => b.comment);
    const row = await env.DB.prepare("SELECT ip_hash FROM comments WHERE id = ?").bind(id).first<{ ip_hash: string }>();
    expect(row!.ip_hash).not.toBe(await sha256(`${site.id}:${ip}`));
    expect(env.IP_HASH_KEY).toBeTruthy();
    expect(row!.ip_hash).toBe(await hmac(env.IP_HASH_KEY!, `${site.id}:${ip}`));
  });

  it("without a key, refuses to record a network (503, Retry-After, nothing written) rather than fall back to a bare hash", async () => {
    const site = await createSite();
    const res = await refusedWithoutWrite(() => withoutKey(site, undefined));
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await errorOf(res)).code).toBe("internal");
    // a short key is no better
    const short = await withoutKey(site, "short");
    expect(short.status).toBe(503);
  });
});
