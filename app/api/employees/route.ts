import { staffRoute } from "@/lib/api/route";
import { getStore } from "@/lib/db/client";
import { employeeKey, listKnownEmployees, saveKnownEmployee } from "@/lib/db/employees";
import { employeesList, employeesSave } from "@/lib/contracts/employees";

export const dynamic = "force-dynamic";

// GET /api/employees – the school's employee list kept here: names and masked identifiers, never the identifiers.
export const GET = staffRoute(
  { action: "assignments.read", audit: { dataKind: "assignments", action: "list" }, response: employeesList.response },
  async ({ schoolId }) => {
    const { db } = await getStore();
    const employees = await listKnownEmployees(db, schoolId);
    return {
      json: { employees: employees.map((e) => ({ key: e.key, name: e.name, maskedId: e.maskedId })) },
      access: { dataKind: "assignments", action: "list", personCount: employees.length },
    };
  },
);

// POST /api/employees – adds an employee (identifier in the body) to the school's list, or renames them.
// Logged as a change, with the same person hash as an assignments lookup of that employee.
export const POST = staffRoute(
  {
    action: "employees.write",
    body: employeesSave.body,
    response: employeesSave.response,
    audit: { dataKind: "employees", action: "change" },
  },
  async ({ staff, schoolId, body }) => {
    const { db } = await getStore();
    await saveKnownEmployee(db, {
      schoolId,
      userIdType: body.employee.userIdType,
      userId: body.employee.userId,
      name: body.name,
      addedBy: staff.email ?? staff.id,
    });
    return {
      json: { key: employeeKey(body.employee.userIdType, body.employee.userId) },
      status: 201,
      access: {
        dataKind: "employees",
        action: "change",
        personCount: 1,
        personIdentifier: `${body.employee.userIdType}:${body.employee.userId}`,
      },
    };
  },
);
