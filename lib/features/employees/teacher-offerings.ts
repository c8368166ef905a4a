import type { EnrollmentState } from "@/lib/sources/reading/enrollment-status";

/**
 * The subject offerings whose teachers a pupil's page shows: those of the pupil's subject
 * enrollments that hold on the reference date (`current`) or whose status nobody knows (`unknown`:
 * shown, since it may be the one that holds, though never counted as current); never those that do
 * not hold (`not_current`: withdrawn by `tobedeleted`, not yet begun, or ended). Each offering once.
 */
export function teacherOfferings(rows: ReadonlyArray<{ type: string; offering: string; enrolledNow: EnrollmentState }>): string[] {
  const out = new Set<string>();
  for (const r of rows) if (r.type === "subject" && r.offering && r.enrolledNow !== "not_current") out.add(r.offering);
  return [...out];
}
