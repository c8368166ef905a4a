import { staffRoute } from "@/lib/api/route";
import { consentSend } from "@/lib/contracts/consent";
import { consentProblem, releaseConcept } from "@/lib/features/consent/overview";
import { getStore } from "@/lib/db/client";

export const dynamic = "force-dynamic";

// POST /api/consent/send – releases a concept of this school for sending (or for its Provider to collect), or sends a request the Provider refused again.
export const POST = staffRoute(
  { action: "consent.write", body: consentSend.body, response: consentSend.response },
  async ({ staff, schoolId, body, lang }) => {
    const { db } = await getStore();
    const outcome = await releaseConcept(db, schoolId, body.consumerReferenceId, staff.email ?? staff.id);
    if (outcome === "not_found") return { raw: consentProblem("not_found", lang), json: null };
    if (outcome === "not_concept") return { raw: consentProblem("conflict", lang), json: null };
    return { json: { consumerReferenceId: body.consumerReferenceId, status: outcome } };
  },
);
