import { describe, expect, it } from "vitest";
// A test may reach what it holds the view to (scripts/architecture.mjs exempts tests; the lint rule does not know them).
// eslint-disable-next-line no-restricted-imports
import { topCounts as sourceTopCounts } from "@/lib/sources/health/contract-health";
import { topCounts } from "./health-view";

describe("the Bronnen page's view of contract health", () => {
  it("takes the largest counts as the Source side does", () => {
    const counts = { a: 3, b: 7, c: 3, d: 1, e: 9 };
    for (const limit of [0, 2, 3, 10]) expect(topCounts(counts, limit)).toEqual(sourceTopCounts(counts, limit));
  });
});
