// Prints the reader embed's sizes (minified, gzip -9, brotli 11) file by file, then the files a
// first comment waits for and all of them against their gzip budgets; exits 1 when over.
// Run after `npm run build:widget`.
import {
  brotliSize,
  firstCommentPath,
  gzipSize,
  PATH_BUDGET_GZIP,
  PATH_GOAL_GZIP,
  read,
  readMeta,
  TOTAL_BUDGET_GZIP,
  widgetFiles,
} from "./widget-sizes.mjs";

const meta = readMeta();
const files = widgetFiles(meta);
const size = new Map(files.map((f) => [f, { min: read(f).length, gzip: gzipSize(f), br: brotliSize(f) }]));
// The same form as bench/README.md's table: "19.6 KB (20,084 B)".
const kb = (n) => `${(n / 1024).toFixed(1)} KB (${n.toLocaleString("en")} B)`.padStart(20);
const row = (label, s) => `${label.padEnd(40)} ${kb(s.min)} ${kb(s.gzip)} ${kb(s.br)}`;
const files_ = (n) => (n === 1 ? "1 file" : `${n} files`);
const sum = (list) =>
  list.reduce((t, f) => ({ min: t.min + size.get(f).min, gzip: t.gzip + size.get(f).gzip, br: t.br + size.get(f).br }), {
    min: 0,
    gzip: 0,
    br: 0,
  });

console.log(`${"file".padEnd(40)} ${"minified".padStart(20)} ${"gzip -9".padStart(20)} ${"brotli 11".padStart(20)}`);
for (const f of files) console.log(row(f, size.get(f)));

// Each file is compressed on its own and the sizes added, as the browser fetches them: a little
// more than one stream of the same bytes would give, so the budget errs on the strict side.
const path = firstCommentPath(meta);
let over = false;
for (const [label, list, budget] of [
  [`first comment: ${files_(path.length)}`, path, PATH_BUDGET_GZIP],
  [`all widget files: ${files_(files.length)}`, files, TOTAL_BUDGET_GZIP],
]) {
  const s = sum(list);
  const ok = s.gzip <= budget;
  over ||= !ok;
  console.log(`\n${row(label, s)}\n  budget (gzip): ${kb(budget).trim()}, ${ok ? "within" : "OVER"}`);
  if (list === path && s.gzip > PATH_GOAL_GZIP) {
    console.log(`  issue 8's goal (gzip): ${kb(PATH_GOAL_GZIP).trim()}, not met: ${kb(s.gzip - PATH_GOAL_GZIP).trim()} over`);
  }
}
console.log(`\nfirst-comment path: ${path.join(", ")}`);
if (over) process.exit(1);
