import "server-only";
import { and, asc, eq, gt, inArray, ne, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { consentRequestEvents, consentRequests } from "@/lib/db/schema";
import { consentSchoolReference } from "@/lib/sources/transport/request-params";
import { CONSENT_APIS, type ConsentRequest } from "@/lib/sources/reading/schemas/consent";
import type { SourcesConfig } from "@/lib/sources/config";

/** RFC 3339 §5.6 date-time, any offset (Z or ±hh:mm), letters in either case (RFC 3339 §5.6 note). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

export type RequestsQuery = { ok: true; api?: (typeof CONSENT_APIS)[number]; since?: Date } | { ok: false };

/**
 * GET /consent/requests' parameters, read as liberally as seed 002 allows: an empty `api` means
 * every API (002: "If the api path parameter is empty, the responses includes all apis"), an empty
 * `since` none, `since` with any RFC 3339 offset (the seed asks for Zulu; a Provider sending
 * +01:00 means the same moment), parameters the seed does not name ignored. Refused (400, 0011):
 * an API the seed does not list, a `since` that is no date-time, `api` or `since` given twice.
 */
export function readRequestsQuery(params: URLSearchParams): RequestsQuery {
  if (params.getAll("api").length > 1 || params.getAll("since").length > 1) return { ok: false };
  const api = params.get("api") ?? "";
  const since = params.get("since") ?? "";
  const known = (CONSENT_APIS as readonly string[]).includes(api);
  if (api && !known) return { ok: false };
  const at = since ? Date.parse(since.toUpperCase()) : undefined;
  if (since && (!RFC3339.test(since) || Number.isNaN(at))) return { ok: false };
  return {
    ok: true,
    api: api ? (api as (typeof CONSENT_APIS)[number]) : undefined,
    since: at === undefined ? undefined : new Date(at),
  };
}

/**
 * The requests a polling Provider collects: addressed to it, released (not a concept), changed
 * after `since`, oldest change first. Collected `queued` requests become `sent`, with a history line.
 */
export async function listRequestsForProvider(
  db: Db,
  config: SourcesConfig,
  providerId: string,
  filter: { api?: string; since?: Date },
): Promise<ConsentRequest[]> {
  const where: SQL[] = [
    eq(consentRequests.providerId, providerId),
    eq(consentRequests.delivery, "poll"),
    ne(consentRequests.status, "concept"),
  ];
  if (filter.api) where.push(eq(consentRequests.api, filter.api));
  if (filter.since) where.push(gt(consentRequests.changedAt, filter.since));
  const rows = await db
    .select()
    .from(consentRequests)
    .where(and(...where))
    .orderBy(asc(consentRequests.changedAt), asc(consentRequests.consumerReferenceId));
  const collected = rows.filter((r) => r.status === "queued").map((r) => r.consumerReferenceId);
  if (collected.length) {
    await db.transaction(async (tx) => {
      await tx
        .update(consentRequests)
        .set({ status: "sent" })
        .where(and(inArray(consentRequests.consumerReferenceId, collected), eq(consentRequests.status, "queued")));
      await tx.insert(consentRequestEvents).values(
        collected.map((consumerReferenceId) => ({
          consumerReferenceId,
          actor: providerId,
          event: "collected",
          detail: "GET /consent/requests",
        })),
      );
    });
  }
  return rows.flatMap((r) => {
    const school = config.schools.find((s) => s.id === r.schoolId);
    return school
      ? [
          {
            consumerReferenceId: r.consumerReferenceId,
            school: consentSchoolReference(school),
            api: r.api as ConsentRequest["api"],
            scopes: r.scopes,
            consumerStatus: r.consumerStatus as ConsentRequest["consumerStatus"],
          },
        ]
      : [];
  });
}
