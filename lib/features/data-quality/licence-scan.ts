import "server-only";
import type { DataQualityItem, LicenceCheckId } from "@/lib/contracts/data-quality";
import { combinedState, enrollmentState, type EnrollmentState } from "@/lib/sources/reading/enrollment-status";
import { coveragePupils, holdForReview, type CoveragePupil, type PupilUsage } from "../coverage/group";
import type { EnrollmentRow } from "../enrollments/enrollments";
import { maskIdentifier, type StudentList } from "../students/students";
import { meaningOf } from "../usage/usage";

// The school-wide licence scan's two checks (issue 25): every pupil of the LAS asked at every
// Licentieregistratie (scan-jobs.ts runs it), then what the answers say beside the LAS's enrollments.

export type { LicenceCheckId } from "@/lib/contracts/data-quality";

/** A pupil the scan asks about: as coverage asks (CoveragePupil), with the masked identifier and the groups they are in now. */
export type ScanPupil = CoveragePupil & { masked: string; groups: readonly string[]; noEnrollment?: true };

/**
 * Every pupil of the school: each one of the LAS's student list, and each one the enrollments name
 * (matched to the list, or not: then they cannot be asked, and nothing is concluded about them). Their
 * state over all their enrollments (`combinedState`): enrolled now, only before, or a status nobody
 * knows (then not asked, and nothing concluded). A pupil of the list without any enrollment is not
 * enrolled now (`noEnrollment`), and is asked: licences held by a pupil the LAS enrolls nowhere are
 * what a school wants to know about. With `heldForReview` (a mass change of the school's LAS lists
 * waits for review) the pupils not enrolled now, or not in the list, are held for review as coverage
 * holds them (`holdForReview`): not asked, nothing concluded.
 */
export function schoolPupils(
  students: Pick<StudentList, "rows" | "identifiers" | "unreadable">,
  rows: readonly EnrollmentRow[],
  today: string,
  opts: { heldForReview?: boolean } = {},
): ScanPupil[] {
  const states = new Map<string, EnrollmentState[]>();
  const groups = new Map<string, Set<string>>();
  const ambiguous = new Set<string>();
  for (const r of rows) {
    if (r.studentAmbiguous) ambiguous.add(r.studentKey);
    const state = enrollmentState(r, today);
    (states.get(r.studentKey) ?? states.set(r.studentKey, []).get(r.studentKey)!).push(state);
    if (state === "current") (groups.get(r.studentKey) ?? groups.set(r.studentKey, new Set()).get(r.studentKey)!).add(r.offering);
  }
  const combined = new Map([...states].map(([key, s]) => [key, combinedState(s)!]));
  const none = new Set<string>();
  for (const s of students.rows)
    if (!combined.has(s.key)) {
      combined.set(s.key, "not_current");
      none.add(s.key);
    }
  const pupils = coveragePupils(combined, students, ambiguous);
  return (opts.heldForReview ? holdForReview(pupils) : pupils).map((p): ScanPupil => {
    const ids = students.identifiers.get(p.key);
    return {
      ...p,
      masked: ids ? maskIdentifier(ids) : "—",
      groups: [...(groups.get(p.key) ?? [])].sort(),
      ...(none.has(p.key) ? { noEnrollment: true as const } : {}),
    };
  });
}

/** Per registry, how many of the pupil's entitlements still work or wait to be activated (as coverage counts a leaver's licences to reassign). */
export function heldLicences(usage: PupilUsage, today: string): Map<string, { name: string; count: number }> {
  const held = new Map<string, { name: string; count: number }>();
  for (const e of usage.answer?.entitlements ?? []) {
    const m = meaningOf(e, today);
    if (m !== "ok" && m !== "not_activated") continue;
    const at = held.get(e.sourceId);
    if (at) at.count++;
    else held.set(e.sourceId, { name: e.sourceName, count: 1 });
  }
  return held;
}

/** A check's records; `notKnown` when it concludes nothing (a mass change waited while the scan ran). */
export type LicenceFinding = { id: LicenceCheckId; items: DataQualityItem[]; notKnown?: "mass_change" };

/**
 * The two licence checks over the scan's answers (`usage[i]` answers `pupils[i]`):
 * - `licences_without_enrollment`: a pupil not enrolled now (left, `tobedeleted`, or enrolled nowhere)
 *   for whom a registry holds licences that still work or wait: to cancel or reassign. Never a pupil
 *   whose status nobody knows (not asked).
 * - `unknown_at_registry`: a pupil enrolled now whom a registry does not know (it answered "unknown
 *   person") while it holds licences for another pupil enrolled now in one of the same groups: the
 *   group's products are licensed there, this pupil's are missing. A registry that gave no usable
 *   answer about the pupil concludes nothing.
 * Each item names the pupil by key and masked identifier; the detail names registries and counts only.
 * With `heldForReview` (a mass change of the school's LAS lists waited for review), who is "not
 * enrolled now" is not known: `licences_without_enrollment` concludes nothing (`notKnown`), even about
 * pupils the lists still show as former ones. `unknown_at_registry` is about pupils enrolled now, and stands.
 */
export function licenceFindings(
  pupils: readonly ScanPupil[],
  usage: readonly PupilUsage[],
  today: string,
  opts: { heldForReview?: boolean } = {},
): LicenceFinding[] {
  const held = usage.map((u) => heldLicences(u, today));
  const withoutEnrollment: DataQualityItem[] = [];
  // Per group, the registries where a pupil of the group enrolled now holds licences.
  const licensedIn = new Map<string, Set<string>>();
  pupils.forEach((p, i) => {
    if (!p.current) return;
    for (const g of p.groups)
      for (const sourceId of held[i]!.keys()) (licensedIn.get(g) ?? licensedIn.set(g, new Set()).get(g)!).add(sourceId);
  });
  const unknownAt: DataQualityItem[] = [];
  pupils.forEach((p, i) => {
    const answer = usage[i]?.answer;
    if (!answer) return;
    if (!p.current && !p.statusUnknown && held[i]!.size) {
      const detail = [...held[i]!.values()].map((h) => `${h.name}: ${h.count}`).join("; ");
      withoutEnrollment.push({ studentKey: p.key, masked: p.masked, detail });
      return;
    }
    if (!p.current) return;
    const unknownHere = answer.registries.filter((r) => r.status === "unknown_user");
    const names = unknownHere.filter((r) => p.groups.some((g) => licensedIn.get(g)?.has(r.sourceId))).map((r) => r.sourceName);
    if (names.length) unknownAt.push({ studentKey: p.key, masked: p.masked, detail: names.join("; ") });
  });
  return [
    opts.heldForReview
      ? { id: "licences_without_enrollment", items: [], notKnown: "mass_change" }
      : { id: "licences_without_enrollment", items: withoutEnrollment },
    { id: "unknown_at_registry", items: unknownAt },
  ];
}
