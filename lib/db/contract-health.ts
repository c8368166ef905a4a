import { and, asc, eq, gte, sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import { contractHealth } from "./schema";

type Counts = Record<string, number>;

/**
 * One (Source, operation, hour)'s counts, as the store keeps them: the shape of the recorder's
 * deltas (lib/sources/health/contract-health.ts), declared here because the store imports nothing
 * of the Source side.
 */
export type StoredHealth = {
  sourceId: string;
  operationId: string;
  /** Start of the hour, epoch ms (UTC). */
  hour: number;
  calls: number;
  failed: number;
  answers: Counts;
  codes: Counts;
  received: number;
  kept: number;
  leftOut: number;
  leftOutPaths: Counts;
  normalizedPaths: Counts;
  leftOutItems: Counts;
  unknownEnums: Counts;
  latency: Counts;
  lastError: { kind: string; httpStatus: number | null; code: string | null; at: number } | null;
};

// One statement per chunk keeps the parameter count far below PostgreSQL's 65,535.
const CHUNK = 200;

const add = (column: string) => sql.raw(`contract_health.${column} + excluded.${column}`);
const addCounts = (column: string) => sql.raw(`contract_health_add_counts(contract_health.${column}, excluded.${column})`);
// The newer of the stored last error and the incoming one wins, field by field from the same error.
const newerError = (column: string) =>
  sql.raw(
    `CASE WHEN excluded.last_error_at > coalesce(contract_health.last_error_at, '-infinity') THEN excluded.${column} ELSE contract_health.${column} END`,
  );

function toRow(d: StoredHealth) {
  return {
    sourceId: d.sourceId,
    operationId: d.operationId,
    hour: new Date(d.hour),
    calls: d.calls,
    failed: d.failed,
    answers: d.answers,
    codes: d.codes,
    received: d.received,
    kept: d.kept,
    leftOut: d.leftOut,
    leftOutPaths: d.leftOutPaths,
    normalizedPaths: d.normalizedPaths,
    leftOutItems: d.leftOutItems,
    unknownEnums: d.unknownEnums,
    latencyBuckets: d.latency,
    lastErrorAt: d.lastError ? new Date(d.lastError.at) : null,
    lastErrorKind: d.lastError?.kind ?? null,
    lastErrorHttpStatus: d.lastError?.httpStatus ?? null,
    lastErrorCode: d.lastError?.code ?? null,
  };
}

/**
 * Adds counts to the stored rows: INSERT … ON CONFLICT DO UPDATE with the sums made in SQL, so
 * instances flushing into one PostgreSQL at the same moment never lose each other's counts. All
 * or nothing (one transaction), so a failed flush can be given back to the recorder whole; rows
 * go in key order, so two flushers lock them in the same order and cannot deadlock.
 */
export async function addContractHealth(db: Db, deltas: readonly StoredHealth[]): Promise<void> {
  if (!deltas.length) return;
  const rows = [...deltas]
    .sort((a, b) => a.sourceId.localeCompare(b.sourceId) || a.operationId.localeCompare(b.operationId) || a.hour - b.hour)
    .map(toRow);
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await tx
        .insert(contractHealth)
        .values(rows.slice(i, i + CHUNK))
        .onConflictDoUpdate({
          target: [contractHealth.sourceId, contractHealth.operationId, contractHealth.hour],
          set: {
            calls: add("calls"),
            failed: add("failed"),
            answers: addCounts("answers"),
            codes: addCounts("codes"),
            received: add("received"),
            kept: add("kept"),
            leftOut: add("left_out"),
            leftOutPaths: addCounts("left_out_paths"),
            normalizedPaths: addCounts("normalized_paths"),
            leftOutItems: addCounts("left_out_items"),
            unknownEnums: addCounts("unknown_enums"),
            latencyBuckets: addCounts("latency_buckets"),
            lastErrorKind: newerError("last_error_kind"),
            lastErrorHttpStatus: newerError("last_error_http_status"),
            lastErrorCode: newerError("last_error_code"),
            // Last, though PostgreSQL reads every right-hand side from the row as it was.
            lastErrorAt: sql.raw("greatest(contract_health.last_error_at, excluded.last_error_at)"),
          },
        });
    }
  });
}

/** Deletes the hours that started before `before`; returns how many rows went. */
export async function pruneContractHealth(db: Db, before: Date): Promise<number> {
  const gone = await db.execute(sql`DELETE FROM contract_health WHERE hour < ${before.toISOString()}::timestamptz RETURNING 1`);
  return gone.rows.length;
}

/** The rows of the hours from `since` on, of one Source or all. */
export async function readContractHealth(db: Db, opts: { since: Date; sourceId?: string }): Promise<StoredHealth[]> {
  const where: SQL[] = [gte(contractHealth.hour, opts.since)];
  if (opts.sourceId) where.push(eq(contractHealth.sourceId, opts.sourceId));
  const rows = await db
    .select()
    .from(contractHealth)
    .where(and(...where))
    .orderBy(asc(contractHealth.sourceId), asc(contractHealth.operationId), asc(contractHealth.hour));
  return rows.map((r) => ({
    sourceId: r.sourceId,
    operationId: r.operationId,
    hour: r.hour.getTime(),
    calls: r.calls,
    failed: r.failed,
    answers: r.answers,
    codes: r.codes,
    received: r.received,
    kept: r.kept,
    leftOut: r.leftOut,
    leftOutPaths: r.leftOutPaths,
    normalizedPaths: r.normalizedPaths,
    leftOutItems: r.leftOutItems,
    unknownEnums: r.unknownEnums,
    latency: r.latencyBuckets,
    lastError:
      r.lastErrorAt && r.lastErrorKind
        ? { kind: r.lastErrorKind, httpStatus: r.lastErrorHttpStatus, code: r.lastErrorCode, at: r.lastErrorAt.getTime() }
        : null,
  }));
}
