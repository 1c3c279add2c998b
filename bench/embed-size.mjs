// Prints the size of the built embed (minified and gzip -9) against its budget; exits 1 when over.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const FILE = "dist/public/embed.js";
const BUDGET_GZIP = 20 * 1024;

const code = readFileSync(new URL(`../${FILE}`, import.meta.url));
const gzip = gzipSync(code, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB (${n} bytes)`;

console.log(`${FILE} minified: ${kb(code.length)}`);
console.log(`${FILE} gzip -9:  ${kb(gzip)}`);
console.log(`budget (gzip):      ${kb(BUDGET_GZIP)} — ${gzip <= BUDGET_GZIP ? "within" : "OVER"} budget`);
if (gzip > BUDGET_GZIP) process.exit(1);
