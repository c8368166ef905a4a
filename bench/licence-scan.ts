// The school-wide licence scan (issue 25) as the dashboard runs it: a background job (scan-jobs.ts) over the
// school's pupils, the coverage fan-out as the school's caller, then the findings; each run timed from the start
// until the job says it is done. bench/run.ts calls it against its out-of-process Licentieregistratie.
import type { SchoolConfig } from "../lib/sources/config";
import type { EduvClient } from "../lib/sources/transport/client";
import type { ScanPupil } from "../lib/features/data-quality/licence-scan";
import { scanWork } from "../lib/features/data-quality/run-scan";
import { scanOf, startScan } from "../lib/features/data-quality/scan-jobs";

/** The pupils the scan asks about: the first `count` of `pupils`, each enrolled now and askable by ECK iD. */
export function benchScanPupils(pupils: ReadonlyArray<{ index: number; eck: string }>, count: number): ScanPupil[] {
  if (pupils.length < count) throw new Error(`the bench school has ${pupils.length} pupils, fewer than ${count}`);
  return pupils
    .slice(0, count)
    .map((p) => ({ key: String(p.index), current: true, user: { userMasterIdentifier: p.eck }, masked: "", groups: ["bench"] }));
}

/** One scan's wall time in ms; `before` readies the Source (reset, latency) first. */
export async function timeLicenceScan(
  client: EduvClient,
  school: SchoolConfig,
  pupils: readonly ScanPupil[],
  before: () => Promise<unknown>,
): Promise<number> {
  await before();
  const start = performance.now();
  startScan(school.id, { startedBy: "bench", total: pupils.length }, scanWork(client, school, pupils, "2026-03-02", { refresh: true }));
  while (scanOf(school.id)?.state === "running") await new Promise((r) => setTimeout(r, 2));
  if (scanOf(school.id)?.state !== "done") throw new Error(`scan ${scanOf(school.id)?.state}`);
  return performance.now() - start;
}
