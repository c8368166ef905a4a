import { apiError } from "@/lib/api/errors";
import { staffRoute } from "@/lib/api/route";
import { consentCreate, consentList } from "@/lib/contracts/consent";
import { createRequest, refusalText } from "@/lib/features/consent/overview";
import { overviewQuery, readConsentOverview } from "@/lib/features/consent/overview-read";
import { getStore } from "@/lib/db/client";
import type { ConsentStatus } from "@/lib/db/consent";
import { loadSourcesConfig } from "@/lib/sources/config";

export const dynamic = "force-dynamic";

// GET /api/consent – the school's consent requests (filtered), the matrix Provider × API and the Provider options. Requests hold no personal data.
// The Toestemming page reads its first answer through the same read (app/toestemming/page.tsx).
export const GET = staffRoute(
  { action: "consent.read", query: overviewQuery, response: consentList.response },
  async ({ schoolId, query, lang }) => ({ json: (await readConsentOverview(schoolId, query, lang)).value }),
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
