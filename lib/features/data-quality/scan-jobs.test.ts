import { afterEach, describe, expect, it, vi } from "vitest";
import { announceConsentChange } from "@/lib/sources/answer-cache";
import { cancelScan, dropScans, scanOf, startScan, type ScanResult, type ScanWork } from "./scan-jobs";

const RESULT: ScanResult = {
  findings: [],
  registries: [{ sourceId: "lr-a", name: "Registratie A", answered: 3, notAnswered: 0 }],
  notAsked: 0,
};

/** Work that reports progress when told to and ends when told to (or when its signal aborts). */
function controlled() {
  let step: (done: number) => void = () => {};
  let finish: (r: ScanResult) => void = () => {};
  let fail: (e: unknown) => void = () => {};
  let signal: AbortSignal | undefined;
  const work: ScanWork = (s, progress) =>
    new Promise((resolve, reject) => {
      signal = s;
      step = progress;
      finish = resolve;
      fail = reject;
      s.addEventListener("abort", () => reject(s.reason));
    });
  return { work, step: (n: number) => step(n), finish: (r: ScanResult) => finish(r), fail: (e: unknown) => fail(e), signal: () => signal };
}
const settle = () => new Promise((r) => setTimeout(r, 0));
const T0 = Date.parse("2026-09-01T12:00:00Z");

afterEach(() => {
  dropScans();
  vi.unstubAllEnvs();
});

describe("a school's licence scan", () => {
  it("runs in the background with its progress, then keeps its result as long as usage answers are kept", async () => {
    vi.stubEnv("USAGE_CACHE_TTL_SECONDS", "600");
    let now = T0;
    const w = controlled();
    const { job, started } = startScan("school-a", { startedBy: "beheer@school.example", total: 3 }, w.work, {
      now: () => now,
      id: "scan-1",
    });
    expect(started).toBe(true);
    expect(job).toMatchObject({ id: "scan-1", state: "running", done: 0, total: 3, startedAt: "2026-09-01T12:00:00.000Z" });
    w.step(2);
    expect(scanOf("school-a", now)).toMatchObject({ state: "running", done: 2 });
    now += 5_000;
    w.finish(RESULT);
    await settle();
    expect(scanOf("school-a", now)).toMatchObject({ state: "done", finishedAt: "2026-09-01T12:00:05.000Z", result: RESULT });
    expect(scanOf("school-b", now)).toBeUndefined();
    expect(scanOf("school-a", now + 599_999)?.state).toBe("done");
    expect(scanOf("school-a", now + 600_000)).toBeUndefined();
  });

  it("is one per school: a second start while one runs gets the running one", () => {
    const first = startScan("school-a", { startedBy: "a", total: 3 }, controlled().work, { id: "scan-1" });
    const second = startScan("school-a", { startedBy: "b", total: 3 }, controlled().work, { id: "scan-2" });
    expect(second).toEqual({ job: first.job, started: false });
    expect(startScan("school-b", { startedBy: "b", total: 1 }, controlled().work).started).toBe(true);
  });

  it("a cancel ends it at once with how far it got, aborts its calls, and lets a new one start; its late end changes nothing", async () => {
    const w = controlled();
    startScan("school-a", { startedBy: "a", total: 10 }, w.work, { id: "scan-1" });
    w.step(4);
    expect(cancelScan("school-a")).toBe(true);
    expect(w.signal()!.aborted).toBe(true);
    expect(scanOf("school-a")).toMatchObject({ id: "scan-1", state: "cancelled", done: 4 });
    expect(cancelScan("school-a")).toBe(false);
    await settle();
    expect(scanOf("school-a")).toMatchObject({ id: "scan-1", state: "cancelled" });
    const next = controlled();
    expect(startScan("school-a", { startedBy: "a", total: 10 }, next.work, { id: "scan-2" }).started).toBe(true);
    expect(scanOf("school-a")).toMatchObject({ id: "scan-2", state: "running" });
  });

  it("a scan that fails says with which code (a Source error's kind, else internal)", async () => {
    const w = controlled();
    startScan("school-a", { startedBy: "a", total: 10 }, w.work);
    w.fail(Object.assign(new Error("x"), { kind: "consent_missing" }));
    await settle();
    expect(scanOf("school-a")).toMatchObject({ state: "failed", error: "consent_missing" });
    const v = controlled();
    startScan("school-b", { startedBy: "a", total: 10 }, v.work);
    v.fail(new TypeError("boom"));
    await settle();
    expect(scanOf("school-b")).toMatchObject({ state: "failed", error: "internal" });
  });

  it("a finished scan is let go when consent changes at its school; a running one goes on", async () => {
    const done = controlled();
    startScan("school-a", { startedBy: "a", total: 1 }, done.work);
    done.finish(RESULT);
    await settle();
    startScan("school-b", { startedBy: "a", total: 1 }, controlled().work);
    announceConsentChange("lr-a", "school-a");
    announceConsentChange("lr-a", "school-b");
    expect(scanOf("school-a")).toBeUndefined();
    expect(scanOf("school-b")?.state).toBe("running");
  });
});
