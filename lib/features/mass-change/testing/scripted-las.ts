import { generateSchool } from "@/sandbox/data/generate";
import { SCHOOLS } from "@/sandbox/data/schools";
import { loadSourcesConfig } from "@/lib/sources/config";
import { listEnrollments, listStudents } from "@/lib/sources/operations";
import type { AnyOperation } from "@/lib/sources/operations/define";
import { parseList } from "@/lib/sources/reading/parse-list";
import type { EduvClient } from "@/lib/sources/transport/client";

const eckOf = (r: Record<string, unknown>) => r.userMasterIdentifier as string;

/**
 * A scripted LAS (las-a of the demo's sources file) for the mass-change guard's tests: it sends OBS
 * De Regenboog's generated pupils and their enrollments, or (set `sent`) only the first `sent` pupils
 * and theirs, as a half-empty export would; every other call answers an empty list. The counts a test
 * expects are taken from `data`, never from the code under test.
 */
export function scriptedRegenboog() {
  const data = generateSchool(
    "leermiddelendashboard",
    SCHOOLS.find((s) => s.orgMasterId === "900A101")!,
    "demo",
  );
  const las = {
    data,
    /** How many of the school's pupils the LAS sends now (all of them to begin with). */
    sent: data.students.length,
    eckOf,
    /** The ECK iDs of the pupils sent now. */
    sentEcks: () => new Set(data.students.slice(0, las.sent).map(eckOf)),
    client: {
      config: loadSourcesConfig(),
      async call(op: AnyOperation, sourceId: string) {
        const meta = { sourceId, httpStatus: 200, latencyMs: 1, apiVersion: "1", grantedScopes: [], bytes: 1000 };
        const ecks = las.sentEcks();
        const raw =
          op.operationId === listStudents.operationId
            ? data.students.slice(0, las.sent)
            : op.operationId === listEnrollments.operationId
              ? data.enrollments.filter((e) => ecks.has(eckOf(e.student as Record<string, unknown>)))
              : [];
        const { records, report } = parseList(op.item!, raw);
        return { records, report, meta };
      },
    } as unknown as EduvClient,
  };
  return las;
}
