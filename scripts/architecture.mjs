// The import direction of the code, read from the layer table in docs/architecture.md and checked
// against every import of the repository's source files. scripts/architecture.test.ts runs it in
// `npm test`; `node scripts/architecture.mjs` prints the violations and the layer of each folder.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SKIP = new Set(["node_modules", ".next", ".git", ".data", "test-results", "playwright-report", "reports"]);
const SOURCE = /\.(ts|tsx|mjs)$/;
/** Tests and their support (`testing/` folders) may reach anything they exercise; the rules hold for the product's code. */
export const isTestCode = (file) => /\.test\.tsx?$/.test(file) || file.split("/").includes("testing");

/** The table between `<!-- layers:start -->` and `<!-- layers:end -->`: layer, the paths it holds, the layers it may import. */
export function readLayers(markdown) {
  const block = markdown.split("<!-- layers:start -->")[1]?.split("<!-- layers:end -->")[0];
  if (!block) throw new Error("docs/architecture.md has no layer table (<!-- layers:start --> … <!-- layers:end -->)");
  const rows = block
    .split("\n")
    .filter((l) => l.startsWith("|") && !/^\|\s*-/.test(l))
    .slice(1);
  return rows.map((row) => {
    const [name, holds, mayImport] = row
      .split("|")
      .slice(1, 4)
      .map((c) => c.trim());
    const paths = [...holds.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    const may = mayImport === "—" || mayImport === "" ? [] : mayImport.split(",").map((s) => s.trim());
    return { name, paths, mayImport: may };
  });
}

/** The layer a file belongs to: the layer whose path is the longest prefix of it (a folder ends in `/`). */
export function layerOf(layers, file) {
  let best;
  for (const layer of layers) {
    for (const p of layer.paths) {
      const hit = p.endsWith("/") ? file.startsWith(p) : file === p;
      if (hit && (!best || p.length > best.length)) best = { layer: layer.name, length: p.length };
    }
  }
  return best?.layer;
}

function walk(dir, base = "") {
  return fs.readdirSync(path.join(dir, base), { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const rel = base ? `${base}/${e.name}` : e.name;
    return e.isDirectory() ? walk(dir, rel) : SOURCE.test(e.name) ? [rel] : [];
  });
}

const TYPE_IMPORT = /\b(?:import|export)\s+type\s+[^;]*?\bfrom\s*["']([^"']+)["']/g;
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\(\s*)["']([^"']+)["']/g;

/** Every import of a repository file by a repository file: `[importer, imported]`, both relative to the root. */
export function importGraph(root = ROOT, files = walk(root)) {
  const known = new Set(files);
  const resolve = (importer, spec) => {
    let base;
    if (spec.startsWith("@/")) base = spec.slice(2);
    else if (spec.startsWith(".")) base = path.posix.normalize(path.posix.join(path.posix.dirname(importer), spec));
    else return undefined;
    return [base, `${base}.ts`, `${base}.tsx`, `${base}.mjs`, `${base}/index.ts`].find((c) => known.has(c));
  };
  const edges = [];
  const valueEdges = [];
  const packages = [];
  const client = new Set();
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), "utf8");
    if (/^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*["']use client["']/.test(text)) client.add(file);
    // How often each specifier is imported for its types only: an edge is a value edge when some import of it is not.
    const typeOnly = new Map();
    for (const m of text.matchAll(TYPE_IMPORT)) typeOnly.set(m[1], (typeOnly.get(m[1]) ?? 0) + 1);
    const seen = new Map();
    for (const m of text.matchAll(IMPORT)) seen.set(m[1], (seen.get(m[1]) ?? 0) + 1);
    for (const [spec, n] of seen) {
      if (!spec.startsWith("@/") && !spec.startsWith(".")) {
        if (n > (typeOnly.get(spec) ?? 0)) packages.push([file, spec]);
        continue;
      }
      const target = resolve(file, spec);
      if (target && target !== file) {
        edges.push([file, target]);
        if (n > (typeOnly.get(spec) ?? 0)) valueEdges.push([file, target]);
      }
    }
  }
  return { files, edges, valueEdges, packages, client };
}

/** Every file that runs in the browser: the `"use client"` files and what they import for more than types. */
export function browserFiles(graph) {
  const out = new Set(graph.client);
  const next = new Map();
  for (const [a, b] of graph.valueEdges) next.set(a, [...(next.get(a) ?? []), b]);
  const queue = [...out];
  while (queue.length) {
    for (const b of next.get(queue.pop()) ?? []) {
      if (out.has(b)) continue;
      out.add(b);
      queue.push(b);
    }
  }
  return out;
}

/** The layers a browser file (`"use client"`) may never import: the line `<!-- browser-never: a, b -->` of the document. */
export function readBrowserNever(markdown) {
  const m = /<!-- browser-never: ([^>]*) -->/.exec(markdown);
  if (!m) throw new Error("docs/architecture.md has no <!-- browser-never: … --> line");
  return m[1].split(",").map((s) => s.trim());
}

/**
 * What the browser may not hold: a browser file (a `"use client"` file or what one imports for more
 * than its types) importing a layer the browser may never reach (type imports included), a
 * contract's schemas (types only: the schemas would bring zod), or zod itself.
 */
export function browserViolations(layers, graph, never) {
  const banned = new Set(never);
  const browser = browserFiles(graph);
  const inBrowser = ([from]) => browser.has(from) && !isTestCode(from);
  const isValue = new Set(graph.valueEdges.map(([a, b]) => `${a}>${b}`));
  return [
    ...graph.edges
      .filter(inBrowser)
      .filter(([, to]) => banned.has(layerOf(layers, to)))
      .map(([from, to]) => `${from} (browser) imports ${to} (${layerOf(layers, to)})`),
    ...graph.edges
      .filter(inBrowser)
      .filter(([from, to]) => layerOf(layers, to) === "contracts" && isValue.has(`${from}>${to}`))
      .map(([from, to]) => `${from} (browser) imports ${to} for more than its types`),
    ...graph.packages
      .filter(inBrowser)
      .filter(([, p]) => p === "zod" || p.startsWith("zod/"))
      .map(([from, p]) => `${from} (browser) imports ${p}`),
  ];
}

/** The imports that run against the table: from a file of one layer to a layer it may not import. */
export function violations(layers, graph) {
  const allowed = new Map(layers.map((l) => [l.name, new Set([l.name, ...l.mayImport])]));
  const found = [];
  for (const [from, to] of graph.edges) {
    if (isTestCode(from)) continue;
    const a = layerOf(layers, from);
    const b = layerOf(layers, to);
    if (!a || !b) continue;
    if (!allowed.get(a).has(b)) found.push(`${from} (${a}) imports ${to} (${b})`);
  }
  return found;
}

/** Source files (not tests, not testing support) per folder under `lib/`. */
export function folderSizes(files) {
  const sizes = new Map();
  for (const f of files) {
    if (!f.startsWith("lib/") || isTestCode(f)) continue;
    const dir = path.posix.dirname(f);
    sizes.set(dir, (sizes.get(dir) ?? 0) + 1);
  }
  return sizes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const layers = readLayers(fs.readFileSync(path.join(ROOT, "docs/architecture.md"), "utf8"));
  const graph = importGraph();
  const bad = [
    ...violations(layers, graph),
    ...browserViolations(layers, graph, readBrowserNever(fs.readFileSync(path.join(ROOT, "docs/architecture.md"), "utf8"))),
  ];
  for (const v of bad) console.log(`against the direction: ${v}`);
  for (const [dir, n] of [...folderSizes(graph.files)].sort())
    console.log(`${String(n).padStart(3)}  ${dir}  (${layerOf(layers, `${dir}/x.ts`) ?? "no layer"})`);
  process.exitCode = bad.length ? 1 : 0;
}
