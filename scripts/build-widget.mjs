// Builds the reader embed: dist/public/embed.js plus the chunks it loads on demand
// (dist/public/chunks/), and dist/widget-meta.json for the size test and bench.
import { build, transform } from "esbuild";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

// Styles live in .css files but reach the shadow roots as strings; minify them here, since
// esbuild's text loader would ship them verbatim (comments, indentation) in the reader's bytes.
const minifiedCss = {
  name: "minified-css-string",
  setup(b) {
    b.onLoad({ filter: /\.css$/ }, async ({ path }) => {
      const { code } = await transform(await readFile(path, "utf8"), { loader: "css", minify: true, sourcefile: path });
      return { contents: code.trim(), loader: "text" };
    });
  },
};

// Chunk names change with their content, so a chunk left from an earlier build would never be
// loaded again; start clean so that the directory holds exactly what embed.js can reach.
await rm(`${root}/dist/public/chunks`, { recursive: true, force: true });

const { metafile, outputFiles } = await build({
  absWorkingDir: root, // metafile paths are then relative to the repository (dist/…, widget/…)
  entryPoints: ["widget/embed.ts"],
  outdir: "dist/public",
  // One stable URL for sites' snippets; chunks are imported by URLs relative to embed.js's own,
  // so they come from the Palabre origin whatever page loads it.
  entryNames: "embed",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  minify: true,
  target: "es2022",
  legalComments: "none",
  metafile: true,
  write: false,
  logLevel: "warning",
  plugins: [minifiedCss],
}).catch(() => process.exit(1)); // esbuild has already printed the errors; a stack adds nothing

// Lit's templates keep the source's line breaks and indentation, which esbuild may not touch
// inside template literals: a tenth of the reader's bytes. In minified output a line break
// followed by spaces only occurs there (esbuild writes each statement on one line, and a "\n"
// string it turns into a template literal is followed by its closing backtick), and in HTML
// such a run means the same as one space.
const collapse = (code) => code.replace(/\n +/g, " ");
for (const file of outputFiles) {
  await mkdir(dirname(file.path), { recursive: true });
  await writeFile(file.path, file.path.endsWith(".js") ? collapse(file.text) : file.contents);
}
for (const [name, output] of Object.entries(metafile.outputs)) {
  const file = outputFiles.find((f) => f.path === join(root, name));
  if (file?.path.endsWith(".js")) output.bytes = Buffer.byteLength(collapse(file.text));
}

await writeFile(`${root}/dist/widget-meta.json`, JSON.stringify(metafile, null, 1));
