import { describe, expect, it } from "vitest";
import { coverageOf } from "../coverage/coverage";
import type { PupilUsage } from "../coverage/group";
import { diagnose as diagnoseCodes, type DiagnoseInput } from "./diagnose";
import { diagnosisText, renderDiagnosis } from "./diagnose-words";
import type { Locale } from "@/lib/i18n/locale";
import { meaningOf, scopeOf, type EntitlementRow, type RegistryOutcome } from "./usage";

const TODAY = "2026-03-02";
/** The diagnosis as the BFF words it. */
const diagnose = (input: DiagnoseInput, lang: Locale) => renderDiagnosis(diagnoseCodes(input), lang);
const ent = (productId: string, entitlementStatus: string, extra: Partial<EntitlementRow> = {}): EntitlementRow =>
  ({
    entitlementId: `ENT-${productId}-${entitlementStatus}`,
    productId,
    productTitle: `Titel ${productId}`,
    entitlementStatus,
    sourceId: "lr-a",
    sourceName: "Registratie A",
    ...extra,
  }) as EntitlementRow;
const reg = (status: RegistryOutcome["status"], entitlements: EntitlementRow[] = [], sourceId = "lr-a"): RegistryOutcome => ({
  sourceId,
  sourceName: sourceId === "lr-a" ? "Registratie A" : "Registratie B",
  sourceKind: "licentieregistratie",
  status,
  entitlements,
});

describe("what an entitlement's state means", () => {
  it.each([
    [{ entitlementStatus: "licensed" }, "ok"],
    [{ entitlementStatus: "licensed", expirationDate: "2026-03-02" }, "expired"],
    [{ entitlementStatus: "entitled", activationUntilDate: "2026-07-31" }, "not_activated"],
    [{ entitlementStatus: "entitled", activationUntilDate: "2026-03-01" }, "activation_lapsed"],
    [{ entitlementStatus: "cancelled" }, "cancelled"],
    [{ entitlementStatus: "blocked" }, "blocked"],
    [{ entitlementStatus: "expired" }, "expired"],
    [{ entitlementStatus: "suspended-in-v2" }, "unknown"],
    [{}, "unknown"],
  ])("%o → %s", (e, meaning) => {
    expect(meaningOf(e as never, TODAY)).toBe(meaning);
  });
});

describe("the diagnosis walks the chain and names who must act", () => {
  const run = (enrolled: "yes" | "no" | "unknown" | "unreadable", registries: RegistryOutcome[]) =>
    diagnose({ enrolled, registries, productId: "978A", today: TODAY }, "nl");

  it("not enrolled: the school, and nothing further is checked", () => {
    const d = run("no", [reg("ok", [ent("978A", "licensed")])]);
    expect(d.actor).toBe("school");
    expect(d.steps.map((s) => s.result)).toEqual(["fail", "not_checked", "not_checked", "not_checked", "not_checked"]);
  });

  it("the LAS did not answer: the LAS supplier", () => {
    expect(run("unknown", []).actor).toBe("las");
  });

  it("no current enrolment found while the LAS left records out: unknown, not 'not enrolled'; the LAS must repair them", () => {
    const d = run("unreadable", [reg("ok", [ent("978A", "licensed")])]);
    expect(d.steps[0]).toMatchObject({ step: "enrolled", result: "unknown", actor: "las" });
    expect(d.actor).toBe("las");
    expect(d.conclusion).not.toMatch(/niet \(meer\) ingeschreven/);
  });

  it("no entitlement anywhere and consent missing at a registry: the school's consent management", () => {
    const d = run("yes", [reg("ok", [ent("978B", "licensed")]), reg("consent_missing", [], "lr-b")]);
    expect(d.actor).toBe("school");
    expect(d.steps[1]).toMatchObject({ step: "consent", result: "fail" });
    expect(d.steps[1]!.finding).toContain("Registratie B");
  });

  it("no entitlement and every registry answered: the school must order", () => {
    const d = run("yes", [reg("ok", [ent("978B", "licensed")]), reg("unknown_user", [], "lr-b")]);
    expect(d.steps.map((s) => s.result)).toEqual(["ok", "ok", "fail", "not_checked", "not_checked"]);
    expect(d.conclusion).toMatch(/bestellen/);
  });

  it("entitled, never activated: the school helps the pupil activate, with the deadline", () => {
    const d = run("yes", [reg("ok", [ent("978A", "entitled", { activationUntilDate: "2026-07-31" })])]);
    expect(d).toMatchObject({ actor: "school" });
    expect(d.steps[3]!.finding).toContain("tot en met 31-07-2026");
  });

  it("blocked or cancelled: the registry or distributor", () => {
    expect(run("yes", [reg("ok", [ent("978A", "blocked")])]).actor).toBe("registry");
    expect(run("yes", [reg("ok", [ent("978A", "cancelled")])]).actor).toBe("registry");
  });

  it("a working licence wins over an older cancelled one; then it is the learning material's supplier", () => {
    const d = run("yes", [reg("ok", [ent("978A", "cancelled"), ent("978A", "licensed", { entitlementId: "ENT-GOOD" })])]);
    expect(d.steps.every((s) => s.result === "ok")).toBe(true);
    expect(d.actor).toBe("supplier");
    expect(d.steps[2]!.finding).toContain("ENT-GOOD");
  });

  it("no entitlement found while a registry did not answer: consent and entitlement unknown, the conclusion names that registry", () => {
    const d = run("yes", [
      reg("unknown_user"),
      { ...reg("server_error", [], "lr-b") },
      { ...reg("method_not_allowed", [], "am"), sourceName: "Aanspraakmanager", sourceKind: "aanspraakmanager" },
    ]);
    expect(d.steps.map((s) => s.result)).toEqual(["ok", "unknown", "unknown", "not_checked", "not_checked"]);
    expect(d.actor).toBe("registry");
    expect(d.steps[2]!.finding).toBe(
      "onbekend: Registratie B gaf geen bruikbaar antwoord; Registratie A heeft geen aanspraak op dit product",
    );
    expect(d.conclusion).toBe(
      "Geen bruikbaar antwoord van Registratie B (De bron meldt een storing). Of er een aanspraak op dit product is, is daardoor niet vast te stellen. Vraag Registratie B naar de storing.",
    );
    expect(d.conclusion).not.toMatch(/bestellen|Aanspraakmanager/);
  });

  it("an unreadable record counts as no answer, in its own words", () => {
    const d = diagnose(
      { enrolled: "yes", registries: [{ ...reg("unreadable", [], "lr-b"), unreadableFields: ["user"] }], productId: "978A", today: TODAY },
      "en",
    );
    expect(d.conclusion).toContain("Registratie B (The Source sent this person's record, but it could not be read: field user)");
  });

  it("not working where found while another registry did not answer: 'licensed' is unknown, no conclusion from the silence", () => {
    const d = run("yes", [reg("ok", [ent("978A", "entitled", { activationUntilDate: "2026-07-31" })]), reg("timeout", [], "lr-b")]);
    expect(d.steps.map((s) => s.result)).toEqual(["ok", "ok", "ok", "unknown", "not_checked"]);
    expect(d.actor).toBe("registry");
    expect(d.conclusion).toMatch(
      /^Bij Registratie A: aangeschaft maar nooit geactiveerd; activeren kan tot en met 31-07-2026\. Maar geen bruikbaar antwoord van Registratie B \(De bron antwoordde niet op tijd\)/,
    );
    expect(d.conclusion).toContain("Vraag eerst Registratie B naar de storing.");
  });

  it("a working licence stands even when another registry did not answer", () => {
    expect(run("yes", [reg("ok", [ent("978A", "licensed")]), reg("timeout", [], "lr-b")]).actor).toBe("supplier");
  });

  it("a status nobody knows: 'licensed' unknown, the registry is asked, never counted as working", () => {
    const d = run("yes", [reg("ok", [ent("978A", "suspended")])]);
    expect(d.steps[3]).toMatchObject({
      step: "licensed",
      result: "unknown",
      finding: "onbekend: Registratie A gaf een onbekende status (suspended)",
    });
    expect(d.conclusion).toMatch(/^Registratie A gaf voor deze aanspraak geen bekende status/);
  });

  it("the ticket text names school, product and Source, and nothing about the pupil", () => {
    const d = diagnose(
      {
        enrolled: "yes",
        registries: [reg("ok", [ent("978A", "expired", { expirationDate: "2025-10-31" })])],
        productId: "978A",
        today: TODAY,
      },
      "en",
    );
    const text = diagnosisText(d, { schoolName: "Meridiaan College", brin: "900B201", product: "Titel 978A (978A)", today: TODAY }, "en");
    expect(text).toContain("Meridiaan College (900B201)");
    expect(text).toContain("expired on 31/10/2025");
    expect(text).toMatch(/Action for: the school\.$/);
    expect(text).not.toMatch(/ketenid|@|Leerling/);
  });
});

describe("coverage per product", () => {
  const pupil = (key: string, current: boolean, registries: RegistryOutcome[]): PupilUsage => ({
    key,
    name: `Leerling ${key}`,
    current,
    answer: {
      registries,
      totals: { entitled: 0, licensed: 0, cancelled: 0, blocked: 0, expired: 0 },
      entitlements: registries.flatMap((r) => r.entitlements),
      scope: scopeOf(registries),
      ageMs: 0,
    },
  });

  it("counts pupils with a working licence and the others by reason; leavers' licences are candidates to reassign", () => {
    const results = [
      pupil("a", true, [reg("ok", [ent("978A", "licensed")])]),
      pupil("b", true, [reg("ok", [ent("978A", "entitled", { activationUntilDate: "2026-07-31" })])]),
      pupil("c", true, [reg("unknown_user")]),
      pupil("d", true, [reg("timeout")]),
      pupil("e", false, [reg("ok", [ent("978A", "licensed")])]),
      { key: "f", current: true, missing: "not_in_las" as const },
    ];
    const c = coverageOf(results, TODAY);
    expect(c.pupils).toBe(5);
    expect(c.formerPupils).toBe(1);
    expect(c.notInLas).toBe(1);
    expect(c.products).toEqual([
      expect.objectContaining({
        productId: "978A",
        licensed: 1,
        without: 3,
        byReason: { not_activated: 1, no_entitlement: 1, source_error: 1 },
      }),
    ]);
    expect(c.candidates.map((x) => [x.key, x.why])).toEqual([
      ["b", "never_activated"],
      ["e", "left_class"],
    ]);
    expect(c.pupilsWithErrors).toBe(1);
  });

  it("a Source refusing the whole school is reported once, not counted against pupils", () => {
    const results = [
      pupil("a", true, [reg("ok", [ent("978A", "licensed")]), reg("consent_missing", [], "lr-b")]),
      pupil("b", true, [reg("ok", []), reg("consent_missing", [], "lr-b")]),
    ];
    const c = coverageOf(results, TODAY);
    expect(c.refusals).toEqual([{ sourceId: "lr-b", sourceName: "Registratie B", status: "consent_missing", statusCode: undefined }]);
    expect(c.products[0]).toMatchObject({ licensed: 1, without: 1, byReason: { no_entitlement: 1 } });
  });
});
