import { describe, expect, it } from "vitest";
import type { CallEvent } from "../transport/call-events";
import { ContractHealthRecorder, MAX_KEYS, OTHER_KEY, hourOf, latencyBucket, latencyPercentile, topCounts } from "./contract-health";
import { summarizeSource } from "./contract-health-summary";
import type { ListReport } from "../reading/parse-list";

const T = Date.UTC(2026, 10, 29, 10, 15, 37, 123);
const H = 3_600_000;

const list = (received: number, invalid: Record<string, number>, extra: Partial<ListReport> = {}): ListReport => {
  const count = Object.values(invalid).reduce((a, b) => Math.max(a, b), 0);
  return {
    received,
    kept: received - count,
    invalid: { count, paths: invalid, sampleIndexes: [] },
    unknownEnumValues: {},
    normalized: {},
    leftOutItems: {},
    ...extra,
  };
};
const ok = (over: Partial<CallEvent> = {}): CallEvent => ({
  sourceId: "las-a",
  operationId: "get-students-for-school",
  at: T,
  latencyMs: 40,
  httpStatus: 200,
  ...over,
});

describe("latency buckets", () => {
  it("are fixed, log-spaced and keyed by their upper bound", () => {
    expect([0, 1, 1.2, 149, 150, 150.1, 180, 200, 9_999, 100_000, 100_001].map(latencyBucket)).toEqual([
      "1",
      "1",
      "1.5",
      "150",
      "150",
      "200",
      "200",
      "200",
      "10000",
      "100000",
      "inf",
    ]);
  });

  it("give p50 and p95 as the upper bound of the bucket holding that share of attempts", () => {
    expect(latencyPercentile({ "50": 19, "2000": 1 }, 0.5)).toBe(50);
    expect(latencyPercentile({ "50": 19, "2000": 1 }, 0.95)).toBe(50);
    expect(latencyPercentile({ "50": 18, "2000": 2 }, 0.95)).toBe(2000);
    expect(latencyPercentile({ inf: 1, "5": 1 }, 0.95)).toBe(Infinity);
    expect(latencyPercentile({}, 0.5)).toBeUndefined();
  });
});

describe("ContractHealthRecorder", () => {
  it("counts per (Source, operation, hour): attempts, answers by status or kind, codes, records, paths, latency, the last error", () => {
    const rec = new ContractHealthRecorder();
    rec.observe(ok({ latencyMs: 42.7, report: list(204, { givenName: 3 }, { normalized: { dateOfBirth: 2 } }) }));
    rec.observe(ok({ latencyMs: 180, report: list(204, {}, { unknownEnumValues: { "userIds[].userIdType": 1 } }) }));
    rec.observe(ok({ at: T + 60_000, latencyMs: 12.3, httpStatus: 403, statusCode: 22, errorKind: "consent_missing" }));
    rec.observe(ok({ at: T + 1_000, latencyMs: 5_000, httpStatus: undefined, errorKind: "timeout" }));
    rec.observe(ok({ at: T + H, latencyMs: 30 }));
    rec.observe(
      ok({ operationId: "get-enrollments-for-school", latencyMs: 30, httpStatus: 503, errorKind: "busy" as CallEvent["errorKind"] }),
    );
    // The authorization server said no: its 400 is not an answer of the operation.
    rec.observe(ok({ operationId: "get-enrollments-for-school", at: T - 1, latencyMs: 30, httpStatus: 400, errorKind: "token_refused" }));
    const [enrollments, students, nextHour, ...rest] = rec.take();
    expect(rest).toEqual([]);
    expect(enrollments).toMatchObject({
      operationId: "get-enrollments-for-school",
      calls: 2,
      failed: 2,
      answers: { "503": 1, token_refused: 1 },
      lastError: { kind: "busy", httpStatus: 503, code: null },
    });
    expect(students).toEqual({
      sourceId: "las-a",
      operationId: "get-students-for-school",
      hour: Date.UTC(2026, 10, 29, 10),
      calls: 4,
      failed: 2,
      answers: { "200": 2, "403": 1, timeout: 1 },
      codes: { "0022": 1 },
      received: 408,
      kept: 405,
      leftOut: 3,
      leftOutPaths: { givenName: 3 },
      normalizedPaths: { dateOfBirth: 2 },
      leftOutItems: {},
      unknownEnums: { "userIds[].userIdType": 1 },
      latency: { "50": 1, "200": 1, "15": 1, "5000": 1 },
      // The 403 came after the timeout, though it was observed first.
      lastError: { kind: "consent_missing", httpStatus: 403, code: "0022", at: T + 60_000 },
    });
    expect(nextHour).toMatchObject({ hour: Date.UTC(2026, 10, 29, 11), calls: 1, failed: 0, lastError: null });
    expect(rec.take()).toEqual([]);
  });

  it("takes back what a flush could not store, adding to what came since, but not hours past retention", () => {
    const rec = new ContractHealthRecorder();
    rec.observe(ok({ report: list(10, { givenName: 1 }) }));
    rec.observe(ok({ at: T - 8 * 24 * H }));
    const failedFlush = rec.take();
    rec.observe(ok({ report: list(10, { givenName: 2 }) }));
    rec.giveBack(failedFlush, T);
    const [again, ...rest] = rec.take();
    expect(rest).toEqual([]);
    expect(again).toMatchObject({ calls: 2, received: 20, kept: 17, leftOut: 3, leftOutPaths: { givenName: 3 } });
  });

  it("bounds each map: keys past MAX_KEYS are summed under one key", () => {
    const rec = new ContractHealthRecorder();
    const paths = Object.fromEntries(Array.from({ length: MAX_KEYS + 50 }, (_, i) => [`field${i}`, 1]));
    rec.observe(
      ok({
        report: {
          received: 1,
          kept: 0,
          invalid: { count: 1, paths, sampleIndexes: [] },
          unknownEnumValues: JSON.parse('{"__proto__": 1}') as Record<string, number>,
          normalized: {},
          leftOutItems: {},
        },
      }),
    );
    const [d] = rec.take();
    expect(Object.keys(d!.leftOutPaths)).toHaveLength(MAX_KEYS + 1);
    expect(d!.leftOutPaths[OTHER_KEY]).toBe(50);
    expect(Object.getPrototypeOf(d!.unknownEnums)).toBe(Object.prototype);
    expect(d!.unknownEnums).toEqual({ [OTHER_KEY]: 1 });
  });

  it("never throws into the call it observes", () => {
    const rec = new ContractHealthRecorder();
    expect(() => rec.observe(null as unknown as CallEvent)).not.toThrow();
    expect(() => rec.observe(ok({ report: { received: 1 } as ListReport }))).not.toThrow();
  });

  it("is cheap on the hot path", () => {
    const rec = new ContractHealthRecorder();
    const events = Array.from({ length: 1_000 }, (_, i) =>
      ok({ latencyMs: i, httpStatus: i % 10 ? 200 : 503, report: list(100, { givenName: i % 3 }) }),
    );
    const started = performance.now();
    for (let round = 0; round < 100; round++) for (const e of events) rec.observe(e);
    const perEvent = ((performance.now() - started) * 1e6) / 100_000;
    console.log(`contract health: ${perEvent.toFixed(0)} ns per observed attempt`);
    expect(rec.take()[0]!.calls).toBe(100_000);
    expect(perEvent).toBeLessThan(20_000);
  });
});

describe("summarizeSource", () => {
  it("sums a Source's rows over the last 168 hours, per hour (ok and failed) and per operation", () => {
    const rec = new ContractHealthRecorder();
    rec.observe(ok());
    rec.observe(ok({ at: T - 2 * H, errorKind: "server_error", httpStatus: 500 }));
    rec.observe(ok({ at: T - 2 * H, operationId: "get-enrollments-for-school" }));
    rec.observe(ok({ at: T - 168 * H }));
    rec.observe(ok({ sourceId: "las-b" }));
    const s = summarizeSource(rec.take(), "las-a", T);
    expect(s.hourly).toHaveLength(168);
    expect(s.from).toBe(hourOf(T) - 167 * H);
    expect(s.hourly.at(-1)).toEqual({ hour: hourOf(T), ok: 1, failed: 0 });
    expect(s.hourly.at(-3)).toEqual({ hour: hourOf(T) - 2 * H, ok: 1, failed: 1 });
    expect(s.totals).toEqual({ calls: 3, failed: 1 });
    expect(s.operations.map((o) => [o.operationId, o.endpoint, o.counters.calls])).toEqual([
      ["get-students-for-school", "GET /students/school", 2],
      ["get-enrollments-for-school", "GET /enrollments/school", 1],
    ]);
  });

  it("topCounts keeps the largest and sums the rest", () => {
    expect(topCounts({ a: 1, b: 5, c: 5, d: 2 }, 2)).toEqual({
      top: [
        ["b", 5],
        ["c", 5],
      ],
      restKeys: 2,
      restCount: 3,
    });
  });
});
