import { staffRoute } from "@/lib/api/route";
import { can } from "@/lib/auth/permissions";
import { search } from "@/lib/contracts/search";
import { getStore } from "@/lib/db/client";
import { searchPeople } from "@/lib/features/search/search";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";

export const dynamic = "force-dynamic";

// POST /api/search {q} – the header's search of pupils and employees by name or identifier, for whoever may read pupils or usage.
// The text travels in a POST body, never a URL, and is never logged; the answer carries opaque keys, names and masked identifiers.
export const POST = staffRoute(
  {
    action: "people.search",
    audit: { dataKind: "students", action: "list" },
    body: search.body,
    response: search.response,
    limits: ["lookup"],
  },
  async ({ staff, schoolId, body: query }) => {
    const { client } = getEduvRuntime();
    const school = client.config.schools.find((s) => s.id === schoolId)!;
    const { db } = await getStore();
    const found = await searchPeople(client, db, school, query.q, {
      studentPage: can(staff, "students.read", schoolId),
      employeePage: can(staff, "assignments.read", schoolId),
    });
    return {
      json: found,
      access: { dataKind: "students", action: "list", personCount: found.people.length },
    };
  },
);
