import { apiError } from "@/lib/api/errors";
import { staffRoute } from "@/lib/api/route";
import { studentsReveal } from "@/lib/contracts/students";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { listSchoolStudents, primaryIdentifier } from "@/lib/features/students/students";

export const dynamic = "force-dynamic";

// POST /api/students/reveal – the full identifiers of one student, on an explicit click; always logged as a reveal.
export const POST = staffRoute(
  {
    action: "students.read",
    audit: { dataKind: "students", action: "reveal" },
    body: studentsReveal.body,
    response: studentsReveal.response,
    limits: ["lookup"],
  },
  async ({ schoolId, body, lang }) => {
    const { client } = getEduvRuntime();
    const school = client.config.schools.find((s) => s.id === schoolId)!;
    const list = await listSchoolStudents(client, school);
    const ids = list.identifiers.get(body.key);
    if (!ids) return { raw: apiError("not_found", lang), json: null };
    const identifiers = [
      ...(ids.userMasterIdentifier ? [{ type: "ECK iD", value: ids.userMasterIdentifier }] : []),
      ...(ids.userIds ?? []).map((u) => ({ type: u.userIdType, value: u.userId })),
    ];
    return {
      json: { identifiers },
      access: { dataKind: "students", action: "reveal", personCount: 1, personIdentifier: primaryIdentifier(ids) },
    };
  },
);
