import { apiError } from "@/lib/api/errors";
import { employeesAssignments } from "@/lib/contracts/employees";
import { resolveEmployee } from "@/lib/features/employees/employee-input";
import { staffRoute } from "@/lib/api/route";
import { can } from "@/lib/auth/permissions";
import { employeeKey, maskEmployeeId } from "@/lib/db/employees";
import { listAssignmentsOf, shownAssignments } from "@/lib/features/employees/assignments";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { studentNames } from "@/lib/features/students/students";

export const dynamic = "force-dynamic";

// POST /api/employees/assignments – one employee's class-teacher, teacher and coach assignments (a read; the identifier travels in the body).
export const POST = staffRoute(
  {
    action: "assignments.read",
    audit: { dataKind: "assignments", action: "lookup" },
    body: employeesAssignments.body,
    response: employeesAssignments.response,
    limits: ({ body }) => (body.refresh ? ["lookup", "refresh"] : ["lookup"]),
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
    const list = await listAssignmentsOf(
      client,
      school,
      employee.ref,
      { assignmentType: body.assignmentType, schoolPeriodId: body.schoolPeriodId },
      { refresh: body.refresh },
    );
    const shown = shownAssignments(list.rows, { includeToBeDeleted: body.includeToBeDeleted });
    // Coached students by name for those who may read the student list; an unavailable list leaves names out, not the answer.
    const names =
      can(staff, "students.read", schoolId) && shown.rows.some((r) => r.studentKey)
        ? await studentNames(client, school)
        : new Map<string, string>();
    return {
      json: {
        employee: {
          key: employeeKey(employee.ref.userIdType, employee.ref.userId),
          name: employee.name,
          maskedId: maskEmployeeId(employee.ref.userIdType, employee.ref.userId),
          known: employee.known,
        },
        ...shown,
        rows: shown.rows.map((r) => ({ ...r, studentName: r.studentKey ? names.get(r.studentKey) : undefined })),
        ageSeconds: Math.round(list.ageMs / 1000),
        invalid: { count: list.report.invalid.count, paths: list.report.invalid.paths },
      },
      access: {
        dataKind: "assignments",
        action: "lookup",
        personCount: 1,
        personIdentifier: `${employee.ref.userIdType}:${employee.ref.userId}`,
      },
    };
  },
);
