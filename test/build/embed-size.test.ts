// The built embed (dist/public/embed.js, from `npm run build`): within its size budget, one
// self-contained ES module, and free of HTML sinks in our code.
import { describe, it, expect } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const EMBED = "dist/public/embed.js";
const BUDGET_GZIP = 20 * 1024;
const SINKS = /\b(innerHTML|outerHTML|insertAdjacentHTML|unsafeHTML|unsafeSVG|document\.write|createContextualFragment|srcdoc)\b/;

const code = readFileSync(EMBED, "utf8");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|js)$/.test(name) ? [path] : [];
  });
}

describe("dist/public/embed.js", () => {
  it(`is under ${BUDGET_GZIP} bytes gzipped`, () => {
    const gzip = gzipSync(code, { level: 9 }).length;
    expect(gzip).toBeGreaterThan(1000); // a real build, not a placeholder
    expect(gzip).toBeLessThan(BUDGET_GZIP);
  });

  it("is one self-contained ES module that defines <palabre-comments>, <palabre-featured> and <palabre-count>", () => {
    // No static or dynamic import of another file: everything is bundled.
    // Minified forms: import"x", import("x"), import{a}from"x", import*as a from"x", export*from"x".
    expect(code).not.toMatch(/\bimport\s*["'`(]/);
    expect(code).not.toMatch(/\bfrom\s*["'`]/);
    expect(code).not.toMatch(/\brequire\s*\(/);
    // An ES module: it reads import.meta.url to find its API origin and exports the element class.
    expect(code).toContain("import.meta.url");
    expect(code).toMatch(/\bexport\s*\{/);
    expect(code).toContain('"palabre-comments"');
    expect(code).toContain('"palabre-featured"');
    expect(code).toContain('"palabre-count"');
  });

  it("pulls in no zod, preact or worker runtime code", () => {
    expect(code).not.toMatch(/ZodError|zod|preact|hono|D1Database|\.prepare\(/i);
  });

  it("has exactly one innerHTML, lit's own template-element parsing, and no other HTML sink", () => {
    // lit-html builds a <template> from the static parts of html`` literals (our source code, never
    // user text): `createElement("template"); t.innerHTML = html`. That one is expected.
    const uses = code.match(/innerHTML/g) ?? [];
    expect(uses).toHaveLength(1);
    expect(code).toMatch(/createElement\("template"\);return \w+\.innerHTML=\w+,\w+/);
    const rest = code.replace(/innerHTML/, "");
    expect(rest).not.toMatch(SINKS);
  });
});

describe("widget/ and common/ sources (everything the embed is built from)", () => {
  const files = [...sourceFiles("widget"), ...sourceFiles("common")];

  it("are found", () => {
    expect(files).toContain(join("widget", "embed.ts"));
    expect(files).toContain(join("widget", "text", "render.ts"));
    expect(files).toContain(join("common", "text", "format.ts"));
    expect(files).toContain(join("common", "text", "rules.ts"));
    expect(files).toContain(join("widget", "palabre-featured.ts"));
    expect(files).toContain(join("widget", "palabre-count.ts"));
  });

  it.each(files)("%s uses no HTML sink", (file) => {
    expect(readFileSync(file, "utf8")).not.toMatch(SINKS);
  });

  it.each(files)("%s imports from the worker only as types", (file) => {
    const source = readFileSync(file, "utf8");
    for (const m of source.matchAll(/^import\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gm)) {
      if (m[2]!.includes("/worker/")) expect(m[1], `${file}: ${m[0]}`).toBeTruthy();
      expect(m[2], `${file} imports ${m[2]}`).not.toMatch(/^(zod|preact|hono)/);
    }
  });
});
