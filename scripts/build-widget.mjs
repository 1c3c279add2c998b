// Builds the reader embed: dist/public/embed.js, the chunks it loads on demand
// (dist/public/chunks/), and dist/widget-meta.json for the size test and bench.
//
// Two builds rather than esbuild's own splitting. With splitting, the code embed.js shares with
// its lazy chunks (lit-html, the API client, the formatter…) becomes a chunk of its own that
// embed.js imports: one more request, one after the other, before the first comment can show.
// Here embed.js holds everything the first comment needs, and registers the modules the lazy
// chunks also use under a global symbol; the lazy chunks read them from there instead of
// bundling a second copy (and a second instance: one token store, one lit, one set of strings).
// Every shared export is a constant (functions, classes, objects), so reading it once is enough.
import { build, transform } from "esbuild";
import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const ENTRY = "widget/embed.ts";
/** The modules loaded with import(): each is a chunk of its own (with what only it uses). */
const LAZY = [
  "widget/comments/forms.ts",
  "widget/comments/dsa.ts",
  "widget/page-elements.ts",
  "widget/locales/fr.ts",
  "widget/locales/en.ts",
  "widget/locales/fr-more.ts",
  "widget/locales/en-more.ts",
  "widget/comments/my-data.ts",
];

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

const options = {
  absWorkingDir: root, // metafile paths are then relative to the repository (dist/…, widget/…)
  bundle: true,
  format: "esm",
  minify: true,
  target: "es2022",
  legalComments: "none",
  metafile: true,
  write: false,
  logLevel: "warning",
};
const rel = (path) => relative(root, path).split("\\").join("/");
const fail = () => process.exit(1); // esbuild has already printed the errors; a stack adds nothing

// 1. Which modules both sides use: the entry's graph and the lazy chunks' graphs, measured apart.
const graph = async (entryPoints, extra = {}) =>
  Object.keys(
    (await build({ ...options, entryPoints, outdir: "dist/tmp", splitting: true, plugins: [minifiedCss], ...extra }).catch(fail)).metafile
      .inputs,
  );
const lazySet = new Set(LAZY);
const entryInputs = new Set(
  await graph([ENTRY], {
    // The lazy modules are not part of the entry's graph, whatever it imports dynamically.
    plugins: [
      minifiedCss,
      {
        name: "lazy-out",
        setup: (b) =>
          b.onResolve({ filter: /.*/ }, async (a) => (a.kind === "dynamic-import" ? { path: a.path, external: true } : undefined)),
      },
    ],
  }),
);
const shared = (await graph(LAZY)).filter((p) => entryInputs.has(p) && !lazySet.has(p) && !/\.css$/.test(p)).sort();

// A lazy chunk reads each shared export once: a reassigned export (`export let`) would go stale.
for (const path of shared.filter((p) => !p.startsWith("node_modules/"))) {
  if (/^\s*export\s+(let|var)\b/m.test(await readFile(join(root, path), "utf8"))) {
    console.error(`${path}: a module shared with the lazy chunks may export constants only (export let/var found)`);
    fail();
  }
}

// 2. Which of their exports the lazy chunks use: each lazy module built with the shared ones left
// out, so that its output names them in import statements. Only those are registered, so that
// embed.js keeps tree-shaking and renaming the rest (a namespace of every export would keep them all).
const usedNames = new Map(shared.map((p) => [p, new Set()]));
const markShared = {
  name: "mark-shared",
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (a) => {
      if (a.pluginData === "mark") return undefined;
      const found = await b.resolve(a.path, { resolveDir: a.resolveDir, kind: a.kind, pluginData: "mark" });
      const path = found.path && rel(found.path);
      return path && shared.includes(path) ? { path: `shared:${path}`, external: true } : undefined;
    });
  },
};
for (const entryPoint of LAZY) {
  const { outputFiles } = await build({
    ...options,
    metafile: false,
    entryPoints: [entryPoint],
    outdir: "dist/tmp",
    plugins: [minifiedCss, markShared],
  }).catch(fail);
  const text = outputFiles[0].text;
  const named = [...text.matchAll(/import\s*(\{[^}]*\}|\*\s*as\s*[\w$]+)\s*from\s*"shared:([^"]+)"/g)];
  if (named.length !== text.split('"shared:').length - 1) {
    console.error(`${entryPoint}: a default or side-effect import of a shared module; import its exports by name`);
    fail();
  }
  for (const [, what, path] of named) {
    if (!what.startsWith("{")) {
      console.error(`${entryPoint}: a namespace import of ${path}; import its exports by name`);
      fail();
    }
    for (const spec of what.slice(1, -1).split(",").filter(Boolean)) usedNames.get(path).add(spec.split(/\s+as\s+/)[0].trim());
  }
}
const exportsOf = new Map([...usedNames].filter(([, names]) => names.size).map(([p, names]) => [p, [...names].sort()]));
// Each registered export under a short key ("a", "b"…, in this order): the registry is on the first
// comment's path, and its keys are written once in embed.js and once in each chunk.
const keyOf = new Map(
  [...exportsOf].flatMap(([p, names]) => names.map((n) => `${p}#${n}`)).map((k, i) => [k, i.toString(36).replace(/^\d/, "_$&")]),
);
// The registry is named after the embed's sources: a page with two Palabre embeds of different
// builds (two sites' widgets) keeps two registries, and each build's chunks read their own.
const fingerprint = createHash("sha256");
for (const p of [...entryInputs].sort()) fingerprint.update(`${p}\0`).update(await readFile(join(root, p)));
fingerprint.update(JSON.stringify([...keyOf]));
const REGISTRY = `palabre.shared.${fingerprint.digest("hex").slice(0, 12)}`;

const fromRegistry = {
  name: "shared-from-embed",
  setup(b) {
    // The registry is looked up once per chunk (palabre:registry-root), however many shared
    // modules the chunk uses.
    b.onResolve({ filter: /^palabre:registry-root$/ }, () => ({ path: "root", namespace: "registry-root" }));
    b.onLoad({ filter: /.*/, namespace: "registry-root" }, () => ({
      contents: `export const m = globalThis[Symbol.for(${JSON.stringify(REGISTRY)})];`,
      loader: "js",
    }));
    b.onResolve({ filter: /.*/ }, async (a) => {
      if (a.pluginData === "registry" || a.namespace === "registry" || a.namespace === "registry-root") return undefined;
      const found = await b.resolve(a.path, { resolveDir: a.resolveDir, kind: a.kind, pluginData: "registry" });
      if (found.errors.length || !found.path) return undefined;
      const path = rel(found.path);
      return exportsOf.has(path) ? { path, namespace: "registry" } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: "registry" }, ({ path }) => {
      const names = exportsOf.get(path);
      return {
        contents:
          `import { m } from "palabre:registry-root";\n` +
          `export const ${names.map((n) => `${n} = m.${keyOf.get(`${path}#${n}`)}`).join(", ")};`,
        loader: "js",
      };
    });
  },
};
// Each lazy module is built on its own: a chunk imports nothing but the registry, so none waits for
// another (the locale chunk is on the first comment's path). The few lines two of them share
// (plural rules, esbuild's interop helper) are repeated instead.
const lazyBuilds = await Promise.all(
  LAZY.map((entryPoint) =>
    build({
      ...options,
      entryPoints: [entryPoint],
      outdir: "dist/public/chunks",
      entryNames: "[name]-[hash]",
      plugins: [minifiedCss, fromRegistry],
    }).catch(fail),
  ),
);
const lazy = {
  outputFiles: lazyBuilds.flatMap((r) => r.outputFiles),
  metafile: {
    inputs: Object.assign({}, ...lazyBuilds.map((r) => r.metafile.inputs)),
    outputs: Object.assign({}, ...lazyBuilds.map((r) => r.metafile.outputs)),
  },
};
const lazyFile = new Map(
  Object.entries(lazy.metafile.outputs)
    .filter(([, o]) => o.entryPoint)
    .map(([out, o]) => [o.entryPoint, `./chunks/${out.split("/").pop()}`]),
);

// 3. embed.js: everything static, the registry first, and import() of each lazy module by its
// chunk's content-hashed name (relative to embed.js, so from the Palabre origin on any page).
const registry = {
  name: "registry",
  setup(b) {
    b.onResolve({ filter: /^palabre:registry$/ }, () => ({ path: "registry", namespace: "registry" }));
    b.onLoad({ filter: /.*/, namespace: "registry" }, () => ({
      resolveDir: root,
      contents:
        [...exportsOf]
          .map(([p, names], i) => `import { ${names.map((n) => `${n} as m${i}_${n}`).join(", ")} } from ${JSON.stringify(`./${p}`)};`)
          .join("\n") +
        `\nglobalThis[Symbol.for(${JSON.stringify(REGISTRY)})] = {${[...exportsOf]
          .flatMap(([p, names], i) => names.map((n) => `${keyOf.get(`${p}#${n}`)}: m${i}_${n}`))
          .join(", ")}};`,
    }));
    b.onResolve({ filter: /.*/ }, async (a) => {
      if (a.kind !== "dynamic-import") return undefined;
      const found = await b.resolve(a.path, { resolveDir: a.resolveDir, kind: "import-statement" });
      const file = lazyFile.get(rel(found.path));
      if (!file) throw new Error(`${a.importer}: import(${a.path}) is not one of the lazy chunks (scripts/build-widget.mjs LAZY)`);
      return { path: file, external: true };
    });
  },
};
const entry = await build({
  ...options,
  stdin: { contents: `import "palabre:registry";\nexport * from "./${ENTRY}";`, resolveDir: root, sourcefile: "embed.js", loader: "ts" },
  outfile: "dist/public/embed.js",
  plugins: [minifiedCss, registry],
}).catch(fail);

// Lit's templates keep the source's line breaks and indentation, which esbuild may not touch
// inside template literals. In minified output a line break followed by spaces only occurs there
// (esbuild writes each statement on one line, and a "\n" string it turns into a template literal
// is followed by its closing backtick), and in HTML such a run means the same as one space.
const collapse = (code) => code.replace(/\n +/g, " ");

// Chunk names change with their content, so a chunk left from an earlier build would never be
// loaded again; start clean so that the directory holds exactly what embed.js can reach.
await rm(join(root, "dist/public/chunks"), { recursive: true, force: true });
const metafile = { inputs: { ...lazy.metafile.inputs, ...entry.metafile.inputs }, outputs: {} };
for (const result of [entry, lazy]) {
  for (const file of result.outputFiles) {
    const name = rel(file.path);
    const js = name.endsWith(".js");
    const text = js ? collapse(file.text) : file.contents;
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(file.path, text);
    const output = result.metafile.outputs[name];
    if (output)
      metafile.outputs[name] = {
        ...output,
        ...(name === "dist/public/embed.js" ? { entryPoint: ENTRY } : {}),
        bytes: Buffer.byteLength(text),
      };
  }
}
await writeFile(join(root, "dist/widget-meta.json"), JSON.stringify({ ...metafile, shared: Object.fromEntries(exportsOf) }, null, 1));
await rm(join(root, "dist/tmp"), { recursive: true, force: true });
