// What a delivery may be sent to: a mail address that is an address, a webhook URL that is https
// (http only to this machine, and only while Palabre itself runs in development).

// Deliberately plain: one @, no spaces or angle brackets (a header injection or a display name is
// not an address), a dotted domain; the provider does the rest.
const ADDRESS =
  /^[^\s@<>()[\],;:"\\]{1,64}@(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isMailAddress(s: string): boolean {
  return s.length <= 254 && ADDRESS.test(s);
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

function isLocalHttp(u: URL): boolean {
  return u.protocol === "http:" && LOCAL_HOSTS.has(u.hostname);
}

/** Palabre runs in development when its own public origin is http on this machine. */
export function isDevelopment(palabreUrl: string | undefined): boolean {
  try {
    return isLocalHttp(new URL(palabreUrl ?? ""));
  } catch {
    return false;
  }
}

/** Why a webhook URL is refused, or null when it may be used. "" (no webhook) is fine. */
export function webhookUrlProblem(url: string, palabreUrl: string | undefined): string | null {
  if (url === "") return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "must be an https address";
  }
  if (u.username !== "" || u.password !== "") return "must not carry a user name or password";
  if (u.protocol === "https:" && u.hostname !== "") return null;
  if (isLocalHttp(u)) {
    return isDevelopment(palabreUrl) ? null : "http is allowed only for localhost while Palabre runs in development; use https";
  }
  return "must be an https address";
}
