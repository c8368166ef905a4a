// First-load JavaScript per page, gzip-compressed, from the last `next build`
// (.next/diagnostics/route-bundle-stats.json): what a browser fetches before a page can run.
// Budget: 150 kB per page (issue 23). `node scripts/page-weight.mjs` prints the table; `--check`
// (run by `npm test`) fails when a page is heavier than it may be: the budget, or for a page not yet
// within it its ceiling below (what it weighed when measured, plus 1 kB), so no page gets heavier
// while the budget is still to be met. Lower a ceiling when a page gets lighter; drop it once the
// page is within the budget.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

export const BUDGET_BYTES = 150 * 1024;
/** Pages over the budget, and the most they may weigh until they meet it (what they weighed in the build of 2026-12-07, plus 1 kB). */
export const CEILING_BYTES = {};

/** The most a page may weigh now: its ceiling while it is over the budget, else the budget. */
export const limitOf = (route, ceilings = CEILING_BYTES) => ceilings[route] ?? BUDGET_BYTES;

/** The pages heavier than they may be, with what they may weigh. */
export function tooHeavy(rows, ceilings = CEILING_BYTES) {
  return rows.filter((r) => r.gzipBytes > limitOf(r.route, ceilings)).map((r) => ({ ...r, limit: limitOf(r.route, ceilings) }));
}
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
  for (const r of rows) {
    const state = r.gzipBytes <= BUDGET_BYTES ? "" : `  OVER BUDGET (ceiling until it is met: ${kb(limitOf(r.route))})`;
    console.log(`  ${r.route.padEnd(22)} ${kb(r.gzipBytes).padStart(9)}  (${kb(r.rawBytes)} uncompressed)${state}`);
  }
  const heavy = tooHeavy(rows);
  for (const r of heavy) console.log(`✗ ${r.route} weighs ${kb(r.gzipBytes)}, more than the ${kb(r.limit)} it may`);
  if (process.argv.includes("--check") && heavy.length) process.exitCode = 1;
}
