// bench/RESULTS.md carries the live channel's figures too (issue 14 asks for them there), as a
// section between markers: `npm run bench` rewrites the file and keeps the section from
// bench/RESULTS-live.md, and `npm run bench:live` replaces the section when it writes that file.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const START = "<!-- live: written from bench/RESULTS-live.md by bench/live-section.mjs -->";
const END = "<!-- /live -->";

/** `results` (RESULTS.md's text) with its live section replaced by `live` (RESULTS-live.md's text), or added. */
export function withLiveSection(results, live) {
  // The live file's title becomes a second-level heading inside RESULTS.md.
  const section = `${START}\n${live.trim().replace(/^# /, "## ")}\n${END}`;
  const at = results.indexOf(START);
  if (at < 0) return `${results.trimEnd()}\n\n${section}\n`;
  const end = results.indexOf(END, at);
  return `${results.slice(0, at)}${section}${end < 0 ? "\n" : results.slice(end + END.length)}`;
}

/** Puts the live file's section into the results file, when both exist. */
export function syncLiveSection(resultsPath = "bench/RESULTS.md", livePath = "bench/RESULTS-live.md") {
  if (!existsSync(resultsPath) || !existsSync(livePath)) return false;
  writeFileSync(resultsPath, withLiveSection(readFileSync(resultsPath, "utf8"), readFileSync(livePath, "utf8")));
  return true;
}
