import "server-only";
import { and, asc, eq, gt, inArray, ne, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { consentRequestEvents, consentRequests } from "@/lib/db/schema";
import { schoolReferenceFor } from "@/lib/sources/transport/request-params";
import type { ConsentRequest } from "@/lib/sources/reading/schemas/consent";
import type { SourcesConfig } from "@/lib/sources/config";

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
            school: schoolReferenceFor(school),
            api: r.api as ConsentRequest["api"],
            scopes: r.scopes,
            consumerStatus: r.consumerStatus as ConsentRequest["consumerStatus"],
          },
        ]
      : [];
  });
}
