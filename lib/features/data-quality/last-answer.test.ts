import { afterEach, describe, expect, it, vi } from "vitest";
import type { DataQualityAnswer } from "@/lib/contracts/data-quality";
import { announceAllConsentChanged, announceConsentChange } from "@/lib/sources/answer-cache";
import { keepAnswer, KEPT_SCHOOLS, lastAnswer } from "./last-answer";

const answer = (checkedAt: string): DataQualityAnswer => ({
  checks: [],
  sources: [{ sourceId: "las-a", name: "Leerlingadministratie Alfa", ok: false, error: "timeout" }],
  pupils: 0,
  enrollments: 0,
  referenceDate: "2026-09-01",
  checkedAt,
});
const T0 = Date.parse("2026-09-01T12:00:00Z");

afterEach(() => {
  vi.unstubAllEnvs();
  announceAllConsentChanged();
});

describe("each school's last data-quality answer", () => {
  it("is the last one kept, until it is as old as the Sources' answers may be (BFF_CACHE_TTL_SECONDS)", () => {
    vi.stubEnv("BFF_CACHE_TTL_SECONDS", "120");
    keepAnswer("school-a", answer("first"), T0);
    keepAnswer("school-a", answer("second"), T0 + 1_000);
    expect(lastAnswer("school-a", T0 + 120_999)?.checkedAt).toBe("second");
    expect(lastAnswer("school-b", T0 + 1_000)).toBeUndefined();
    expect(lastAnswer("school-a", T0 + 121_000)).toBeUndefined();
    // Gone once expired, also when asked earlier again.
    expect(lastAnswer("school-a", T0 + 2_000)).toBeUndefined();
  });

  it("is let go when consent changes at its school (any Source, or all), not at another", () => {
    vi.stubEnv("BFF_CACHE_TTL_SECONDS", "120");
    keepAnswer("school-a", answer("a"), T0);
    keepAnswer("school-b", answer("b"), T0);
    announceConsentChange("las-b", "school-a");
    expect(lastAnswer("school-a", T0)).toBeUndefined();
    expect(lastAnswer("school-b", T0)?.checkedAt).toBe("b");
    announceAllConsentChanged();
    expect(lastAnswer("school-b", T0)).toBeUndefined();
  });

  it(`holds at most ${KEPT_SCHOOLS} schools (the longest kept goes first), and nothing when answers are not cached`, () => {
    vi.stubEnv("BFF_CACHE_TTL_SECONDS", "120");
    for (let i = 0; i <= KEPT_SCHOOLS; i++) keepAnswer(`school-${i}`, answer(String(i)), T0);
    expect(lastAnswer("school-0", T0)).toBeUndefined();
    expect(lastAnswer("school-1", T0)?.checkedAt).toBe("1");
    expect(lastAnswer(`school-${KEPT_SCHOOLS}`, T0)?.checkedAt).toBe(String(KEPT_SCHOOLS));
    vi.stubEnv("BFF_CACHE_TTL_SECONDS", "0");
    keepAnswer("school-z", answer("z"), T0);
    expect(lastAnswer("school-z", T0)).toBeUndefined();
  });
});
