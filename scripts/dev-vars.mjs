// `npm start`: gives local development its own IP_HASH_KEY (worker/lib/hash.ts) in .dev.vars, which
// wrangler dev reads and git ignores. An existing key is kept, so that local flood windows and
// network bans keep matching across restarts.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const FILE = ".dev.vars";
const current = existsSync(FILE) ? readFileSync(FILE, "utf8") : "";
if (/^\s*IP_HASH_KEY\s*=/m.test(current)) process.exit(0);

const key = randomBytes(32).toString("base64url");
const separator = current === "" || current.endsWith("\n") ? "" : "\n";
writeFileSync(FILE, `${current}${separator}IP_HASH_KEY="${key}"\n`, { mode: 0o600 });
console.log(`${FILE}: generated a random IP_HASH_KEY for local development.`);
