import { describe, expect, it } from "vitest";
import type { CallEvent } from "@/lib/sources/transport/call-events";
import { ContractHealthRecorder } from "@/lib/sources/health/contract-health";
import { summarizeSource } from "@/lib/sources/health/contract-health-summary";
import { renderContractReport } from "./contract-report";

/** Issue 21: `leftOutItems` counts parts of kept records (an optional field, a total, one entitlement), not only items. */
const T = Date.UTC(2026, 10, 29, 10, 15, 37);
const NOW = Date.UTC(2026, 10, 29, 10, 41, 9);
const EVENT: CallEvent = {
  sourceId: "lr-a",
  operationId: "get-usage-for-user-at-school",
  at: T,
  latencyMs: 5,
  httpStatus: 200,
  report: {
    received: 1,
    kept: 1,
    invalid: { count: 0, paths: {}, sampleIndexes: [] },
    unknownEnumValues: {},
    normalized: {},
    leftOutItems: { totalLicensed: 1, "entitlements[].startDate": 1 },
  },
};

const render = (lang: "nl" | "en") => {
  const rec = new ContractHealthRecorder();
  rec.observe(EVENT);
  return renderContractReport({
    source: { id: "lr-a", name: "Licentieregistratie Alfa" },
    summary: summarizeSource(rec.take(), "lr-a", NOW),
    lang,
  });
};

describe("the contract report names left-out parts of kept records", () => {
  it("in Dutch", () => {
    const text = render("nl");
    expect(text).toContain(
      "Weggelaten onderdelen van behouden records per veldpad (bijvoorbeeld een onleesbaar optioneel veld, een totaal of één aanspraak; het record zelf is behouden)",
    );
    expect(text).toContain("| `totalLicensed` | 1 |");
    expect(text).toContain("| `entitlements[].startDate` | 1 |");
  });

  it("in English: parts, no longer 'Items'", () => {
    const text = render("en");
    expect(text).toContain(
      "Parts of kept records left out by field path (for example an unreadable optional field, a total or one entitlement; the record itself was kept)",
    );
    expect(text).not.toContain("Items of kept records");
    expect(text).toContain("| `totalLicensed` | 1 |");
  });
});
