import { staffRoute } from "@/lib/api/route";
import { getStore } from "@/lib/db/client";
import { employeeKey, saveKnownEmployee } from "@/lib/db/employees";
import { employeesList, employeesSave } from "@/lib/contracts/employees";
import { readKnownEmployees } from "@/lib/features/employees/known-employees";

export const dynamic = "force-dynamic";

// GET /api/employees – the school's employee list kept here: names and masked identifiers, never the identifiers.
// The page (app/medewerkers) shows its first answer from the same read; this route answers it again in tests and tools.
export const GET = staffRoute(
  { action: "assignments.read", audit: { dataKind: "assignments", action: "list" }, response: employeesList.response },
  async ({ schoolId }) => {
    const { value, access } = await readKnownEmployees(schoolId);
    return { json: value, access };
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
