import { apiError, UnreadableRecordError } from "@/lib/api/errors";
import { staffRoute } from "@/lib/api/route";
import { studentsDetail, type StudentDetailAnswer } from "@/lib/contracts/students";
import { can } from "@/lib/auth/permissions";
import { enrollmentsOfStudent, listSchoolEnrollments } from "@/lib/features/enrollments/enrollments";
import { teacherOfferings } from "@/lib/features/employees/teacher-offerings";
import { SourceError } from "@/lib/sources/errors";
import { sourceErrorText } from "@/lib/i18n/outcome-words";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { listSchoolStudents, primaryIdentifier } from "@/lib/features/students/students";
import { teachersOfStudent } from "@/lib/features/employees/teachers-of-student";

export const dynamic = "force-dynamic";

// GET /api/students/detail?key= – one student (masked), their enrollments and the teachers of their lessons. The key is opaque.
export const GET = staffRoute(
  {
    action: "students.read",
    audit: { dataKind: "students", action: "detail" },
    query: studentsDetail.query,
    response: studentsDetail.response,
    limits: ["lookup"],
  },
  async ({ staff, schoolId, query, lang }) => {
    const { client } = getEduvRuntime();
    const school = client.config.schools.find((s) => s.id === schoolId)!;
    const list = await listSchoolStudents(client, school);
    const student = list.rows.find((r) => r.key === query.key);
    if (!student) {
      // The LAS sent this pupil's record but it could not be read: say so, with the fields; "not found" would be false.
      const fields = list.unreadable.get(query.key);
      if (fields) throw new UnreadableRecordError(list.sourceId, fields);
      return { raw: apiError("not_found", lang), json: null };
    }
    // The sections that come from other calls fail on their own: the student stays on screen.
    let enrollments: StudentDetailAnswer["enrollments"] = { rows: [], ageSeconds: 0 };
    if (can(staff, "enrollments.read", schoolId)) {
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
    const teachers = can(staff, "assignments.read", schoolId)
      ? await teachersOfStudent(client, school, { studentKey: student.key, subjectOfferings }, lang)
      : null;
    return {
      json: { student, enrollments, teachers, ageSeconds: Math.round(list.ageMs / 1000) },
      access: {
        dataKind: "students",
        action: "detail",
        personCount: 1,
        personIdentifier: primaryIdentifier(list.identifiers.get(student.key)!),
      },
    };
  },
);
