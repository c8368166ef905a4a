import { staffRoute } from "@/lib/api/route";
import { consentHistory } from "@/lib/contracts/consent";
import { consentProblem, requestHistory } from "@/lib/features/consent/overview";
import { getStore } from "@/lib/db/client";

export const dynamic = "force-dynamic";

// A consent request's reference holds no personal data, so it may travel in the query string.
// GET /api/consent/history?id= – who created or changed one request of this school, when, and what the Provider answered.
export const GET = staffRoute(
  { action: "consent.read", query: consentHistory.query, response: consentHistory.response },
  async ({ schoolId, query, lang }) => {
    const { db } = await getStore();
    const history = await requestHistory(db, schoolId, query.id);
    if (!history) return { raw: consentProblem("not_found", lang), json: null };
    return { json: { consumerReferenceId: query.id, history } };
  },
);
