import { afterEach, describe, expect, it, vi } from "vitest";
import { getStore } from "@/lib/db/client";
import { readContractHealth } from "@/lib/db/contract-health";
import type { EduvClientOptions } from "./client";
import { contractHealthRecorder, flushContractHealthNow } from "./contract-health-process";
import { createEduvRuntime } from "./runtime";

process.env.PGLITE_DIR = "memory://";
process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";

const store = vi.hoisted(() => ({ down: false }));
vi.mock("@/lib/db/client", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/db/client")>();
  // The message quotes a parameter, as drivers' messages may: it must not reach the log.
  return { ...real, getStore: () => (store.down ? Promise.reject(new TypeError("bad value 'Jan Bakker'")) : real.getStore()) };
});

afterEach(() => vi.restoreAllMocks());

const attempt = (at: number) => ({ sourceId: "las-a", operationId: "get-students-for-school", at, latencyMs: 30, httpStatus: 200 });

describe("the process's contract health", () => {
  it("is what every Source client of the process reports to (the routes' and the consent worker's)", () => {
    for (const { client } of [createEduvRuntime(), createEduvRuntime()]) {
      expect((client as unknown as { opts: EduvClientOptions }).opts.observer).toBe(contractHealthRecorder().observe);
    }
  });

  it("keeps the counts while the store is down, logs the failure's class once, and flushes them when it is back", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const logs = vi.spyOn(console, "log").mockImplementation(() => {});
    const now = Date.now();
    store.down = true;
    contractHealthRecorder().observe(attempt(now));
    await expect(flushContractHealthNow()).resolves.toBeUndefined();
    contractHealthRecorder().observe(attempt(now));
    await flushContractHealthNow();
    expect(errors.mock.calls.map((c) => String(c[0]))).toEqual(["contract health: flush failed (TypeError); counts kept in memory"]);
    store.down = false;
    contractHealthRecorder().observe(attempt(now));
    // Two flushes at once run one after the other; the second finds nothing left.
    await Promise.all([flushContractHealthNow(), flushContractHealthNow()]);
    expect(logs.mock.calls.map((c) => String(c[0]))).toEqual(["contract health: flushing again"]);
    const rows = await readContractHealth((await getStore()).db, { since: new Date(now - 3_600_000), sourceId: "las-a" });
    expect(rows.map((r) => r.calls)).toEqual([3]);
    expect(contractHealthRecorder().peek()).toEqual([]);
  });
});
