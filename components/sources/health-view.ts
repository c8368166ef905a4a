import type { HealthCounts } from "@/lib/contracts/sources";

/*
 * The Bronnen page's contract-health section reads the summary the server sums up through its
 * contract (lib/contracts/sources.ts sourceHealthSummary: SourceHealthSummary and its parts,
 * OTHER_KEY, LATENCY_OPEN_FROM_MS); components may not import the Source side, so what it computes
 * of the summary is here, held to the Source side's by health-view.test.ts.
 */

/** The `limit` largest counts, largest first (ties by key), and how many keys and counts are left. */
export function topCounts(
  counts: Readonly<HealthCounts>,
  limit = 10,
): { top: Array<[string, number]>; restKeys: number; restCount: number } {
  const sorted = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const rest = sorted.slice(limit);
  return { top: sorted.slice(0, limit), restKeys: rest.length, restCount: rest.reduce((sum, [, n]) => sum + n, 0) };
}
