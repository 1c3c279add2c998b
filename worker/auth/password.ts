// Staff passwords: PBKDF2-SHA256 through WebCrypto. The Worker and the staff CLI (Node) both hash
// with this module, so a hash written by one always verifies in the other.

/** Workers refuse PBKDF2 with more iterations than this, so it is as high as a sign-in can use. */
export const PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
const SCHEME = "pbkdf2-sha256";

const encoder = new TextEncoder();

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  // NFC, so that the same password typed on another system (composed or decomposed accents) matches.
  const key = await crypto.subtle.importKey("raw", encoder.encode(password.normalize("NFC")), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, HASH_BYTES * 8);
  return new Uint8Array(bits);
}

/** Compares in time that depends only on the length, so a guess learns nothing from the timing. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** "pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>", with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, PBKDF2_ITERATIONS);
  return `${SCHEME}$${PBKDF2_ITERATIONS}$${toBase64(salt)}$${toBase64(hash)}`;
}

interface ParsedHash {
  iterations: number;
  salt: Uint8Array<ArrayBuffer>;
  hash: Uint8Array;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split("$");
  if (parts.length !== 4 || parts[0] !== SCHEME || !/^\d{1,7}$/.test(parts[1]!)) return null;
  const iterations = Number(parts[1]);
  const salt = fromBase64(parts[2]!);
  const hash = fromBase64(parts[3]!);
  // More iterations than Workers allow could never verify there: treat the row as unusable.
  if (iterations < 1 || iterations > PBKDF2_ITERATIONS || !salt || salt.length === 0 || !hash || hash.length !== HASH_BYTES) {
    return null;
  }
  return { iterations, salt, hash };
}

// Stands in for the hash of an unknown email, so that signing in as nobody costs the same time
// as a wrong password (the derived bytes can never match: the expected hash is all zeros here).
const DECOY: ParsedHash = {
  iterations: PBKDF2_ITERATIONS,
  salt: new Uint8Array(SALT_BYTES),
  hash: new Uint8Array(HASH_BYTES),
};

/** True when the password matches the stored hash; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parsed = stored === null ? null : parseHash(stored);
  const target = parsed ?? DECOY;
  const derived = await derive(password, target.salt, target.iterations);
  return constantTimeEqual(derived, target.hash) && parsed !== null;
}
