import "server-only";
import { and, eq, gte, inArray, or, sql } from "drizzle-orm";
import { getStore, type Db } from "@/lib/db/client";
import { accessLog } from "@/lib/db/schema";
import { consentOverview } from "@/lib/features/consent/overview";
import { log } from "@/lib/log";
import { sourceHealthSummaries } from "@/lib/runtime/contract-health-flush";
import { loadSourcesConfig, sourcesServing, type SourcesConfig } from "@/lib/sources/config";
import type { SourceSummary } from "@/lib/sources/health/contract-health-summary";
import { accessWindow, homeCards, type AccessCount, type AttentionParts, type HomeCard, type SourceRef } from "./attention";

/** Each read gives null when its data cannot be read; the card then says so. */
async function orNull<T>(what: string, read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (err) {
    log().error({ err }, `home: ${what} not read`);
    return null;
  }
}

/** The access log's reveals, exports and refused attempts at the school since `since`, counted per staff member, kind, action and outcome. */
export async function countAuditedAccess(db: Db, schoolId: string, since: Date): Promise<AccessCount[]> {
  const rows = await db
    .select({
      actor: accessLog.actor,
      dataKind: accessLog.dataKind,
      action: accessLog.action,
      outcome: accessLog.outcome,
      count: sql<number>`count(*)::int`,
    })
    .from(accessLog)
    .where(
      and(
        eq(accessLog.schoolId, schoolId),
        gte(accessLog.at, since),
        or(inArray(accessLog.action, ["reveal", "export"]), eq(accessLog.outcome, "refused")),
      ),
    )
    .groupBy(accessLog.actor, accessLog.dataKind, accessLog.action, accessLog.outcome);
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

/** The home page's cards for one school: the data each shown part needs, read in parallel, each read on its own. */
export async function readAttention(schoolId: string, parts: AttentionParts, now = Date.now()): Promise<HomeCard[]> {
  const needsHealth = parts.sources || parts.consentGaps !== false;
  const needsConsent = parts.consentRequests || parts.consentGaps !== false;
  const config = needsHealth || needsConsent ? await orNull<SourcesConfig>("sources file", async () => loadSourcesConfig()) : null;
  const sources: SourceRef[] | null = config ? sourcesServing(config, [schoolId]).map((s) => ({ id: s.id, name: s.name })) : null;
  const [health, matrix, access] = await Promise.all([
    needsHealth && sources
      ? orNull<Map<string, SourceSummary>>("contract health", async () =>
          sources.length
            ? sourceHealthSummaries(
                sources.map((s) => s.id),
                now,
              )
            : new Map(),
        )
      : null,
    needsConsent && config
      ? orNull("consent requests", async () => (await consentOverview((await getStore()).db, config, schoolId)).matrix)
      : null,
    parts.accessLog ? orNull("access log", async () => countAuditedAccess((await getStore()).db, schoolId, accessWindow(now).since)) : null,
  ]);
  return homeCards(parts, { sources, health, matrix, access }, now);
}
