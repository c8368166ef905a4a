import { describe, expect, expectTypeOf, it } from "vitest";
import { SOURCE_APIS, SOURCE_KINDS } from "@/lib/sources/config";
import { SOURCE_ERROR_KINDS } from "@/lib/sources/errors";
import { ContractHealthRecorder, LATENCY_BOUNDS_MS, OTHER_KEY as SOURCE_OTHER_KEY } from "@/lib/sources/health/contract-health";
import { summarizeSource, type SourceSummary } from "@/lib/sources/health/contract-health-summary";
import { SourceHealthRegistry } from "@/lib/sources/health/last-call";
import type { CallEvent } from "@/lib/sources/transport/call-events";
import {
  LATENCY_OPEN_FROM_MS,
  lastCall,
  OTHER_KEY,
  SOURCE_API_NAMES,
  SOURCE_ERROR_KIND_NAMES,
  SOURCE_KIND_NAMES,
  sourceHealthSummary,
  sourceStatus,
  type SourceHealthSummary,
} from "./sources";

describe("sources contract", () => {
  it("names the same error kinds, Source kinds and APIs as the Source side", () => {
    expect([...SOURCE_ERROR_KIND_NAMES]).toEqual([...SOURCE_ERROR_KINDS]);
    expect([...SOURCE_KIND_NAMES]).toEqual([...SOURCE_KINDS]);
    expect([...SOURCE_API_NAMES]).toEqual([...SOURCE_APIS]);
  });

  it("describes the last call as the Source side records it", () => {
    const health = new SourceHealthRegistry();
    health.record("lr-a", 12.4, { kind: "busy", httpStatus: 429 });
    expect(lastCall.safeParse(health.get("lr-a")).success).toBe(true);
    health.record("lr-a", 3);
    expect(lastCall.parse(health.get("lr-a"))).toMatchObject({
      lastOk: true,
      lastLatencyMs: 3,
      lastError: { kind: "busy", httpStatus: 429 },
    });
  });

  it("refuses a Source status carrying a URL or a token the contract does not name", () => {
    const status = {
      id: "lr-a",
      name: "LR Alfa",
      kind: "licentieregistratie",
      apis: ["usage"],
      schools: [{ id: "s", name: "School" }],
      token: { ok: false, errorKind: "internal", latencyMs: 2 },
      lastCall: null,
    };
    expect(sourceStatus.safeParse(status).success).toBe(true);
    expect(sourceStatus.safeParse({ ...status, baseUrl: "https://lr-a.example" }).success).toBe(false);
    expect(
      sourceStatus.safeParse({ ...status, token: { ok: true, scopes: [], expiresInSeconds: 60, latencyMs: 2, accessToken: "eyJ" } })
        .success,
    ).toBe(false);
  });

  it("names the Source side's key for the rest of a full map and its last latency bound", () => {
    expect(OTHER_KEY).toBe(SOURCE_OTHER_KEY);
    expect(LATENCY_OPEN_FROM_MS).toBe(LATENCY_BOUNDS_MS.at(-1));
  });

  it("describes the contract-health summary as the Source side sums it up", () => {
    // The page hands the server's summary over as the contract's type (app/bronnen/page.tsx loadHealth).
    expectTypeOf<SourceSummary>().toExtend<SourceHealthSummary>();

    const now = Date.UTC(2026, 10, 29, 10, 41, 9, 456);
    const event = (e: Partial<CallEvent>): CallEvent => ({
      sourceId: "las-a",
      operationId: "get-students-for-school",
      at: now - 60_000,
      latencyMs: 42.7,
      httpStatus: 200,
      ...e,
    });
    const rec = new ContractHealthRecorder();
    rec.observe(
      event({
        report: {
          received: 204,
          kept: 201,
          invalid: { count: 3, paths: { givenName: 3 }, sampleIndexes: [7] },
          unknownEnumValues: { "userIds[].userIdType": 1 },
          normalized: { dateOfBirth: 2 },
          leftOutItems: {},
        },
      }),
    );
    rec.observe(event({ at: now - 3_600_000, latencyMs: 12.3, httpStatus: 403, statusCode: 22, errorKind: "consent_missing" }));
    // Past the last bound: a p95 of Infinity, which the page hands on as it is (no JSON on the way).
    rec.observe(event({ operationId: "get-enrollments-for-school", latencyMs: 150_000, httpStatus: undefined, errorKind: "timeout" }));
    rec.observe(event({ operationId: "an-operation-no-longer-known", latencyMs: 3 }));
    const summary = summarizeSource(rec.take(), "las-a", now);
    expect(summary.operations.map((o) => [o.operationId, o.endpoint, o.p95])).toEqual([
      ["get-students-for-school", "GET /students/school", 50],
      ["get-enrollments-for-school", "GET /enrollments/school", Infinity],
      ["an-operation-no-longer-known", undefined, 3],
    ]);
    expect(sourceHealthSummary.parse(summary)).toEqual(summary);
    // With nothing counted: every hour empty, no operation.
    expect(sourceHealthSummary.safeParse(summarizeSource([], "las-a", now)).success).toBe(true);
  });

  it("refuses a summary carrying what the contract does not name", () => {
    const summary = summarizeSource([], "las-a", Date.UTC(2026, 10, 29, 10));
    expect(sourceHealthSummary.safeParse({ ...summary, baseUrl: "https://las-a.example" }).success).toBe(false);
    expect(sourceHealthSummary.safeParse({ ...summary, totals: { calls: -1, failed: 0 } }).success).toBe(false);
  });
});
