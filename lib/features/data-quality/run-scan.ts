import "server-only";
import type { DataQualityActor, DataQualityItem, LicenceCheckId, ScanView } from "@/lib/contracts/data-quality";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { asCaller } from "@/lib/sources/capacity/caller";
import type { SchoolConfig } from "@/lib/sources/config";
import type { EduvClient } from "@/lib/sources/transport/client";
import { fanOut, type PupilUsage } from "../coverage/group";
import { listSchoolEnrollments } from "../enrollments/enrollments";
import { pendingIn } from "../mass-change/flags";
import { MassChangeWithheldError } from "../mass-change/withheld";
import { listSchoolStudents } from "../students/students";
import { answered, notAProvider, referenceDate } from "../usage/usage";
import { licenceFindings, schoolPupils, type ScanPupil } from "./licence-scan";
import { scanOf, type ScanJob, type ScanResult, type ScanWork } from "./scan-jobs";

/**
 * The school's licence scan, ready to start: its pupils read from the LAS now (a LAS that cannot be
 * read fails here, before anything starts: the caller answers with its error), and the work that asks
 * every Licentieregistratie about each of them (the coverage fan-out: each Source's own limit holds,
 * a Source that refuses the whole school is asked once), as the school's caller in the Sources' fair
 * queues (`scan:<school>`), so a scan takes its turn beside the staff's own lookups. While a mass
 * change of the school's LAS lists waits for review, the scan draws no "not enrolled" conclusion
 * (`licenceFindings`), and does not ask about the pupils it would have drawn it about.
 */
export async function prepareLicenceScan(
  schoolId: string,
  opts: { today?: string } = {},
): Promise<{ pupils: readonly ScanPupil[]; work: ScanWork }> {
  const { client } = getEduvRuntime();
  const school = client.config.schools.find((s) => s.id === schoolId)!;
  const today = opts.today ?? referenceDate();
  const [students, enrollments] = await Promise.all([listSchoolStudents(client, school, {}), listSchoolEnrollments(client, school, {})]);
  const heldForReview = pendingIn(students, enrollments);
  const pupils = schoolPupils(students, enrollments.rows, today, { heldForReview });
  return { pupils, work: scanWork(client, school, pupils, today, { heldForReview }) };
}

/**
 * The scan's work over `pupils`: the coverage fan-out as the school's caller, then the findings. Usage
 * answers still kept (USAGE_CACHE_TTL_SECONDS) are used; `refresh` asks every registry again (bench/run.ts
 * times the scan so, as the dashboard runs it).
 */
export function scanWork(
  client: EduvClient,
  school: SchoolConfig,
  pupils: readonly ScanPupil[],
  today: string,
  opts: { refresh?: boolean; heldForReview?: boolean } = {},
): ScanWork {
  return async (signal, progress) => {
    const usage = await asCaller(`scan:${school.id}`, () =>
      fanOut(client, school, pupils, { signal, onProgress: progress, refresh: opts.refresh }),
    );
    return scanResult(pupils, usage, today, { heldForReview: opts.heldForReview });
  };
}

/**
 * The findings, and per registry how many pupils it answered about (entitlements, or "does not know
 * this person") and how many not. An Aanspraakmanager's 405 is no registry's silence (Edu-V: it does
 * not provide usage): it is left out, so it never makes the checks look partial.
 */
export function scanResult(
  pupils: readonly ScanPupil[],
  usage: readonly PupilUsage[],
  today: string,
  opts: { heldForReview?: boolean } = {},
): ScanResult {
  const registries = new Map<string, ScanResult["registries"][number]>();
  for (const u of usage)
    for (const r of u.answer?.registries ?? []) {
      if (notAProvider(r)) continue;
      const at = registries.get(r.sourceId) ?? { sourceId: r.sourceId, name: r.sourceName, answered: 0, notAnswered: 0 };
      if (answered(r)) at.answered++;
      else at.notAnswered++;
      registries.set(r.sourceId, at);
    }
  return {
    findings: licenceFindings(pupils, usage, today, opts),
    registries: [...registries.values()],
    notAsked: usage.filter((u) => !u.answer).length,
  };
}

/** Who can put a licence finding right: the school returns or reassigns a leaver's licences; the publisher says why its registry misses a pupil. */
const ACTOR: Record<LicenceCheckId, DataQualityActor> = { licences_without_enrollment: "school", unknown_at_registry: "publisher" };
/** Items shown per check, as the LAS checks show them (the count says how many there are). */
const SHOWN = 500;

/** A scan as the BFF answers it: a finished one's findings as checks (each with who acts, at most 500 items shown). */
export function scanView(job: ScanJob): ScanView {
  const common = { id: job.id, startedAt: job.startedAt, total: job.total };
  switch (job.state) {
    case "running":
      return { ...common, state: "running", done: job.done };
    case "cancelled":
      return { ...common, state: "cancelled", finishedAt: job.finishedAt, done: job.done };
    case "failed":
      return { ...common, state: "failed", finishedAt: job.finishedAt, error: job.error };
    case "done":
      return {
        ...common,
        state: "done",
        finishedAt: job.finishedAt,
        checks: job.result.findings.map((f) => ({
          id: f.id,
          actor: ACTOR[f.id],
          count: f.items.length,
          items: f.items.slice(0, SHOWN),
          ...(f.notKnown ? { notKnown: f.notKnown } : {}),
        })),
        registries: job.result.registries,
        notAsked: job.result.notAsked,
      };
  }
}

/**
 * The school's licence scan as GET /api/data-quality/scan answers it and the Datakwaliteit page shows
 * it: running, finished or none; with its access-log entry when it names pupils (a finished scan's
 * findings: a read of the pupil list, as the LAS checks' answer is, counting the pupils it names).
 */
export async function readScan(
  schoolId: string,
): Promise<{ value: ScanView | null; access?: { dataKind: "students"; action: "list"; personCount: number } }> {
  const job = scanOf(schoolId);
  const value = job ? scanView(job) : null;
  const named = value?.state === "done" ? new Set(value.checks.flatMap((c) => c.items.map((i) => i.studentKey))).size : 0;
  return named ? { value, access: { dataKind: "students", action: "list", personCount: named } } : { value };
}

/**
 * Every record one licence check of the school's finished scan found (not only the 500 shown), for the
 * CSV; undefined without a finished scan. A check that concluded nothing (a mass change waited) throws
 * MassChangeWithheldError (409): an empty file would read as "no findings".
 */
export function scanRows(schoolId: string, check: LicenceCheckId): DataQualityItem[] | undefined {
  const job = scanOf(schoolId);
  if (job?.state !== "done") return undefined;
  const finding = job.result.findings.find((f) => f.id === check);
  if (finding?.notKnown) throw new MassChangeWithheldError(check);
  return finding?.items ?? [];
}
