import { staffRoute } from "@/lib/api/route";
import { usagePeople } from "@/lib/contracts/usage";
import { getStore } from "@/lib/db/client";
import { listKnownEmployees } from "@/lib/db/employees";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { listSchoolStudents, pageStudents } from "@/lib/features/students/students";

export const dynamic = "force-dynamic";

// The search text is (part of) a name: it travels in a POST body, never a URL, and is never logged.
const LIMIT = 20;

// POST /api/usage/people {q} – pupils (from the LAS list) and employees (from the school's staff list) whose name matches: keys, names and masked identifiers only.
export const POST = staffRoute(
  {
    action: "usage.read",
    audit: { dataKind: "students", action: "list" },
    body: usagePeople.body,
    response: usagePeople.response,
    limits: ["lookup"],
  },
  async ({ schoolId, body: query }) => {
    const { client } = getEduvRuntime();
    const school = client.config.schools.find((s) => s.id === schoolId)!;
    const { db } = await getStore();
    const needle = query.q.toLowerCase();
    const employees = (await listKnownEmployees(db, schoolId)).filter((e) => e.name.toLowerCase().includes(needle)).slice(0, LIMIT);
    const students = pageStudents((await listSchoolStudents(client, school)).rows, {
      q: query.q,
      sort: "name",
      dir: "asc",
      page: 1,
      pageSize: LIMIT,
    });
    const people = [
      ...students.rows.map((r) => ({ kind: "student" as const, key: r.key, name: r.name, maskedId: r.maskedId })),
      ...employees.map((e) => ({ kind: "employee" as const, key: e.key, name: e.name, maskedId: e.maskedId })),
    ];
    return {
      json: { people, more: students.total > LIMIT },
      access: { dataKind: "students", action: "list", personCount: people.length },
    };
  },
);
