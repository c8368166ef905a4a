import "server-only";
import { forEachAtMost } from "@/lib/sources/capacity/concurrency";
import type { Locale } from "@/lib/i18n/locale";
import { sourceErrorText } from "@/lib/i18n/outcome-words";
import { getStore } from "@/lib/db/client";
import { listKnownEmployees, type KnownEmployee } from "@/lib/db/employees";
import { AnswerCache } from "@/lib/sources/answer-cache";
import { EduvClient } from "@/lib/sources/transport/client";
import { SourceError } from "@/lib/sources/errors";
import { listEmployeeAssignments } from "@/lib/sources/operations";
import { schoolReferenceFor } from "@/lib/sources/transport/request-params";
import type { SchoolConfig } from "@/lib/sources/config";
import { NO_STUDENTS, type PersonMatcher, type PersonRef } from "@/lib/sources/reading/identity";
import type { TeacherOfStudent, TeachersAnswer } from "@/lib/contracts/students";
import { studentIdentity } from "../students/students";

export type { TeacherOfStudent, TeachersAnswer } from "@/lib/contracts/students";

/**
 * `byCoachee` is keyed by the student key `identity` gave each coached student when the index was
 * built; `coachees` keeps how the Source named them, to key them again under a newer student list.
 */
type Index = {
  bySubject: Map<string, TeacherOfStudent[]>;
  byCoachee: Map<string, TeacherOfStudent[]>;
  coachees: Array<{ ref: PersonRef; teacher: TeacherOfStudent }>;
  identity: PersonMatcher;
  failed: number;
  message?: string;
};

const cache = AnswerCache.shared<Index>("teacher-index");
const CONCURRENCY = Number(process.env.EDUV_ASSIGNMENTS_CONCURRENCY ?? 6);

/** Who teaches which subject offering and coaches which student, from every known employee's assignments. */
export async function buildTeacherIndex(
  client: EduvClient,
  school: SchoolConfig,
  employees: readonly KnownEmployee[],
  lang: Locale,
  identity: PersonMatcher = NO_STUDENTS,
): Promise<Index> {
  const source = client.config.sources.find((s) => s.apis.includes("assignments") && s.schools.includes(school.id));
  if (!source) throw new SourceError("not_configured", "(none)", { detail: "no Source serves assignments for this school" });
  const bySubject = new Map<string, TeacherOfStudent[]>();
  const coachees: Index["coachees"] = [];
  const add = (map: Map<string, TeacherOfStudent[]>, key: string, t: TeacherOfStudent) => map.set(key, [...(map.get(key) ?? []), t]);
  let failed = 0;
  let message: string | undefined;
  await forEachAtMost(employees, CONCURRENCY, async (e) => {
    try {
      const result = await client.call(listEmployeeAssignments, source.id, {
        query: {},
        body: { school: schoolReferenceFor(school), employee: { userIds: [{ userId: e.userId, userIdType: e.userIdType as "NEPRI" }] } },
      });
      for (const a of result.records) {
        if (a.status === "tobedeleted") continue;
        const who = { name: e.name, maskedId: e.maskedId };
        if (a.assignmentType === "teacher" && a.subject) add(bySubject, a.subject, { ...who, type: "teacher", subjectOffering: a.subject });
        if (a.assignmentType === "coach" && a.student) coachees.push({ ref: a.student, teacher: { ...who, type: "coach" } });
      }
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      failed++;
      message ??= sourceErrorText(err.kind, lang, undefined, err.statusCode);
    }
  });
  return { bySubject, byCoachee: coacheesBy(coachees, identity), coachees, identity, failed, message };
}

/** Coaches by their pupil's key: a pupil named by identifiers that fit two pupils of the list (ambiguous) is nobody's. */
function coacheesBy(coachees: Index["coachees"], identity: PersonMatcher): Map<string, TeacherOfStudent[]> {
  const match = identity.matcher();
  const out = new Map<string, TeacherOfStudent[]>();
  for (const { ref, teacher } of coachees) {
    const m = match(ref);
    if (m.kind === "ambiguous") continue;
    const list = out.get(m.key);
    if (list) list.push(teacher);
    else out.set(m.key, [teacher]);
  }
  return out;
}

const rekeyed = new WeakMap<Index, { identity: PersonMatcher; byCoachee: Map<string, TeacherOfStudent[]> }>();

/** The index's coaches under the current student list (the index and the list are cached apart). */
function byCoacheeUnder(index: Index, identity: PersonMatcher): Map<string, TeacherOfStudent[]> {
  if (index.identity === identity) return index.byCoachee;
  const memo = rekeyed.get(index);
  if (memo?.identity === identity) return memo.byCoachee;
  const byCoachee = coacheesBy(index.coachees, identity);
  rekeyed.set(index, { identity, byCoachee });
  return byCoachee;
}

/**
 * The teachers of a student's lessons and their coach. Edu-V has no list of a school's employees
 * (assignments are asked per employee), so this works from the school's employee list kept here;
 * the index over all their assignments is cached like any Source answer.
 */
export async function teachersOfStudent(
  client: EduvClient,
  school: SchoolConfig,
  student: { studentKey: string; subjectOfferings: readonly string[] },
  lang: Locale,
): Promise<TeachersAnswer> {
  const { db } = await getStore();
  const employees = await listKnownEmployees(db, school.id);
  if (!employees.length) return { teachers: [], knownEmployees: 0, failed: 0 };
  const source = client.config.sources.find((s) => s.apis.includes("assignments") && s.schools.includes(school.id));
  // The list of employees is part of the key: adding one builds the index anew.
  const key = AnswerCache.key({
    sourceId: source?.id ?? "(none)",
    schoolId: school.id,
    operationId: "teacher-index",
    query: { employees: employees.map((e) => e.key).join(",") },
    scopes: source ? EduvClient.scopesFor(listEmployeeAssignments, source) : [],
  });
  const identity = await studentIdentity(client, school);
  const { value: index } = await cache.get(key, async () => ({
    value: await buildTeacherIndex(client, school, employees, lang, identity),
    bytes: 200 * employees.length,
  }));
  const teachers = [
    ...student.subjectOfferings.flatMap((o) => index.bySubject.get(o) ?? []),
    ...(byCoacheeUnder(index, identity).get(student.studentKey) ?? []),
  ];
  return {
    teachers,
    knownEmployees: employees.length,
    failed: index.failed,
    message: index.failed === employees.length ? index.message : undefined,
  };
}
