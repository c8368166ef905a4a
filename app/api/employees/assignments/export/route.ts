import { apiError } from "@/lib/api/errors";
import { employeesAssignmentsExport } from "@/lib/contracts/employees";
import { resolveEmployee } from "@/lib/features/employees/employee-input";
import { staffRoute } from "@/lib/api/route";
import { can } from "@/lib/auth/permissions";
import { toCsv } from "@/lib/csv";
import { maskEmployeeId } from "@/lib/db/employees";
import { listAssignmentsOf, shownAssignments } from "@/lib/features/employees/assignments";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { studentNames } from "@/lib/features/students/students";

export const dynamic = "force-dynamic";

const TYPE: Record<string, string> = { "class-teacher": "klassenleraar", teacher: "docent", coach: "coach" };

// POST /api/employees/assignments/export – the employee's assignments under the current filters as CSV (all rows), logged as an export.
export const POST = staffRoute(
  {
    action: "assignments.read",
    audit: { dataKind: "assignments", action: "export" },
    body: employeesAssignmentsExport.body,
    limits: ["export"],
  },
  async ({ staff, schoolId, body, lang }) => {
    const employee = await resolveEmployee(schoolId, body);
    if (!employee)
      return {
        raw: apiError(body.employeeKey ? "not_found" : "invalid_input", lang, body.employeeKey ? undefined : "body.employee: required"),
        json: null,
      };
    const { client } = getEduvRuntime();
    const school = client.config.schools.find((s) => s.id === schoolId)!;
    const list = await listAssignmentsOf(client, school, employee.ref, {
      assignmentType: body.assignmentType,
      schoolPeriodId: body.schoolPeriodId,
    });
    const shown = shownAssignments(list.rows, { includeToBeDeleted: body.includeToBeDeleted });
    const names = can(staff, "students.read", schoolId) ? await studentNames(client, school) : new Map<string, string>();
    const masked = maskEmployeeId(employee.ref.userIdType, employee.ref.userId);
    const csv = toCsv(
      ["medewerker", "kenmerk", "soort", "groep", "vakaanbod", "leerling", "schooljaar", "begindatum (vanaf)", "einddatum (tot)", "status"],
      shown.rows.map((r) => [
        employee.name,
        masked,
        TYPE[r.type] ?? r.type,
        r.group,
        r.subject,
        r.studentKey ? (names.get(r.studentKey) ?? r.studentKey) : undefined,
        r.schoolPeriod,
        r.beginDate,
        r.endDate,
        r.status,
      ]),
    );
    return {
      raw: new Response(csv, {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="toewijzingen-${school.id}.csv"`,
        },
      }),
      json: null,
      access: {
        dataKind: "assignments",
        action: "export",
        personCount: 1,
        personIdentifier: `${employee.ref.userIdType}:${employee.ref.userId}`,
      },
    };
  },
);
