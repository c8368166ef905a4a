import { staffRoute } from "@/lib/api/route";
import { accessLogList, type AccessLogEntry } from "@/lib/contracts/access-log";
import { listAccess } from "@/lib/db/access-log";
import { getStore } from "@/lib/db/client";

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
      from: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
      until: query.until ? new Date(Date.parse(`${query.until}T00:00:00Z`) + 86_400_000) : undefined,
    });
    // The moment as the JSON carries it. The store keeps kind, action and outcome as text; only
    // recordAccess writes them, with the names the contract has (lib/contracts/access-log.test.ts).
    return { json: rows.map((r) => ({ ...r, at: r.at.toISOString() })) as AccessLogEntry[] };
  },
);
