import { apiError } from "@/lib/api/errors";
import { staffRoute } from "@/lib/api/route";
import { usageLookup } from "@/lib/contracts/usage";
import { resolvePerson } from "@/lib/features/usage/usage-input";
import { entitlementView } from "@/lib/features/usage/entitlement-view";
import { registryProblemText } from "@/lib/i18n/outcome-words";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { answered, lookupUsage, referenceDate } from "@/lib/features/usage/usage";

export const dynamic = "force-dynamic";

/**
 * POST /api/usage – one pupil's or employee's licence usage at every Licentieregistratie of the school, merged; logged as a lookup.
 * The totals add up only the registries that answered about this person (`scope.counted`); the others are named (`scope.notCounted`).
 */
export const POST = staffRoute(
  {
    action: "usage.read",
    audit: { dataKind: "usage", action: "lookup" },
    body: usageLookup.body,
    response: usageLookup.response,
    limits: ({ body }) => (body.refresh ? ["lookup", "refresh"] : ["lookup"]),
  },
  async ({ schoolId, body, lang }) => {
    const { client } = getEduvRuntime();
    const school = client.config.schools.find((s) => s.id === schoolId)!;
    const person = await resolvePerson(client, school, body);
    if (!person)
      return {
        raw:
          body.studentKey || body.employeeKey
            ? apiError("not_found", lang)
            : apiError("invalid_input", lang, "body: studentKey, employeeKey or identifier required"),
        json: null,
      };
    const answer = await lookupUsage(client, school, person.user, { refresh: body.refresh });
    const today = referenceDate();
    return {
      json: {
        person: { kind: person.kind, key: person.key, name: person.name, maskedId: person.maskedId },
        today,
        ageSeconds: Math.round(answer.ageMs / 1000),
        totals: answer.totals,
        scope: answer.scope,
        registries: answer.registries.map((r) => ({
          sourceId: r.sourceId,
          sourceName: r.sourceName,
          sourceKind: r.sourceKind,
          status: r.status,
          statusCode: r.statusCode,
          message: registryProblemText(r, lang),
          retryAt: r.retryAt,
          fields: r.unreadableFields,
          leftOutItems: r.leftOutItems,
          totals: answered(r) ? r.totals : undefined,
          count: r.entitlements.length,
          ageSeconds: Math.round((r.ageMs ?? 0) / 1000),
        })),
        entitlements: answer.entitlements.map((e) => entitlementView(e, today)),
      },
      access: { dataKind: "usage", action: "lookup", personCount: 1, personIdentifier: person.logIdentifier },
    };
  },
);
