import "server-only";
import { z } from "zod";
import { getStore } from "@/lib/db/client";
import { CONSENT_STATUSES } from "@/lib/db/consent";
import type { Locale } from "@/lib/i18n/locale";
import { loadSourcesConfig } from "@/lib/sources/config";
import { CONSENT_APIS } from "@/lib/sources/reading/schemas/consent";
import { consentOverview, parseSince, type ConsentOverview } from "./overview";

const since = z.string().transform((value, ctx) => {
  const date = parseSince(value);
  if (!date)
    ctx.addIssue({
      code: "custom",
      message: "use a day (yyyy-mm-dd, e.g. 2026-11-24) or an RFC 3339 date-time (e.g. 2026-11-24T10:00:00Z)",
    });
  return date ?? z.NEVER;
});

/** The overview's filters as GET /api/consent reads them from its query string (and the Toestemming page from its URL). */
export const overviewQuery = z.strictObject({
  api: z.enum(CONSENT_APIS).optional(),
  provider: z.string().min(1).max(64).optional(),
  status: z.enum(CONSENT_STATUSES).optional(),
  since: since.optional(),
});
export type OverviewQuery = z.infer<typeof overviewQuery>;

/**
 * The school's consent requests (filtered), the matrix Provider × API and the Provider options, as
 * GET /api/consent answers them and the Toestemming page shows them first. Requests hold no personal
 * data: no access-log entry.
 */
export async function readConsentOverview(schoolId: string, query: OverviewQuery, lang: Locale): Promise<{ value: ConsentOverview }> {
  const { db } = await getStore();
  const filter = { api: query.api, providerId: query.provider, status: query.status, since: query.since };
  return { value: await consentOverview(db, loadSourcesConfig(), schoolId, filter, lang) };
}
