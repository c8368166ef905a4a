import { staffRoute } from "@/lib/api/route";
import { studentsExport } from "@/lib/contracts/students";
import { toCsv } from "@/lib/csv";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { listSchoolStudents, pageStudents } from "@/lib/features/students/students";

export const dynamic = "force-dynamic";

// The filters travel in the body: a name search must not end up in a URL.
// POST /api/students/export – every student matching the current filters as CSV (no cap), logged.
export const POST = staffRoute(
  { action: "students.read", audit: { dataKind: "students", action: "export" }, body: studentsExport.body, limits: ["export"] },
  async ({ schoolId, body }) => {
    const { client } = getEduvRuntime();
    const school = client.config.schools.find((s) => s.id === schoolId)!;
    const { schoolPeriodId, studyOfferingId, subjectOfferingId } = body;
    const list = await listSchoolStudents(client, school, { schoolPeriodId, studyOfferingId, subjectOfferingId });
    const all = pageStudents(list.rows, { ...body, page: 1, pageSize: Number.MAX_SAFE_INTEGER });
    const csv = toCsv(
      ["naam", "roepnaam", "voornaam", "tussenvoegsel", "achternaam", "geboortedatum", "e-mail", "kenmerk"],
      all.rows.map((r) => [
        r.name,
        r.preferredFirstName,
        r.givenName,
        r.familyNamePrefix,
        r.familyName,
        r.dateOfBirth,
        r.email,
        r.maskedId,
      ]),
    );
    return {
      raw: new Response(csv, {
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="leerlingen-${school.id}.csv"` },
      }),
      json: null,
      access: { dataKind: "students", action: "export", personCount: all.total },
    };
  },
);
