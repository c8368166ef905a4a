import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { consentChecks } from "@/lib/db/schema";
import { SourceError, formatStatusCode } from "@/lib/sources/errors";
import { getUserUsage, listEnrollments, listStudents } from "@/lib/sources/operations";
import type { ConsentApi } from "@/lib/sources/reading/schemas/consent";
import type { EduvClient } from "@/lib/sources/transport/client";
import { consentSchoolReference, schoolQueryFor } from "@/lib/sources/transport/request-params";
import type { SchoolConfig } from "@/lib/sources/config";
import type { ConsentCheckView } from "@/lib/contracts/consent";
import { consentProviders } from "./catalog";

/**
 * The live check (issue 24 item 2): does the Provider's data endpoint for an API answer the school now?
 * What the matrix records (requests, statuses, withdrawals) is what was said; this is what is done.
 * Each API is asked the cheapest real question it allows, one whose answer carries no pupil:
 * - students-api and association-api: the school's list filtered on a study offering no school has
 *   (an empty list when the Provider lets us in);
 * - usage-api: the usage of a person no school has (404 "unknown person" when it lets us in).
 * The Provider checks token, scope, school and consent before it looks for anything (Edu-V's order of
 * StatusResponses), so an empty list or an unknown person means the data would flow.
 */

/** A study offering and an ECK iD that name nothing: the question, not the answer, is what counts. */
export const CHECK_OFFERING = "ldb-consent-check";
export const CHECK_PERSON = "https://ketenid.nl/ldb-consent-check";

export type CheckState = ConsentCheckView["state"];
export type CheckResult = { state: CheckState; detail: string | null };

/** Kinds that say nothing about consent: the Provider could not be asked. */
const UNREACHABLE = new Set(["timeout", "unreachable", "server_error", "busy", "token_unavailable", "too_large"]);

/** What an answer (or its failure) says about the data flowing. */
export function readCheck(outcome: { ok: true } | { ok: false; error: unknown }): CheckResult {
  if (outcome.ok) return { state: "delivers", detail: null };
  const e = outcome.error instanceof SourceError ? outcome.error : undefined;
  if (!e) return { state: "other", detail: "internal" };
  if (e.kind === "consent_missing") return { state: "refuses", detail: formatStatusCode(e.statusCode) ?? "0022" };
  // The person is unknown: the Provider looked, so consent let us in.
  if (e.kind === "not_found") return { state: "delivers", detail: null };
  if (UNREACHABLE.has(e.kind)) return { state: "unreachable", detail: e.kind };
  return { state: "other", detail: formatStatusCode(e.statusCode) ?? e.kind };
}

/** The cheapest real call of the API at the Provider for the school; undefined for an API the dashboard does not read. */
function ask(client: EduvClient, providerId: string, api: ConsentApi, school: SchoolConfig): Promise<unknown> | undefined {
  const query = { ...schoolQueryFor(school), studyOfferingId: CHECK_OFFERING };
  if (api === "students-api") return client.call(listStudents, providerId, { query });
  if (api === "association-api") return client.call(listEnrollments, providerId, { query });
  if (api === "usage-api")
    return client.call(getUserUsage, providerId, {
      body: { school: consentSchoolReference(school), user: { userMasterIdentifier: CHECK_PERSON } },
    });
  return undefined;
}

/** Asks the Provider now and keeps the result (one row per pair, the latest). */
export async function checkPair(db: Db, client: EduvClient, schoolId: string, providerId: string, api: ConsentApi): Promise<CheckResult> {
  const school = client.config.schools.find((s) => s.id === schoolId);
  const call = school ? ask(client, providerId, api, school) : undefined;
  let result: CheckResult;
  if (!call) result = { state: "other", detail: "not_configured" };
  else
    result = await call.then(
      () => readCheck({ ok: true }),
      (error: unknown) => readCheck({ ok: false, error }),
    );
  await db
    .insert(consentChecks)
    .values({ providerId, schoolId, api, ...result })
    .onConflictDoUpdate({
      target: [consentChecks.providerId, consentChecks.schoolId, consentChecks.api],
      set: { state: result.state, detail: result.detail, checkedAt: sql`now()` },
    });
  return result;
}

/** The latest check of each pair of a school, keyed `${providerId} ${api}`. */
export async function checksOf(
  db: Db,
  schoolId: string,
): Promise<Map<string, { state: CheckState; detail: string | null; checkedAt: Date }>> {
  const rows = await db.select().from(consentChecks).where(eq(consentChecks.schoolId, schoolId));
  return new Map(rows.map((r) => [`${r.providerId} ${r.api}`, { state: r.state as CheckState, detail: r.detail, checkedAt: r.checkedAt }]));
}

/** When the pair was last checked, if ever. */
export async function lastCheckedAt(db: Db, schoolId: string, providerId: string, api: string): Promise<Date | undefined> {
  const [row] = await db
    .select({ at: consentChecks.checkedAt })
    .from(consentChecks)
    .where(and(eq(consentChecks.schoolId, schoolId), eq(consentChecks.providerId, providerId), eq(consentChecks.api, api)));
  return row?.at;
}

/**
 * The background round: every pair of every school whose last check is older than `maxAgeMs`, one
 * call at a time per round (the worker's turn at the Sources is shared with sending and polling).
 * Returns how many pairs were checked.
 */
export async function checkDuePairs(db: Db, client: EduvClient, maxAgeMs: number, limit = 20): Promise<number> {
  let checked = 0;
  for (const school of client.config.schools) {
    const checks = await checksOf(db, school.id);
    for (const provider of consentProviders(client.config, school.id)) {
      for (const { api } of provider.apis) {
        const last = checks.get(`${provider.id} ${api}`)?.checkedAt.getTime() ?? 0;
        if (Date.now() - last < maxAgeMs) continue;
        if (checked >= limit) return checked;
        await checkPair(db, client, school.id, provider.id, api);
        checked++;
      }
    }
  }
  return checked;
}

/**
 * What the records say of a pair: consent when our latest request is confirmed or the Provider reports
 * holding it, unless the school withdrew it (a withdrawal on its way counts: the school has said no).
 */
export function recordedConsent(cell: {
  request: { status: string } | null;
  known: { providerStatus: string } | null;
  withdrawal: { status: string } | null;
}): "consent" | "none" {
  if (cell.withdrawal && cell.withdrawal.status !== "failed") return "none";
  if (cell.request?.status === "confirmed") return "consent";
  if (cell.request?.status === "revoked") return "none";
  return cell.known?.providerStatus === "confirmed" ? "consent" : "none";
}

/** A kept check as the matrix shows it, beside what the records say, and whether the two disagree. */
export function checkView(
  check: { state: CheckState; detail: string | null; checkedAt: Date },
  cell: Parameters<typeof recordedConsent>[0],
): ConsentCheckView {
  const recorded = recordedConsent(cell);
  const disagrees = (recorded === "consent" && check.state === "refuses") || (recorded === "none" && check.state === "delivers");
  return { state: check.state, detail: check.detail, checkedAt: check.checkedAt.toISOString(), recorded, disagrees };
}
