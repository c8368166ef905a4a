import { apiError } from "@/lib/api/errors";
import { staffRoute } from "@/lib/api/route";
import { usageDiagnose } from "@/lib/contracts/usage";
import { resolvePerson } from "@/lib/features/usage/usage-input";
import { diagnose, enrolledFrom } from "@/lib/features/usage/diagnose";
import { actorLabel, diagnosisText, renderDiagnosis, stepLabel } from "@/lib/features/usage/diagnose-words";
import { enrollmentsOfStudent, listSchoolEnrollments } from "@/lib/features/enrollments/enrollments";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { lookupUsage, referenceDate } from "@/lib/features/usage/usage";

export const dynamic = "force-dynamic";

// POST /api/usage/diagnose – walks enrolment → consent → entitlement → licensed → not expired for one pupil and one product; logged as a detail read.
export const POST = staffRoute(
  {
    action: "usage.read",
    audit: { dataKind: "usage", action: "detail" },
    body: usageDiagnose.body,
    response: usageDiagnose.response,
    limits: ["lookup"],
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
    const today = referenceDate();
    const [enrolled, usage] = await Promise.all([
      // Enrolment is a pupil's link in the chain; an employee's is not asked about.
      // By the one rule (enrollment-status.ts): a status nobody knows concludes nothing; "not enrolled"
      // only when the LAS's list could be read whole (a left-out record may be this pupil's).
      person.kind === "employee"
        ? ("yes" as const)
        : listSchoolEnrollments(client, school, {}).then(
            (list) =>
              enrolledFrom(
                enrollmentsOfStudent(list.rows, person.key, today).map((r) => r.enrolledNow),
                list.report.invalid.count,
                // While a mass change of the LAS's list waits for review, its absence of this pupil says nothing.
                { heldForReview: Boolean(list.held ?? list.suspect) },
              ),
            () => "unknown" as const,
          ),
      lookupUsage(client, school, person.user),
    ]);
    const d = renderDiagnosis(diagnose({ enrolled, registries: usage.registries, productId: body.productId, today }), lang);
    const entitlement = usage.entitlements.find((e) => e.productId === body.productId);
    const product = entitlement?.productTitle ? `${entitlement.productTitle} (${body.productId})` : body.productId;
    const brin = school.organisationMasterIdentifier ?? school.organisationIds?.[0]?.organisationId ?? school.id;
    return {
      json: {
        steps: d.steps.map((s) => ({ ...s, label: stepLabel(s.step, lang), actorLabel: s.actor ? actorLabel(s.actor, lang) : undefined })),
        actor: d.actor,
        actorLabel: actorLabel(d.actor, lang),
        conclusion: d.conclusion,
        text: diagnosisText(d, { schoolName: school.name, brin, product, today }, lang),
      },
      access: { dataKind: "usage", action: "detail", personCount: 1, personIdentifier: person.logIdentifier },
    };
  },
);
