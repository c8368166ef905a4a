import { staffRoute } from "@/lib/api/route";
import { studentsList } from "@/lib/contracts/students";
import { readStudentPage } from "@/lib/features/students/student-page";

export const dynamic = "force-dynamic";

// Everything travels in the body (lib/contracts/students.ts): the name search is (part of) a pupil's
// name, and a query string ends up in proxy and access logs. Only the school (?school=) may be in the URL.

// POST /api/students – one page of the current school's students: filtered by the Source (period, offerings), searched and sorted here.
// The Leerlingen page renders the same read's first page on the server; this route answers its scrolling, search and refresh.
export const POST = staffRoute(
  {
    action: "students.read",
    audit: { dataKind: "students", action: "list" },
    query: studentsList.query,
    body: studentsList.body,
    response: studentsList.response,
    limits: ({ body }) => (body.refresh ? ["refresh"] : []),
  },
  async ({ schoolId, body }) => {
    const { value, access } = await readStudentPage(schoolId, body);
    return { json: value, access };
  },
);
