// First-load JavaScript per page, gzip-compressed, from the last `next build`
// (.next/diagnostics/route-bundle-stats.json): what a browser fetches before a page can run.
// Budget: 150 kB per page (issue 23). `node scripts/page-weight.mjs` prints the table;
// `--check` also fails when a page is over the budget.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

export const BUDGET_BYTES = 150 * 1024;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Per route: the gzip size of its first-load chunks (each chunk compressed on its own, as it is sent). */
export function pageWeights(root = ROOT) {
  const stats = JSON.parse(readFileSync(path.join(root, ".next/diagnostics/route-bundle-stats.json"), "utf8"));
  const gz = new Map();
  const sizeOf = (chunk) => {
    if (!gz.has(chunk)) gz.set(chunk, gzipSync(readFileSync(path.join(root, chunk))).length);
    return gz.get(chunk);
  };
  return stats
    .filter((s) => !s.route.startsWith("/api/") && !s.route.startsWith("/_"))
    .map((s) => ({
      route: s.route,
      gzipBytes: s.firstLoadChunkPaths.reduce((n, c) => n + sizeOf(c), 0),
      rawBytes: s.firstLoadUncompressedJsBytes,
    }))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
  const rows = pageWeights();
  console.log(`first-load JavaScript per page (gzip; budget ${kb(BUDGET_BYTES)}):`);
  for (const r of rows)
    console.log(
      `  ${r.route.padEnd(22)} ${kb(r.gzipBytes).padStart(9)}  (${kb(r.rawBytes)} uncompressed)${r.gzipBytes > BUDGET_BYTES ? "  OVER BUDGET" : ""}`,
    );
  if (process.argv.includes("--check") && rows.some((r) => r.gzipBytes > BUDGET_BYTES)) process.exitCode = 1;
}
