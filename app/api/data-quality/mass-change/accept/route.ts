import { apiError } from "@/lib/api/errors";
import { staffRoute } from "@/lib/api/route";
import { dataQualityMassChangeAccept } from "@/lib/contracts/mass-change";
import { forgetAnswer } from "@/lib/features/data-quality/last-answer";
import { acceptMassChange, MassChangeMovedError } from "@/lib/features/mass-change/review";
import { wordsFor } from "@/lib/i18n/server-words";

export const dynamic = "force-dynamic";

// POST /api/data-quality/mass-change/accept – a school administrator accepts the waiting change of one LAS list: the
// latest answer becomes the baseline, and "left" conclusions are drawn from it again. Logged as a change of that
// list, counting the records fewer it accepts; 409 when the change has another count than the one the administrator saw.
export const POST = staffRoute(
  {
    action: "dataquality.accept",
    audit: { dataKind: "students", action: "change" },
    body: dataQualityMassChangeAccept.body,
    response: dataQualityMassChangeAccept.response,
  },
  async ({ schoolId, body, lang }) => {
    let result: Awaited<ReturnType<typeof acceptMassChange>>;
    try {
      result = await acceptMassChange(schoolId, body.list, { seen: body.now });
    } catch (err) {
      if (!(err instanceof MassChangeMovedError)) throw err;
      return { raw: apiError("conflict", lang, wordsFor(lang)("massChange.moved")), json: null };
    }
    if (!result.accepted) return { json: { accepted: false, state: result.state } };
    // The data-quality answer kept for the page was checked against the held lists: the next read checks again.
    forgetAnswer(schoolId);
    return {
      json: { accepted: true, state: result.state },
      access: { dataKind: body.list, action: "change", personCount: result.lost },
    };
  },
);
