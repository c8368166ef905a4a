import { staffRoute } from "@/lib/api/route";
import { can } from "@/lib/auth/permissions";
import { enrollmentsExport } from "@/lib/contracts/enrollments";
import { toCsv } from "@/lib/csv";
import { listSchoolEnrollments, pageEnrollments } from "@/lib/features/enrollments/enrollments";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { studentNames } from "@/lib/features/students/students";

export const dynamic = "force-dynamic";

// POST /api/enrollments/export – every enrollment matching the current filters as CSV (no cap), logged as an export.
export const POST = staffRoute(
  { action: "enrollments.read", audit: { dataKind: "enrollments", action: "export" }, body: enrollmentsExport.body, limits: ["export"] },
  async ({ staff, schoolId, body }) => {
    const { client } = getEduvRuntime();
    const school = client.config.schools.find((s) => s.id === schoolId)!;
    const { enrollmentType, schoolPeriodId, studyOfferingId, subjectOfferingId } = body;
    const list = await listSchoolEnrollments(client, school, { enrollmentType, schoolPeriodId, studyOfferingId, subjectOfferingId });
    const all = pageEnrollments(list.rows, {
      includeToBeDeleted: body.includeToBeDeleted,
      page: 1,
      pageSize: Number.MAX_SAFE_INTEGER,
      studyYear: body.studyYear,
      location: body.location,
    });
    // Names for those who may read the student list, as on the page; otherwise the opaque key only.
    const names = can(staff, "students.read", schoolId) ? await studentNames(client, school) : new Map<string, string>();
    const csv = toCsv(
      [
        "leerling",
        "leerlingsleutel",
        "soort",
        "aanbod",
        "leerjaar",
        "schooljaar",
        "vestiging",
        "begindatum (vanaf)",
        "einddatum (tot)",
        "status",
      ],
      all.rows.map((r) => [
        names.get(r.studentKey),
        r.studentKey,
        r.type === "subject" ? "vak" : "opleiding",
        r.offering,
        r.studyYear,
        r.schoolPeriod,
        r.location,
        r.beginDate,
        r.endDate,
        r.status,
      ]),
    );
    return {
      raw: new Response(csv, {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="inschrijvingen-${school.id}.csv"`,
        },
      }),
      json: null,
      access: { dataKind: "enrollments", action: "export", personCount: new Set(all.rows.map((r) => r.studentKey)).size },
    };
  },
);
