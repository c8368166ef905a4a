import { z } from "zod";
import { staffRoute } from "@/lib/api/route";
import { ACCESS_OUTCOMES, DATA_KINDS, listAccess } from "@/lib/db/access-log";
import { getStore } from "@/lib/db/client";

export const dynamic = "force-dynamic";

const querySchema = z.strictObject({
  dataKind: z.enum(DATA_KINDS).optional(),
  outcome: z.enum(ACCESS_OUTCOMES).optional(),
  actor: z.email().optional(),
  from: z.iso.date().optional(),
  until: z.iso.date().optional(),
});

// GET /api/access-log – the access log of the current school, newest first (auditor).
export const GET = staffRoute({ action: "accesslog.read", audit: { dataKind: "accesslog", action: "list" }, query: querySchema }, async ({ schoolId, query }) => {
  const { db } = await getStore();
  const rows = await listAccess(db, {
    schoolIds: [schoolId],
    dataKind: query.dataKind,
    outcome: query.outcome,
    actor: query.actor?.toLowerCase(),
    from: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
    until: query.until ? new Date(Date.parse(`${query.until}T00:00:00Z`) + 86_400_000) : undefined,
  });
  return { json: rows };
});
