import { z } from "zod";
import { apiError } from "@/lib/api/errors";
import { staffRoute } from "@/lib/api/route";
import { getStore } from "@/lib/db/client";
import { removeKnownEmployee } from "@/lib/db/employees";

export const dynamic = "force-dynamic";

const bodySchema = z.strictObject({ key: z.string().regex(/^[0-9a-f]{32}$/, "an opaque employee key") });

// POST /api/employees/remove – takes an employee off the school's list (by opaque key); logged as a change.
export const POST = staffRoute({ action: "employees.write", body: bodySchema, audit: { dataKind: "employees", action: "change" } }, async ({ schoolId, body, lang }) => {
  const { db } = await getStore();
  const removed = await removeKnownEmployee(db, schoolId, body.key);
  if (!removed) return { raw: apiError("not_found", lang), json: null };
  return { json: { removed: true }, access: { dataKind: "employees", action: "change", personCount: 1, personIdentifier: `${removed.userIdType}:${removed.userId}` } };
});
