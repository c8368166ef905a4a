import { staffRoute } from "@/lib/api/route";
import { consentWithdraw } from "@/lib/contracts/consent";
import { consentOverview, consentProblem } from "@/lib/features/consent/overview";
import { withdrawConsent } from "@/lib/features/consent/withdraw";
import { getStore } from "@/lib/db/client";
import type { WithdrawalStatus } from "@/lib/db/consent-revokes";
import { loadSourcesConfig } from "@/lib/sources/config";

export const dynamic = "force-dynamic";

// POST /api/consent/withdraw – the school withdraws consent for a Provider × API: stored, in force for the
// school at once (the Source's cached answers for the school are dropped), then sent as PUT /consent/revokes.
export const POST = staffRoute(
  { action: "consent.write", body: consentWithdraw.body, response: consentWithdraw.response },
  async ({ staff, schoolId, body, lang }) => {
    const { db } = await getStore();
    const config = loadSourcesConfig();
    // What the matrix shows for the pair is what may be withdrawn: one rule for the button and the route.
    const { matrix } = await consentOverview(db, config, schoolId, {}, lang);
    const cell = matrix.rows.find((r) => r.providerId === body.providerId)?.cells.find((c) => c.api === body.api);
    const outcome = await withdrawConsent(db, config, schoolId, body, staff.email ?? staff.id, {
      request: cell?.request ?? null,
      known: cell?.known ?? null,
    });
    if (!outcome.ok) return { raw: consentProblem(outcome.code, lang, "withdrawal"), json: null };
    return { json: { revokeId: outcome.row.revokeId, status: outcome.row.status as WithdrawalStatus }, status: 202 };
  },
);
