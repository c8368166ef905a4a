import "server-only";
import { and, count, desc, eq, gte, inArray, isNull, lt, min, type SQL } from "drizzle-orm";
import { personHash } from "@/lib/privacy/person-hash";
import type { Db } from "./client";
import { groupCommit, type GroupCommit } from "./group-commit";
import { accessLog, type AccessLogRow } from "./schema";

export const DATA_KINDS = ["students", "enrollments", "assignments", "usage", "consent", "accesslog", "employees"] as const;
export type DataKind = (typeof DATA_KINDS)[number];

export const ACCESS_ACTIONS = ["list", "detail", "lookup", "export", "reveal", "change"] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

export const ACCESS_OUTCOMES = ["served", "refused"] as const;
export type AccessOutcome = (typeof ACCESS_OUTCOMES)[number];

export type AccessEntry = {
  actor: string;
  actorRoles: readonly string[];
  schoolId: string;
  dataKind: DataKind;
  /** What was done; "change" is a write to the school's employee list. */
  action: AccessAction;
  personCount: number;
  /**
   * For single-person reads and changes: the person's identifier, hashed here and never stored.
   * Never given for a refused attempt: the dashboard refuses before it reads the request's body or
   * asks any Source, so it cannot know the identifier belongs to a person of that school, and a
   * hash of an unverified identifier would put a possibly wrong person in that school's log.
   */
  personIdentifier?: string;
  /** Default "served". */
  outcome?: AccessOutcome;
};

/** One log writer per store: rows of concurrent requests go into the store together (lib/db/group-commit.ts). */
const writers = new WeakMap<Db, GroupCommit<typeof accessLog.$inferInsert>>();

function writerFor(db: Db): GroupCommit<typeof accessLog.$inferInsert> {
  let writer = writers.get(db);
  if (!writer) writers.set(db, (writer = groupCommit(async (rows) => void (await db.insert(accessLog).values(rows)))));
  return writer;
}

/**
 * Logs a read of persons' data. Resolves once the row is stored (one INSERT may hold the rows of
 * several requests that arrived within a few ms), and rejects when that INSERT failed: a response
 * that awaits this is never sent for an access that went unlogged.
 */
export async function recordAccess(db: Db, entry: AccessEntry): Promise<void> {
  await writerFor(db).add({
    actor: entry.actor,
    actorRoles: [...entry.actorRoles].sort().join(","),
    schoolId: entry.schoolId,
    dataKind: entry.dataKind,
    action: entry.action,
    personCount: entry.personCount,
    personHash: entry.personIdentifier && entry.outcome !== "refused" ? personHash(entry.personIdentifier) : null,
    outcome: entry.outcome ?? "served",
  });
}

export type AccessFilter = {
  schoolIds: readonly string[];
  actor?: string;
  dataKind?: DataKind;
  outcome?: AccessOutcome;
  from?: Date;
  until?: Date;
  personIdentifier?: string;
  limit?: number;
};

/** The auditor's view: newest first, limited to the schools they audit. */
export async function listAccess(db: Db, filter: AccessFilter): Promise<AccessLogRow[]> {
  if (!filter.schoolIds.length) return [];
  const conditions: SQL[] = [inArray(accessLog.schoolId, [...filter.schoolIds])];
  if (filter.actor) conditions.push(eq(accessLog.actor, filter.actor));
  if (filter.dataKind) conditions.push(eq(accessLog.dataKind, filter.dataKind));
  if (filter.outcome) conditions.push(eq(accessLog.outcome, filter.outcome));
  if (filter.from) conditions.push(gte(accessLog.at, filter.from));
  if (filter.until) conditions.push(lt(accessLog.at, filter.until));
  if (filter.personIdentifier) conditions.push(eq(accessLog.personHash, personHash(filter.personIdentifier)));
  return db
    .select()
    .from(accessLog)
    .where(and(...conditions))
    .orderBy(desc(accessLog.at), desc(accessLog.id))
    .limit(Math.min(filter.limit ?? 200, 1000));
}

/**
 * One person's named rows at a school (a pupil's AVG record): every row whose person hash is the
 * keyed hash of one of `identifiers` (a person may be named by any identifier of theirs: a lookup by
 * a typed NEPPI hashes "NEPPI:value"), newest first, at most `limit`.
 */
export async function accessOfPerson(db: Db, schoolId: string, identifiers: readonly string[], limit: number): Promise<AccessLogRow[]> {
  const hashes = [...new Set(identifiers.filter(Boolean).map(personHash))];
  if (!hashes.length) return [];
  return db
    .select()
    .from(accessLog)
    .where(and(eq(accessLog.schoolId, schoolId), inArray(accessLog.personHash, hashes)))
    .orderBy(desc(accessLog.at), desc(accessLog.id))
    .limit(limit);
}

/**
 * The school's served reads of `dataKinds` that name nobody (lists, exports, scans), counted per kind
 * and action with the oldest: the log counts the persons in a list, it does not name them.
 */
export async function unnamedReads(
  db: Db,
  schoolId: string,
  dataKinds: readonly DataKind[],
): Promise<Array<{ dataKind: string; action: string; count: number; since: Date }>> {
  const rows = await db
    .select({ dataKind: accessLog.dataKind, action: accessLog.action, count: count(), since: min(accessLog.at) })
    .from(accessLog)
    .where(
      and(
        eq(accessLog.schoolId, schoolId),
        eq(accessLog.outcome, "served"),
        isNull(accessLog.personHash),
        inArray(accessLog.dataKind, [...dataKinds]),
      ),
    )
    .groupBy(accessLog.dataKind, accessLog.action)
    .orderBy(accessLog.dataKind, accessLog.action);
  return rows.map((r) => ({ ...r, since: new Date(r.since!) }));
}
