// A server component gets only a reference to what a "use client" module exports: rendering a client
// component through it works, but calling one of its functions or reading one of its constants on the
// server does not (it throws, or the value is a reference, not the number). Tests in node never see it,
// the page fails at its first render. This lists every value import other than a component (by its
// name: a component's begins with a capital) from a "use client" module into a file of app/ or
// components/ that is not one itself. scripts/client-boundary.test.ts runs it in `npm test`.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SKIP = new Set(["node_modules", ".next", "testing"]);

function sources(root, dir) {
  if (!fs.existsSync(path.join(root, dir))) return [];
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return SKIP.has(e.name) ? [] : sources(root, rel);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

const isClient = (root, file) => /^\s*["']use client["']/.test(fs.readFileSync(path.join(root, file), "utf8"));

function resolve(root, from, spec) {
  const base = spec.startsWith("@/") ? spec.slice(2) : spec.startsWith(".") ? path.join(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const ext of [".ts", ".tsx", "/index.ts", "/index.tsx"]) if (fs.existsSync(path.join(root, base + ext))) return base + ext;
  return null;
}

/** `file: names from module` for each such import under `root`. */
export function clientValueImports(root = ROOT) {
  const out = [];
  for (const file of [...sources(root, "app"), ...sources(root, "components")]) {
    if (isClient(root, file)) continue;
    const text = fs.readFileSync(path.join(root, file), "utf8");
    for (const m of text.matchAll(/^import\s+(?!type\b)\{([^}]*)\}\s+from\s+["']([^"']+)["']/gm)) {
      const target = resolve(root, file, m[2]);
      if (!target || !isClient(root, target)) continue;
      const names = m[1]
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s && !s.startsWith("type "));
      const values = names.filter((n) => !/^[A-Z][a-z]/.test(n.split(/\s+as\s+/)[0]));
      if (values.length) out.push(`${file}: ${values.join(", ")} from ${m[2]}`);
    }
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = clientValueImports();
  for (const f of found) console.log(`✗ ${f}`);
  if (found.length) process.exitCode = 1;
}
