import { Writable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getStore } from "@/lib/db/client";
import { readContractHealth } from "@/lib/db/contract-health";
import { useLogDestination } from "@/lib/log";
import type { EduvClientOptions } from "@/lib/sources/transport/client";
import { contractHealthRecorder, flushContractHealthNow } from "./contract-health-flush";
import { createEduvRuntime } from "./source-runtime";

process.env.PGLITE_DIR = "memory://";
process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";

const store = vi.hoisted(() => ({ down: false }));
vi.mock("@/lib/db/client", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/db/client")>();
  // The message quotes a parameter, as drivers' messages may: it must not reach the log.
  return { ...real, getStore: () => (store.down ? Promise.reject(new TypeError("bad value 'Jan Bakker'")) : real.getStore()) };
});

afterEach(() => {
  vi.restoreAllMocks();
  useLogDestination(undefined);
});

/** A log destination keeping each line as "level msg err.type". */
function logSink(): { lines: string[]; sink: Writable } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) {
        const o = JSON.parse(line) as { level: string; msg: string; err?: { type: string } };
        lines.push([o.level, o.msg, o.err?.type].filter(Boolean).join(" "));
      }
      done();
    },
  });
  return { lines, sink };
}

const attempt = (at: number) => ({ sourceId: "las-a", operationId: "get-students-for-school", at, latencyMs: 30, httpStatus: 200 });

describe("the process's contract health", () => {
  it("is what every Source client of the process reports to (the routes' and the consent worker's)", () => {
    const now = Date.now();
    for (const [i, { client }] of [createEduvRuntime(), createEduvRuntime()].entries()) {
      const before = JSON.stringify(contractHealthRecorder().peek());
      (client as unknown as { opts: EduvClientOptions }).opts.observer!({ ...attempt(now), sourceId: `probe-${i}` });
      expect(JSON.stringify(contractHealthRecorder().peek())).not.toBe(before);
      expect(JSON.stringify(contractHealthRecorder().peek())).toContain(`probe-${i}`);
    }
  });

  it("keeps the counts while the store is down, logs the failure's class once, and flushes them when it is back", async () => {
    const { lines, sink } = logSink();
    useLogDestination(sink, "info");
    const now = Date.now();
    store.down = true;
    contractHealthRecorder().observe(attempt(now));
    await expect(flushContractHealthNow()).resolves.toBeUndefined();
    contractHealthRecorder().observe(attempt(now));
    await flushContractHealthNow();
    expect(lines).toEqual(["error contract health: flush failed; counts kept in memory TypeError"]);
    expect(lines.join("\n")).not.toContain("Jan Bakker");
    store.down = false;
    contractHealthRecorder().observe(attempt(now));
    // Two flushes at once run one after the other; the second finds nothing left.
    await Promise.all([flushContractHealthNow(), flushContractHealthNow()]);
    expect(lines.slice(1)).toEqual(["info contract health: flushing again"]);
    const rows = await readContractHealth((await getStore()).db, { since: new Date(now - 3_600_000), sourceId: "las-a" });
    expect(rows.map((r) => r.calls)).toEqual([3]);
    expect(contractHealthRecorder().peek()).toEqual([]);
  });
});
