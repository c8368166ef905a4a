import "server-only";
import type { StudentDetailAnswer } from "@/lib/contracts/students";
import type { Locale } from "@/lib/i18n/locale";
import { sourceErrorText } from "@/lib/i18n/outcome-words";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { SourceError, UnreadableRecordError } from "@/lib/sources/errors";
import { teachersOfStudent } from "../employees/teachers-of-student";
import { teacherOfferings } from "../employees/teacher-offerings";
import { enrollmentsOfStudent, listSchoolEnrollments } from "../enrollments/enrollments";
import { pendingIn } from "../mass-change/flags";
import { MassChangeWithheldError } from "../mass-change/withheld";
import { listSchoolStudents, primaryIdentifier } from "./students";

/** What the reader may see beside the pupil's own record (their role at the school decides). */
export type DetailSections = { enrollments: boolean; teachers: boolean };

/** The access-log entry of one pupil's page: a detail read, naming the pupil by their keyed hash. */
type DetailAccess = { dataKind: "students"; action: "detail"; personCount: 1; personIdentifier: string };

/**
 * One pupil of the school `schoolId` by their opaque key, as GET /api/students/detail answers it and
 * the pupil's page shows it: the record (masked), their enrollments and the teachers of their
 * lessons (each section only when `sections` allows it, and each failing on its own: the pupil
 * stays on screen), with the access-log entry. Null when the LAS does not list the key; a record the
 * LAS sent but that could not be read is an UnreadableRecordError ("not found" would be false); a key
 * missing while a mass change of the list waits for review, a MassChangeWithheldError (not known either).
 */
export async function readStudentDetail(
  schoolId: string,
  key: string,
  sections: DetailSections,
  lang: Locale,
): Promise<{ value: StudentDetailAnswer; access: DetailAccess } | null> {
  const { client } = getEduvRuntime();
  const school = client.config.schools.find((s) => s.id === schoolId)!;
  const list = await listSchoolStudents(client, school);
  const student = list.rows.find((r) => r.key === key);
  if (!student) {
    const fields = list.unreadable.get(key);
    if (fields) throw new UnreadableRecordError(list.sourceId, fields);
    // While a mass change waits, a pupil missing from the list served may be one the change lost or brought: not known (409).
    if (pendingIn(list)) throw new MassChangeWithheldError("student");
    return null;
  }
  let enrollments: StudentDetailAnswer["enrollments"] = { rows: [], ageSeconds: 0 };
  if (sections.enrollments) {
    try {
      const all = await listSchoolEnrollments(client, school, {});
      enrollments = { rows: enrollmentsOfStudent(all.rows, student.key), ageSeconds: Math.round(all.ageMs / 1000) };
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      enrollments = { error: { code: err.kind, message: sourceErrorText(err.kind, lang, undefined, err.statusCode) } };
    }
  }
  // The teachers of the subject offerings the pupil is in now, by the one rule (enrollment-status.ts):
  // an enrollment whose status nobody knows may be the one that holds, so its teachers are shown too.
  const subjectOfferings = "rows" in enrollments ? teacherOfferings(enrollments.rows) : [];
  const teachers = sections.teachers ? await teachersOfStudent(client, school, { studentKey: student.key, subjectOfferings }, lang) : null;
  return {
    value: { student, enrollments, teachers, ageSeconds: Math.round(list.ageMs / 1000) },
    access: {
      dataKind: "students",
      action: "detail",
      personCount: 1,
      personIdentifier: primaryIdentifier(list.identifiers.get(student.key)!),
    },
  };
}
