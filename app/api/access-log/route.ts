import { staffRoute } from "@/lib/api/route";
import { accessLogList, type AccessLogEntry } from "@/lib/contracts/access-log";
import { listAccess } from "@/lib/db/access-log";
import { getStore } from "@/lib/db/client";
import { nextSchoolDay, schoolDayStart } from "@/lib/i18n/format";

export const dynamic = "force-dynamic";

// GET /api/access-log – the access log of the current school, newest first (auditor).
export const GET = staffRoute(
  {
    action: "accesslog.read",
    audit: { dataKind: "accesslog", action: "list" },
    query: accessLogList.query,
    response: accessLogList.response,
  },
  async ({ schoolId, query }) => {
    const { db } = await getStore();
    const rows = await listAccess(db, {
      schoolIds: [schoolId],
      dataKind: query.dataKind,
      outcome: query.outcome,
      actor: query.actor?.toLowerCase(),
      // Days as the school lives them (Dutch time), as the table shows its moments.
      from: query.from ? schoolDayStart(query.from) : undefined,
      until: query.until ? schoolDayStart(nextSchoolDay(query.until)) : undefined,
    });
    // The moment as the JSON carries it. The store keeps kind, action and outcome as text; only
    // recordAccess writes them, with the names the contract has (lib/contracts/access-log.test.ts).
    return { json: rows.map((r) => ({ ...r, at: r.at.toISOString() })) as AccessLogEntry[] };
  },
);
