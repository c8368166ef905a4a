import type { SearchPerson } from "@/lib/contracts/search";
import type { Db } from "@/lib/db/client";
import { listKnownEmployees } from "@/lib/db/employees";
import { SourceError } from "@/lib/sources/errors";
import type { PersonMatcher } from "@/lib/sources/reading/identity";
import { USER_ID_TYPES } from "@/lib/sources/reading/schemas/common";
import type { EduvClient } from "@/lib/sources/transport/client";
import type { SchoolConfig } from "@/lib/sources/config";
import { enrollmentsOfStudent, listSchoolEnrollments } from "@/lib/features/enrollments/enrollments";
import { listSchoolStudents, pageStudents } from "@/lib/features/students/students";
import type { StudentRow } from "@/lib/contracts/students";

/** At most this many pupils and this many employees per answer. */
export const SEARCH_LIMIT = 20;

/** Where the searcher can act on a person: a school administrator on the pupil's page, the support desk on the usage page. */
export type SearchTargets = { studentPage: boolean; employeePage: boolean };

/** Study offerings each pupil is enrolled in now, by opaque key; empty when the enrollments cannot be read (the group is then left out). */
async function groupsOf(client: EduvClient, school: SchoolConfig, keys: readonly string[]): Promise<Map<string, string>> {
  const groups = new Map<string, string>();
  if (keys.length === 0) return groups;
  let rows;
  try {
    rows = (await listSchoolEnrollments(client, school, {})).rows;
  } catch (err) {
    if (err instanceof SourceError) return groups;
    throw err;
  }
  for (const key of keys) {
    const now = enrollmentsOfStudent(rows, key).filter((e) => e.type === "study" && e.enrolledNow === "current");
    const offerings = [...new Set(now.map((e) => e.offering))].sort();
    if (offerings.length) groups.set(key, offerings.join(", "));
  }
  return groups;
}

/** The one pupil whose whole identifier (ECK iD, or one of the LAS's user ids of any type) is `text`; none when two share it. */
function pupilByIdentifier(identity: PersonMatcher, text: string): string | undefined {
  const match = identity.matcher();
  const refs = [{ userMasterIdentifier: text }, ...USER_ID_TYPES.map((userIdType) => ({ userIds: [{ userId: text, userIdType }] }))];
  const keys = new Set(refs.map(match).flatMap((m) => (m.kind === "matched" ? [m.key] : [])));
  return keys.size === 1 ? [...keys][0] : undefined;
}

function yearOf(row: StudentRow): number | undefined {
  const year = row.dateOfBirth ? Number(row.dateOfBirth.slice(0, 4)) : NaN;
  return Number.isInteger(year) ? year : undefined;
}

/**
 * Pupils (from the LAS list: by name, or by a whole identifier: ECK iD or one of the LAS's user ids) and employees (from the school's list:
 * by name or their whole identifier) matching `q`, each with the page where the searcher can act on
 * them. The text `q` is never logged or put in a URL; the answer carries opaque keys only.
 */
export async function searchPeople(
  client: EduvClient,
  db: Db,
  school: SchoolConfig,
  q: string,
  targets: SearchTargets,
): Promise<{ people: SearchPerson[]; more: boolean }> {
  const needle = q.trim().toLowerCase();
  const list = await listSchoolStudents(client, school);
  const byName = pageStudents(list.rows, { q, sort: "name", dir: "asc", page: 1, pageSize: SEARCH_LIMIT });
  const students = [...byName.rows];
  const byId = pupilByIdentifier(list.identity, q.trim());
  if (byId && !students.some((s) => s.key === byId)) {
    const row = list.rows.find((r) => r.key === byId);
    if (row) students.unshift(row);
  }
  const employees = (await listKnownEmployees(db, school.id))
    .filter((e) => e.name.toLowerCase().includes(needle) || e.userId.toLowerCase() === needle)
    .slice(0, SEARCH_LIMIT);
  const groups = await groupsOf(
    client,
    school,
    students.map((s) => s.key),
  );
  const people: SearchPerson[] = [
    ...students.map((s) => {
      const yearOfBirth = yearOf(s);
      const group = groups.get(s.key);
      return {
        kind: "student" as const,
        key: s.key,
        name: s.name,
        maskedId: s.maskedId,
        ...(yearOfBirth !== undefined ? { yearOfBirth } : {}),
        ...(group ? { group } : {}),
        href: targets.studentPage ? `/leerlingen/${s.key}` : `/licentiegebruik?studentKey=${s.key}`,
      };
    }),
    ...employees.map((e) => ({
      kind: "employee" as const,
      key: e.key,
      name: e.name,
      maskedId: e.maskedId,
      href: targets.employeePage ? "/medewerkers" : "/licentiegebruik",
    })),
  ];
  return { people, more: byName.total > SEARCH_LIMIT };
}
