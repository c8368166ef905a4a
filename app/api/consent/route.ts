import { z } from "zod";
import { apiError } from "@/lib/api/errors";
import { staffRoute } from "@/lib/api/route";
import { consentCreate, consentList } from "@/lib/contracts/consent";
import { consentOverview, createRequest, parseSince, refusalText } from "@/lib/features/consent/overview";
import { getStore } from "@/lib/db/client";
import { CONSENT_STATUSES, type ConsentStatus } from "@/lib/db/consent";
import { CONSENT_APIS } from "@/lib/sources/reading/schemas/consent";
import { loadSourcesConfig } from "@/lib/sources/config";

export const dynamic = "force-dynamic";

const since = z.string().transform((value, ctx) => {
  const date = parseSince(value);
  if (!date)
    ctx.addIssue({
      code: "custom",
      message: "use a day (yyyy-mm-dd, e.g. 2026-11-24) or an RFC 3339 date-time (e.g. 2026-11-24T10:00:00Z)",
    });
  return date ?? z.NEVER;
});

const querySchema = z.strictObject({
  api: z.enum(CONSENT_APIS).optional(),
  provider: z.string().min(1).max(64).optional(),
  status: z.enum(CONSENT_STATUSES).optional(),
  since: since.optional(),
});

// GET /api/consent – the school's consent requests (filtered), the matrix Provider × API and the Provider options. Requests hold no personal data.
export const GET = staffRoute(
  { action: "consent.read", query: querySchema, response: consentList.response },
  async ({ schoolId, query, lang }) => {
    const { db } = await getStore();
    return {
      json: await consentOverview(
        db,
        loadSourcesConfig(),
        schoolId,
        { api: query.api, providerId: query.provider, status: query.status, since: query.since },
        lang,
      ),
    };
  },
);

// POST /api/consent – a new request, stored (a concept, or queued to be sent) before anything goes to the Provider.
export const POST = staffRoute(
  { action: "consent.write", body: consentCreate.body, response: consentCreate.response },
  async ({ staff, schoolId, body, lang }) => {
    const { db } = await getStore();
    const outcome = await createRequest(db, loadSourcesConfig(), schoolId, body, staff.email ?? staff.id);
    if (!outcome.ok) return { raw: apiError("invalid_input", lang, refusalText(outcome.refusal, lang)), json: null };
    return { json: { consumerReferenceId: outcome.row.consumerReferenceId, status: outcome.row.status as ConsentStatus }, status: 201 };
  },
);
