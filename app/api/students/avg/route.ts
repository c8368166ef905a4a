import { apiError } from "@/lib/api/errors";
import { staffRoute } from "@/lib/api/route";
import { studentsAvg } from "@/lib/contracts/access-log";
import { readAvgRecord } from "@/lib/features/avg-record/avg-record";

export const dynamic = "force-dynamic";

// GET /api/students/avg?key= – a pupil's AVG record (auditor): who accessed their data, which Providers under which consent.
// The key is opaque; the opening is logged as a read of the access log about this pupil. The page /avg/<key> shows the same read.
export const GET = staffRoute(
  {
    action: "students.avg",
    audit: { dataKind: "accesslog", action: "detail" },
    query: studentsAvg.query,
    response: studentsAvg.response,
    limits: ["lookup"],
  },
  async ({ schoolId, query, lang }) => {
    const read = await readAvgRecord(schoolId, query.key, lang);
    if (!read) return { raw: apiError("not_found", lang), json: null };
    return { json: read.value, access: read.access };
  },
);
