import { apiError } from "@/lib/api/errors";
import { staffRoute } from "@/lib/api/route";
import { employeesRemove } from "@/lib/contracts/employees";
import { getStore } from "@/lib/db/client";
import { removeKnownEmployee } from "@/lib/db/employees";

export const dynamic = "force-dynamic";

// POST /api/employees/remove – takes an employee off the school's list (by opaque key); logged as a change.
export const POST = staffRoute(
  {
    action: "employees.write",
    body: employeesRemove.body,
    response: employeesRemove.response,
    audit: { dataKind: "employees", action: "change" },
  },
  async ({ schoolId, body, lang }) => {
    const { db } = await getStore();
    const removed = await removeKnownEmployee(db, schoolId, body.key);
    if (!removed) return { raw: apiError("not_found", lang), json: null };
    return {
      json: { removed: true as const },
      access: { dataKind: "employees", action: "change", personCount: 1, personIdentifier: `${removed.userIdType}:${removed.userId}` },
    };
  },
);
