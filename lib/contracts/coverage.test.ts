import { describe, expect, it } from "vitest";
import { coverageOf, type Reason } from "@/lib/features/coverage/coverage";
import { coverageBody, coverageLine, WITHOUT_LICENCE_REASONS } from "./coverage";

/** The result line the coverage route makes of the server's coverage (app/api/usage/coverage/route.ts), with `change` on top. */
function resultLine(change: object = {}) {
  const { dataAgeMs, ...coverage } = coverageOf([], "2026-03-02");
  return {
    type: "result",
    coverage: {
      ...coverage,
      unreadableEnrollments: { count: 0, fields: [] },
      dataAgeSeconds: Math.round(dataAgeMs / 1000),
      oldestAnswerAt: new Date().toISOString(),
      ...change,
    },
  };
}

describe("coverage contract", () => {
  it("describes the result line the route makes of the server's coverage, and nothing else", () => {
    expect(coverageLine.safeParse(resultLine()).success).toBe(true);
    expect(coverageLine.safeParse(resultLine({ dataAgeMs: 0 })).success).toBe(false);
    expect(coverageLine.safeParse({ type: "start", total: 3, today: "2026-03-02" }).success).toBe(true);
  });

  it("lists pupils without a licence by a reason other than licensed, the server's reason for those who hold one", () => {
    const reasons: readonly Reason[] = ["licensed", ...WITHOUT_LICENCE_REASONS];
    expect(new Set(reasons).size).toBe(WITHOUT_LICENCE_REASONS.length + 1);
    const product = {
      productId: "978A",
      sources: ["LR Alfa"],
      sourceIds: ["lr-a"],
      licensed: 0,
      without: 1,
      unknown: 0,
      byReason: { no_entitlement: 1 },
      pupils: [{ key: "0".repeat(32), reason: "no_entitlement" }],
    };
    expect(coverageLine.safeParse(resultLine({ products: [product] })).success).toBe(true);
    expect(
      coverageLine.safeParse(resultLine({ products: [{ ...product, pupils: [{ key: "0".repeat(32), reason: "licensed" }] }] })).success,
    ).toBe(false);
    expect(coverageLine.safeParse(resultLine({ products: [{ ...product, byReason: { licensed: 1 } }] })).success).toBe(false);
  });

  it("asks for exactly one offering", () => {
    expect(coverageBody.safeParse({ subjectOfferingId: "sub-1" }).success).toBe(true);
    expect(coverageBody.safeParse({}).success).toBe(false);
    expect(coverageBody.safeParse({ subjectOfferingId: "sub-1", studyOfferingId: "st-1" }).success).toBe(false);
  });
});
