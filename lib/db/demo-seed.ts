import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { getStore } from "./client";
import { EMPLOYEE_ID_TYPES } from "./employees";
import { schoolEmployees } from "./schema";

const fileSchema = z.record(
  z.string(),
  z.array(z.strictObject({ userIdType: z.enum(EMPLOYEE_ID_TYPES), userId: z.string().min(1), name: z.string().min(1) })),
);

/**
 * Demo only (DEMO_MODE=1): fills the schools' employee lists with the sandbox's staff, so the
 * student page can show teachers from the first click. Existing entries are left as they are.
 */
export async function seedDemoEmployees(file = process.env.EDUV_DEMO_EMPLOYEES_FILE ?? "config/employees.demo.json"): Promise<number> {
  const parsed = fileSchema.parse(JSON.parse(readFileSync(path.resolve(/*turbopackIgnore: true*/ file), "utf8")));
  const rows = Object.entries(parsed).flatMap(([schoolId, staff]) => staff.map((e) => ({ schoolId, ...e, addedBy: "demo" })));
  if (!rows.length) return 0;
  const { db } = await getStore();
  await db.insert(schoolEmployees).values(rows).onConflictDoNothing();
  return rows.length;
}
