import { describe, expect, it } from "vitest";
import { diagnose as diagnoseCodes, enrolledFrom, type DiagnoseInput } from "./diagnose";
import { diagnosisText, renderDiagnosis } from "./diagnose-words";
import type { Locale } from "@/lib/i18n/locale";
import type { EntitlementRow, RegistryOutcome } from "./usage";

/** Issue 21: an enrollment status nobody knows concludes nothing in the diagnosis (enrollment-status.ts, ERRATA 7). */
const TODAY = "2026-03-02";
/** The diagnosis as the BFF words it. */
const diagnose = (input: DiagnoseInput, lang: Locale) => renderDiagnosis(diagnoseCodes(input), lang);
const licensed = {
  entitlementId: "ENT-1",
  productId: "978A",
  entitlementStatus: "licensed",
  sourceId: "lr-a",
  sourceName: "Registratie A",
} as EntitlementRow;
const registries: RegistryOutcome[] = [
  { sourceId: "lr-a", sourceName: "Registratie A", sourceKind: "licentieregistratie", status: "ok", entitlements: [licensed] },
];

describe("the enrolment link from a pupil's enrollment states", () => {
  it.each([
    // states, records the LAS sent that could not be read, expected
    [["current"], 0, "yes"],
    [["not_current", "current"], 3, "yes"],
    [["unknown", "current"], 0, "yes"],
    [["not_current", "unknown"], 0, "status_unknown"],
    [["unknown"], 2, "status_unknown"],
    [["not_current"], 0, "no"],
    [[], 0, "no"],
    [["not_current"], 1, "unreadable"],
    [[], 4, "unreadable"],
  ] as const)("%j with %i left out → %s", (states, leftOut, expected) => {
    expect(enrolledFrom(states, leftOut)).toBe(expected);
  });
});

describe("a diagnosis for a pupil whose enrolment status is unknown", () => {
  it("says the status is unknown, draws no conclusion about the enrolment and checks nothing further (Dutch)", () => {
    const d = diagnose({ enrolled: "status_unknown", registries, productId: "978A", today: TODAY }, "nl");
    expect(d.actor).toBe("las");
    expect(d.steps.map((s) => [s.step, s.result])).toEqual([
      ["enrolled", "unknown"],
      ["consent", "not_checked"],
      ["entitlement", "not_checked"],
      ["licensed", "not_checked"],
      ["not_expired", "not_checked"],
    ]);
    expect(d.steps[0]!.finding).toBe(
      "onbekend: de LAS gaf een inschrijving van deze leerling een status die het dashboard niet kent (of geen status), en geen inschrijving loopt zeker; of de leerling ingeschreven is, is niet vast te stellen",
    );
    expect(d.conclusion).toBe(
      "De status van de inschrijving is onbekend: er is geen conclusie getrokken over de inschrijving en de rest van de keten is niet gecontroleerd. Vraag de LAS-leverancier welke status de inschrijving heeft.",
    );
    // Not the words of "not enrolled".
    expect(d.conclusion).not.toContain("niet (meer) ingeschreven");
    expect(diagnosisText(d, { schoolName: "School", brin: "00AA", product: "978A", today: TODAY }, "nl").split("\n")).toEqual([
      "Diagnose licentiegebruik, 02-03-2026. School: School (00AA). Product: 978A.",
      `1. Ingeschreven op school (LAS): ${d.steps[0]!.finding}`,
      "2. Toestemming voor gebruiksgegevens: niet gecontroleerd",
      "3. Aanspraak op het product: niet gecontroleerd",
      "4. Licentie geactiveerd: niet gecontroleerd",
      "5. Licentie niet verlopen: niet gecontroleerd",
      d.conclusion,
      "Actie voor: de leverancier van de leerlingadministratie (LAS).",
    ]);
  });

  it("and in English", () => {
    const d = diagnose({ enrolled: "status_unknown", registries, productId: "978A", today: TODAY }, "en");
    expect(d.steps[0]).toEqual({
      step: "enrolled",
      result: "unknown",
      actor: "las",
      finding:
        "unknown: the LAS gave an enrolment of this pupil a status the dashboard does not know (or no status), and no enrolment certainly holds; whether the pupil is enrolled cannot be established",
    });
    expect(d.conclusion).toBe(
      "The status of the enrolment is unknown: no conclusion is drawn about the enrolment and the rest of the chain was not checked. Ask the LAS supplier what status the enrolment has.",
    );
  });

  it("a pupil not enrolled is still 'not enrolled', with the school to act", () => {
    const d = diagnose({ enrolled: enrolledFrom(["not_current"], 0), registries, productId: "978A", today: TODAY }, "en");
    expect([d.actor, d.steps[0]!.result, d.conclusion]).toEqual([
      "school",
      "fail",
      "The pupil is not (or no longer) enrolled. The school must check the enrolment in the LAS.",
    ]);
  });
});
