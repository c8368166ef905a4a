import { staffRoute } from "@/lib/api/route";
import { consentCheck } from "@/lib/contracts/consent";
import { consentOverview, consentProblem } from "@/lib/features/consent/overview";
import { checkPair } from "@/lib/features/consent/live-check";
import { getStore } from "@/lib/db/client";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";

export const dynamic = "force-dynamic";

/** A pair checked this recently is not asked again: the answer just given stands (many clicks, one call). */
const FRESH_MS = 30_000;

// POST /api/consent/check – asks the Provider's data endpoint now whether it answers the school for this API
// (the live check), keeps the result, and returns it beside what the consent records say.
export const POST = staffRoute(
  { action: "consent.read", body: consentCheck.body, response: consentCheck.response },
  async ({ schoolId, body, lang }) => {
    const { db } = await getStore();
    const { client } = getEduvRuntime();
    const find = async () =>
      (await consentOverview(db, client.config, schoolId, {}, lang)).matrix.rows
        .find((r) => r.providerId === body.providerId)
        ?.cells.find((c) => c.api === body.api && c.offered);
    const before = await find();
    if (!before) return { raw: consentProblem("not_found", lang, "check"), json: null };
    if (!before.check || Date.now() - Date.parse(before.check.checkedAt) >= FRESH_MS)
      await checkPair(db, client, schoolId, body.providerId, body.api);
    const after = await find();
    return { json: after!.check! };
  },
);
