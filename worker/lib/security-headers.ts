// Security headers (issue 10 point 9), set on every response once its route has answered. The
// dashboard (/admin) gets a strict CSP — scripts only from its own files, never inline, and no
// framing (clickjacking a moderator) — while the demo pages and embed.js, which other sites load
// and frame, get no frame-ancestors and no CSP. Everything says nosniff and a Referrer-Policy.
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";

/**
 * The dashboard's policy. Styles may be inline: its page carries its stylesheet in a <style> and
 * the figures' chunk injects uPlot's, and preact sets style properties; no script can be inline.
 * Images may come from https (SSO avatars). Links to story pages are plain navigations.
 */
export const ADMIN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** JSON answers load nothing and are never framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** The mail links' small pages (served under /api): an inline stylesheet and a form posting back here. */
function mailPageCsp(palabreUrl: string | undefined): string {
  let own = "";
  try {
    own = palabreUrl ? ` ${new URL(palabreUrl).origin}` : "";
  } catch {
    // PALABRE_URL unset or malformed: 'self' alone
  }
  return `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'${own}; base-uri 'none'; frame-ancestors 'none'`;
}

function headersFor(path: string, contentType: string, palabreUrl: string | undefined): Record<string, string> {
  const common = { "X-Content-Type-Options": "nosniff" };
  if (path === "/admin" || path.startsWith("/admin/") || path === "/") {
    return {
      ...common,
      "Content-Security-Policy": ADMIN_CSP,
      "X-Frame-Options": "DENY",
      // the dashboard's addresses (sites, comments) are not for the pages it links to
      "Referrer-Policy": "same-origin",
    };
  }
  if (path.startsWith("/api/")) {
    return {
      ...common,
      "Content-Security-Policy": contentType.startsWith("text/html") ? mailPageCsp(palabreUrl) : API_CSP,
      "Referrer-Policy": "no-referrer",
    };
  }
  // embed.js, its chunks and the demo pages: embeddable and framable by the sites that use them.
  return { ...common, "Referrer-Policy": "strict-origin-when-cross-origin" };
}

export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const set = headersFor(c.req.path, c.res.headers.get("Content-Type") ?? "", c.env?.PALABRE_URL);
  try {
    for (const [name, value] of Object.entries(set)) c.res.headers.set(name, value);
  } catch {
    // a response passed through from a binding (the assets) has immutable headers: copy it first
    const res = new Response(c.res.body, c.res);
    for (const [name, value] of Object.entries(set)) res.headers.set(name, value);
    c.res = res;
  }
};
