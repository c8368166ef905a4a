import { describe, expect, it } from "vitest";
import type { CallEvent } from "@/lib/sources/transport/call-events";
import { ContractHealthRecorder } from "@/lib/sources/health/contract-health";
import { summarizeSource } from "@/lib/sources/health/contract-health-summary";
import { renderContractReport } from "./contract-report";

const T = Date.UTC(2026, 10, 29, 10, 15, 37, 123);
const NOW = Date.UTC(2026, 10, 29, 10, 41, 9, 456);

// Values that a CallEvent carries besides paths, counts and codes: none may reach the report.
const SAMPLE_INDEXES = [7771, 8881, 9991];
const BYTES = 987_654;
const LATENCIES = [42.77, 180.25, 12.31, 10_000.5];

const EVENTS: CallEvent[] = [
  {
    sourceId: "las-a",
    operationId: "get-students-for-school",
    at: T,
    latencyMs: LATENCIES[0]!,
    httpStatus: 200,
    bytes: BYTES,
    report: {
      received: 204,
      kept: 201,
      invalid: { count: 3, paths: { givenName: 3, "userIds[].userId": 1 }, sampleIndexes: SAMPLE_INDEXES },
      unknownEnumValues: {},
      normalized: { dateOfBirth: 2 },
      leftOutItems: {},
    },
  },
  {
    sourceId: "las-a",
    operationId: "get-students-for-school",
    at: T + 1_000,
    latencyMs: LATENCIES[1]!,
    httpStatus: 200,
    bytes: BYTES + 1,
    report: {
      received: 204,
      kept: 204,
      invalid: { count: 0, paths: {}, sampleIndexes: [] },
      unknownEnumValues: { "userIds[].userIdType": 1 },
      normalized: {},
      leftOutItems: {},
    },
  },
  {
    sourceId: "las-a",
    operationId: "get-students-for-school",
    at: T + 2_000,
    latencyMs: LATENCIES[2]!,
    httpStatus: 403,
    statusCode: 22,
    errorKind: "consent_missing",
  },
  { sourceId: "las-a", operationId: "get-enrollments-for-school", at: T + 3_000, latencyMs: LATENCIES[3]!, errorKind: "timeout" },
  {
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
      leftOutItems: { "entitlements[].startDate": 1 },
    },
  },
];

function report(lang: "nl" | "en" = "nl", events = EVENTS): string {
  const rec = new ContractHealthRecorder();
  for (const e of events) rec.observe(e);
  return renderContractReport({
    source: { id: "las-a", name: "Leerlingadministratie Alfa" },
    summary: summarizeSource(rec.take(), "las-a", NOW),
    lang,
  });
}

/** The lines of one "## …" section. */
function section(text: string, heading: string): string[] {
  const start = text.indexOf(`\n## ${heading}`);
  expect(start, heading).toBeGreaterThan(0);
  const end = text.indexOf("\n## ", start + 1);
  return text.slice(start, end < 0 ? undefined : end).split("\n");
}

describe("contract report", () => {
  it("says what it is, the period and how it was measured", () => {
    const text = report();
    expect(text.startsWith("# Contractrapport: Leerlingadministratie Alfa\n")).toBe(true);
    expect(text).toContain("- Bron: Leerlingadministratie Alfa (`las-a`)");
    expect(text).toContain("- Periode: 2026-11-22 11:00 UTC tot 2026-11-29 10:41 UTC");
    expect(text).toContain("Zo is gemeten: elke poging");
    expect(text).toContain("Dit rapport bevat nooit waarden of identificatoren");
  });

  it("gives per operation the counts, answers, codes, left-out and normalised paths, unknown enum fields and latency", () => {
    const students = section(report(), "GET /students/school (`get-students-for-school`)");
    for (const line of [
      "| Pogingen | 3 |",
      "| Mislukt | 1 |",
      "| Records ontvangen | 408 |",
      "| Records behouden | 405 |",
      "| Records weggelaten | 3 |",
      "| Latentie p50 | ≤ 50 ms |",
      "| Latentie p95 | ≤ 200 ms |",
      "| 200 | 2 |",
      "| 403 | 1 |",
      "| 0022 | 1 |",
      "| `givenName` | 3 |",
      "| `userIds[].userId` | 1 |",
      "| `dateOfBirth` | 2 |",
      "| `userIds[].userIdType` | 1 |",
    ]) {
      expect(students).toContain(line);
    }
    const enrollments = section(report(), "GET /enrollments/school (`get-enrollments-for-school`)");
    expect(enrollments).toEqual(
      expect.arrayContaining(["| Pogingen | 1 |", "| Mislukt | 1 |", "| timeout | 1 |", "| Latentie p50 | ≤ 15000 ms |"]),
    );
    // No code, no paths: said so, not left blank.
    expect(enrollments.filter((l) => l === "Geen.")).toHaveLength(5);
  });

  it("lists the items of kept records that were left out on their own (an unreadable entitlement)", () => {
    const rec = new ContractHealthRecorder();
    for (const e of EVENTS) rec.observe(e);
    const text = renderContractReport({
      source: { id: "lr-a", name: "Licentieregistratie Alfa" },
      summary: summarizeSource(rec.take(), "lr-a", NOW),
      lang: "nl",
    });
    const usage = section(text, "POST /usage/school/user (`get-usage-for-user-at-school`)");
    expect(usage).toEqual(
      expect.arrayContaining([
        "| Records ontvangen | 1 |",
        "| Records behouden | 1 |",
        "| Records weggelaten | 0 |",
        "| `entitlements[].startDate` | 1 |",
      ]),
    );
    expect(usage.join("\n")).toContain("Weggelaten onderdelen van behouden records per veldpad");
  });

  it("holds only this Source's operations", () => {
    const text = report();
    expect(text).not.toContain("usage");
    expect(text).not.toContain("entitlements");
  });

  it("never carries a value of a CallEvent other than its paths, counts and codes", () => {
    for (const lang of ["nl", "en"] as const) {
      const text = report(lang);
      for (const value of [...SAMPLE_INDEXES, BYTES, BYTES + 1, ...LATENCIES]) expect(text).not.toContain(String(value));
      for (const at of [T, T + 1_000, T + 2_000, T + 3_000]) {
        expect(text).not.toContain(String(at));
        expect(text).not.toContain(new Date(at).toISOString().slice(11, 19));
      }
      // Every number in the text is a count, a status, a code, a latency bound or part of the period.
      const numbers = new Set(text.match(/\d+(\.\d+)?/g));
      // counts 0-3, 405, 408; statuses 200, 403; code 0022; bounds 50, 200, 15000; "p50"/"p95"; the period 2026-11-22 11:00 to 2026-11-29 10:41.
      expect([...numbers].sort()).toEqual([
        "0",
        "00",
        "0022",
        "1",
        "10",
        "11",
        "15000",
        "2",
        "200",
        "2026",
        "22",
        "29",
        "3",
        "403",
        "405",
        "408",
        "41",
        "50",
        "95",
      ]);
    }
  });

  it("speaks English on request, and says when nothing was called", () => {
    const text = report("en", []);
    expect(text.startsWith("# Contract report: Leerlingadministratie Alfa\n")).toBe(true);
    expect(text).toContain("No calls to this Source in this period.");
    expect(text).toContain("This report never contains values or identifiers");
  });
});
