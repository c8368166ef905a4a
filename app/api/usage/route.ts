import { z } from "zod";
import { apiError } from "@/lib/api/errors";
import { staffRoute } from "@/lib/api/route";
import { personInputShape, resolvePerson } from "@/lib/api/usage-input";
import { sourceErrorMessages, type SourceErrorKind } from "@/lib/eduv/errors";
import { getEduvRuntime } from "@/lib/eduv/runtime";
import { lookupUsage, meaningOf, referenceDate } from "@/lib/eduv/usage";

export const dynamic = "force-dynamic";

const bodySchema = z.strictObject({ ...personInputShape, refresh: z.boolean().default(false) });

// POST /api/usage – one pupil's or employee's licence usage at every Licentieregistratie of the school, merged; logged as a lookup.
export const POST = staffRoute({ action: "usage.read", body: bodySchema, limits: ({ body }) => (body.refresh ? ["lookup", "refresh"] : ["lookup"]) }, async ({ schoolId, body, lang }) => {
  const { client } = getEduvRuntime();
  const school = client.config.schools.find((s) => s.id === schoolId)!;
  const person = await resolvePerson(client, school, body);
  if (!person) return { raw: body.studentKey || body.employeeKey ? apiError("not_found", lang) : apiError("invalid_input", lang, "body: studentKey, employeeKey or identifier required"), json: null };
  const answer = await lookupUsage(client, school, person.user, { refresh: body.refresh });
  const today = referenceDate();
  return {
    json: {
      person: { kind: person.kind, key: person.key, name: person.name, maskedId: person.maskedId },
      today,
      totals: answer.totals,
      registries: answer.registries.map((r) => ({
        sourceId: r.sourceId, sourceName: r.sourceName, sourceKind: r.sourceKind, status: r.status, statusCode: r.statusCode,
        message: r.status === "ok" || r.status === "unknown_user" ? undefined : sourceErrorMessages(r.status as SourceErrorKind)[lang],
        totals: r.totals, count: r.entitlements.length,
      })),
      entitlements: answer.entitlements.map((e) => ({ ...e, meaning: meaningOf(e, today) })),
    },
    access: { dataKind: "usage", action: "lookup", personCount: 1, personIdentifier: person.logIdentifier },
  };
});
