import "server-only";
import type { ResponseOf } from "@/lib/contracts/define";
import type { usageOptions } from "@/lib/contracts/usage";
import { enrollmentOptions, listSchoolEnrollments } from "@/lib/features/enrollments/enrollments";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { referenceDate } from "./usage";

/** The offerings a coverage can be run for, and the date taken as today (the contract `usageOptions`). */
export type UsageOptions = ResponseOf<typeof usageOptions>;

/**
 * The offerings of the school `schoolId` a coverage can be run for (from its enrollments), and the
 * date taken as today, from the running dashboard's Sources; no personal data. As GET
 * /api/usage/options answers them and the coverage view of /licentiegebruik reads them on the server.
 */
export async function readUsageOptions(schoolId: string): Promise<UsageOptions> {
  const { client } = getEduvRuntime();
  const school = client.config.schools.find((s) => s.id === schoolId)!;
  const list = await listSchoolEnrollments(client, school, {});
  const { studyOfferings, subjectOfferings } = enrollmentOptions(list.rows);
  return { studyOfferings, subjectOfferings, today: referenceDate(), referenceDateSet: !!process.env.LDB_REFERENCE_DATE };
}
