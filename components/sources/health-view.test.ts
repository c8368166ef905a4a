import { describe, expect, expectTypeOf, it } from "vitest";
// A test may reach what it holds the view to (scripts/architecture.mjs exempts tests; the lint rule does not know them).
// eslint-disable-next-line no-restricted-imports
import { LATENCY_BOUNDS_MS, OTHER_KEY as SOURCE_OTHER_KEY, topCounts as sourceTopCounts } from "@/lib/sources/health/contract-health";
// eslint-disable-next-line no-restricted-imports
import type { SourceSummary } from "@/lib/sources/health/contract-health-summary";
import { LATENCY_OPEN_FROM_MS, OTHER_KEY, topCounts, type SourceHealthView } from "./health-view";

describe("the Bronnen page's view of contract health", () => {
  it("is what the Source side sums up: its summary can be handed over as it is", () => {
    expectTypeOf<SourceSummary>().toExtend<SourceHealthView>();
  });

  it("names the Source side's key for the rest and its last latency bound", () => {
    expect(OTHER_KEY).toBe(SOURCE_OTHER_KEY);
    expect(LATENCY_OPEN_FROM_MS).toBe(LATENCY_BOUNDS_MS.at(-1));
  });

  it("takes the largest counts as the Source side does", () => {
    const counts = { a: 3, b: 7, c: 3, d: 1, e: 9 };
    for (const limit of [0, 2, 3, 10]) expect(topCounts(counts, limit)).toEqual(sourceTopCounts(counts, limit));
  });
});
