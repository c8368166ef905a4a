import "server-only";
import { and, asc, eq, gt, inArray, ne, or, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { consentRequestEvents, consentRequests } from "@/lib/db/schema";
import { consentSchoolReference } from "@/lib/sources/transport/request-params";
import { CONSENT_APIS, type ConsentRequest } from "@/lib/sources/reading/schemas/consent";
import type { SourcesConfig } from "@/lib/sources/config";

/** RFC 3339 §5.6 date-time, any offset (Z or ±hh:mm), letters in either case (RFC 3339 §5.6 note). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** Where a page ended: the last request's change and reference (requests are served in that order). */
export type PageCursor = { changedAt: Date; id: string };
export type RequestsQuery =
  { ok: true; api?: (typeof CONSENT_APIS)[number]; since?: Date; limit?: number; after?: PageCursor } | { ok: false };

/** The largest page a Provider may ask for with `limit`. */
export const MAX_PAGE = 1000;

export function encodeCursor(c: PageCursor): string {
  return Buffer.from(`${c.changedAt.toISOString()}|${c.id}`).toString("base64url");
}

export function decodeCursor(text: string): PageCursor | undefined {
  const [at, id] = Buffer.from(text, "base64url").toString().split("|");
  const changedAt = at ? new Date(at) : undefined;
  return changedAt && !Number.isNaN(changedAt.getTime()) && id ? { changedAt, id } : undefined;
}

/**
 * GET /consent/requests' parameters, read as liberally as seed 002 allows: an empty `api` means
 * every API (002: "If the api path parameter is empty, the responses includes all apis"), an empty
 * `since` none, `since` with any RFC 3339 offset (the seed asks for Zulu; a Provider sending
 * +01:00 means the same moment), parameters the seed does not name ignored. Refused (400, 0011):
 * an API the seed does not list, a `since` that is no date-time, `api` or `since` given twice.
 */
export function readRequestsQuery(params: URLSearchParams): RequestsQuery {
  if (["api", "since", "limit", "cursor"].some((name) => params.getAll(name).length > 1)) return { ok: false };
  const api = params.get("api") ?? "";
  const since = params.get("since") ?? "";
  const known = (CONSENT_APIS as readonly string[]).includes(api);
  if (api && !known) return { ok: false };
  const at = since ? Date.parse(since.toUpperCase()) : undefined;
  if (since && (!RFC3339.test(since) || Number.isNaN(at))) return { ok: false };
  // Paging is ours (ERRATA 43): only when the Provider asks for it, so one that polls by `since` alone misses nothing.
  const limit = params.get("limit");
  if (limit !== null && !(/^\d{1,4}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= MAX_PAGE)) return { ok: false };
  const cursor = params.get("cursor");
  const after = cursor ? decodeCursor(cursor) : undefined;
  if (cursor && !after) return { ok: false };
  return {
    ok: true,
    api: api ? (api as (typeof CONSENT_APIS)[number]) : undefined,
    since: at === undefined ? undefined : new Date(at),
    limit: limit === null ? undefined : Number(limit),
    after,
  };
}

/**
 * The requests a polling Provider collects: addressed to it, released (not a concept), changed
 * after `since`, oldest change first; with `limit`, one page of them and the cursor of the next when
 * there is more. Collected `queued` requests become `sent`, with a history line.
 */
export async function listRequestsForProvider(
  db: Db,
  config: SourcesConfig,
  providerId: string,
  filter: { api?: string; since?: Date; limit?: number; after?: PageCursor },
): Promise<{ items: ConsentRequest[]; next?: string }> {
  const where: SQL[] = [
    eq(consentRequests.providerId, providerId),
    eq(consentRequests.delivery, "poll"),
    ne(consentRequests.status, "concept"),
  ];
  if (filter.api) where.push(eq(consentRequests.api, filter.api));
  if (filter.since) where.push(gt(consentRequests.changedAt, filter.since));
  if (filter.after)
    where.push(
      or(
        gt(consentRequests.changedAt, filter.after.changedAt),
        and(eq(consentRequests.changedAt, filter.after.changedAt), gt(consentRequests.consumerReferenceId, filter.after.id)),
      )!,
    );
  const query = db
    .select()
    .from(consentRequests)
    .where(and(...where))
    .orderBy(asc(consentRequests.changedAt), asc(consentRequests.consumerReferenceId));
  const found = filter.limit ? await query.limit(filter.limit + 1) : await query;
  const rows = filter.limit ? found.slice(0, filter.limit) : found;
  const last = rows.at(-1);
  const next =
    filter.limit && found.length > filter.limit && last
      ? encodeCursor({ changedAt: last.changedAt, id: last.consumerReferenceId })
      : undefined;
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
  const items = rows.flatMap((r) => {
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
  return { items, next };
}
