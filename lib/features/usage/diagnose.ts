import { combinedState, type EnrollmentState } from "../../sources/reading/enrollment-status";
import { registryProblemText } from "../../i18n/outcome-words";
import { answered, meaningOf, notAProvider, type RegistryOutcome } from "./usage";

/**
 * "Why can't this pupil open their material?": the chain from enrolment to a working licence,
 * checked link by link. The first broken link says who must act. The text for a ticket carries no
 * personal data: school, product, Source, dates and the licence's own reference only.
 */
export type Step = "enrolled" | "consent" | "entitlement" | "licensed" | "not_expired";
export type StepResult = { step: Step; result: "ok" | "fail" | "unknown" | "not_checked"; finding: string; actor?: Actor };
export type Actor = "school" | "las" | "registry" | "supplier";
export type Diagnosis = { steps: StepResult[]; actor: Actor; conclusion: string };

export type DiagnoseInput = {
  /**
   * From the LAS: enrolled now, not enrolled, the LAS could not tell, or no current enrolment found
   * while the LAS sent enrollment records that could not be read (this pupil's may be among them),
   * or none current while one of the pupil's enrollments has a status nobody knows (`status_unknown`:
   * it may be the one that still holds, so nothing is concluded from it; seed 004:124-133, ERRATA 7).
   */
  enrolled: Enrolled;
  registries: readonly RegistryOutcome[];
  productId: string;
  today: string;
};

export type Enrolled = "yes" | "no" | "unknown" | "unreadable" | "status_unknown";

/**
 * The enrolment link from the pupil's enrollments (their states on the reference date, by the one
 * rule of enrollment-status.ts) and how many records the LAS sent that could not be read: current
 * when any holds; else unknown status when any has a status nobody knows; else, when records were
 * left out, unreadable (this pupil's may be among them); else not enrolled.
 */
export function enrolledFrom(states: Iterable<EnrollmentState>, leftOutRecords: number): Enrolled {
  const state = combinedState(states);
  if (state === "current") return "yes";
  if (state === "unknown") return "status_unknown";
  return leftOutRecords > 0 ? "unreadable" : "no";
}

type Lang = "nl" | "en";
const T = {
  nl: {
    step: { enrolled: "Ingeschreven op school (LAS)", consent: "Toestemming voor gebruiksgegevens", entitlement: "Aanspraak op het product", licensed: "Licentie geactiveerd", not_expired: "Licentie niet verlopen" },
    actor: { school: "de school", las: "de leverancier van de leerlingadministratie (LAS)", registry: "de licentieregistratie of distributeur", supplier: "de leverancier van het leermiddel" },
    enrolledYes: "ja, met een lopende inschrijving",
    enrolledNo: "nee: de leerling heeft nu geen lopende inschrijving in de LAS",
    enrolledUnknown: "onbekend: de LAS gaf geen antwoord",
    enrolledUnreadable: "onbekend: geen lopende inschrijving gevonden, maar de LAS stuurde inschrijvingen die niet konden worden gelezen; die van deze leerling kan daarbij zijn",
    enrolledStatusUnknown: "onbekend: de LAS gaf een inschrijving van deze leerling een status die het dashboard niet kent (of geen status), en geen inschrijving loopt zeker; of de leerling ingeschreven is, is niet vast te stellen",
    consentOk: (n: string) => `in orde bij ${n}`,
    consentMissing: (n: string) => `ontbreekt bij ${n} (0022)`,
    consentOther: (n: string) => `niet vast te stellen: ${n} gaf geen bruikbaar antwoord`,
    entitlementYes: (n: string, ref: string) => `ja, bij ${n} (licentiekenmerk ${ref})`,
    entitlementNo: "nee: geen enkele licentieregistratie heeft een aanspraak op dit product voor deze leerling",
    entitlementUnknown: (failing: string, without: string) => `onbekend: ${failing} gaf geen bruikbaar antwoord${without ? `; ${without} heeft geen aanspraak op dit product` : ""}`,
    unknownStatus: (n: string, status?: string) => `onbekend: ${n} gaf ${status ? `een onbekende status (${status})` : "geen status"}`,
    partial: (n: string, finding: string, failing: string) => `bij ${n}: ${finding}; ${failing} gaf geen bruikbaar antwoord, daar kan een werkende licentie staan`,
    and: " en ",
    status: {
      ok: "ja",
      not_activated: (until?: string) => `nee: aangeschaft maar nooit geactiveerd${until ? `; activeren kan tot en met ${until}` : ""}`,
      activation_lapsed: (until?: string) => `nee: de activeringstermijn is verlopen${until ? ` (tot en met ${until})` : ""}`,
      cancelled: "nee: de licentie is geannuleerd",
      blocked: "nee: de licentie is geblokkeerd",
      expired: "nee: de licentie is verlopen",
    },
    notExpiredOk: (d?: string) => (d ? `ja, geldig tot ${d}` : "ja"),
    notExpiredNo: (d?: string) => `nee: verlopen${d ? ` op ${d}` : ""}`,
    notChecked: "niet gecontroleerd",
    conclusion: {
      enrolled: "De leerling staat niet (meer) ingeschreven. De school moet de inschrijving in de LAS controleren.",
      enrolledUnknown: "De LAS gaf geen antwoord. Vraag de LAS-leverancier naar de storing.",
      enrolledUnreadable: "De LAS stuurde inschrijvingen die niet konden worden gelezen. Vraag de LAS-leverancier die te herstellen; daarna kan de inschrijving worden vastgesteld.",
      enrolledStatusUnknown: "De status van de inschrijving is onbekend: er is geen conclusie getrokken over de inschrijving en de rest van de keten is niet gecontroleerd. Vraag de LAS-leverancier welke status de inschrijving heeft.",
      consent: "Toestemming voor gebruiksgegevens ontbreekt. De school (toestemmingsbeheer) moet een toestemmingsverzoek laten goedkeuren.",
      noAnswer: (failures: string, names: string) => `Geen bruikbaar antwoord van ${failures}. Of er een aanspraak op dit product is, is daardoor niet vast te stellen. Vraag ${names} naar de storing.`,
      alsoNoAnswer: (failures: string) => ` Daarnaast gaf ${failures} geen bruikbaar antwoord.`,
      unknownStatus: (n: string) => `${n} gaf voor deze aanspraak geen bekende status. Vraag ${n} wat de status is; tot dan geldt de licentie niet als werkend.`,
      partial: (n: string, finding: string, failures: string, names: string) => `Bij ${n}: ${finding}. Maar geen bruikbaar antwoord van ${failures}: daar kan een werkende licentie voor dit product staan. Vraag eerst ${names} naar de storing.`,
      entitlement: "Er is geen aanspraak. De school moet het product bestellen, of de distributeur vragen waarom de levering ontbreekt.",
      not_activated: "De licentie is nooit geactiveerd. De leerling (met hulp van de school) moet de licentie activeren.",
      activation_lapsed: "De activeringstermijn is verlopen. Vraag de distributeur of licentieregistratie om de termijn te verlengen.",
      cancelled: "De licentie is geannuleerd. Vraag de distributeur of licentieregistratie waarom, of bestel opnieuw.",
      blocked: "De licentie is geblokkeerd. Vraag de licentieregistratie of distributeur waarom.",
      expired: "De licentie is verlopen. De school moet verlengen of opnieuw bestellen.",
      ok: "De hele keten is in orde. Het probleem ligt waarschijnlijk bij de leeromgeving of het inloggen: meld het bij de leverancier van het leermiddel.",
    },
    header: (school: string, brin: string, product: string, today: string) => `Diagnose licentiegebruik, ${today}. School: ${school} (${brin}). Product: ${product}.`,
    who: (a: string) => `Actie voor: ${a}.`,
  },
  en: {
    step: { enrolled: "Enrolled at the school (LAS)", consent: "Consent for usage data", entitlement: "Entitlement to the product", licensed: "Licence activated", not_expired: "Licence not expired" },
    actor: { school: "the school", las: "the supplier of the student administration (LAS)", registry: "the Licentieregistratie or distributor", supplier: "the supplier of the learning material" },
    enrolledYes: "yes, with a current enrolment",
    enrolledNo: "no: the pupil has no current enrolment in the LAS",
    enrolledUnknown: "unknown: the LAS did not answer",
    enrolledUnreadable: "unknown: no current enrolment found, but the LAS sent enrolments that could not be read; this pupil's may be among them",
    enrolledStatusUnknown: "unknown: the LAS gave an enrolment of this pupil a status the dashboard does not know (or no status), and no enrolment certainly holds; whether the pupil is enrolled cannot be established",
    consentOk: (n: string) => `in place at ${n}`,
    consentMissing: (n: string) => `missing at ${n} (0022)`,
    consentOther: (n: string) => `cannot be established: ${n} gave no usable answer`,
    entitlementYes: (n: string, ref: string) => `yes, at ${n} (licence reference ${ref})`,
    entitlementNo: "no: no Licentieregistratie holds an entitlement to this product for this pupil",
    entitlementUnknown: (failing: string, without: string) => `unknown: ${failing} gave no usable answer${without ? `; ${without} holds no entitlement to this product` : ""}`,
    unknownStatus: (n: string, status?: string) => `unknown: ${n} gave ${status ? `an unknown status (${status})` : "no status"}`,
    partial: (n: string, finding: string, failing: string) => `at ${n}: ${finding}; ${failing} gave no usable answer, a working licence may be there`,
    and: " and ",
    status: {
      ok: "yes",
      not_activated: (until?: string) => `no: acquired but never activated${until ? `; it can be activated up to and including ${until}` : ""}`,
      activation_lapsed: (until?: string) => `no: the activation period has passed${until ? ` (up to and including ${until})` : ""}`,
      cancelled: "no: the licence was cancelled",
      blocked: "no: the licence is blocked",
      expired: "no: the licence has expired",
    },
    notExpiredOk: (d?: string) => (d ? `yes, valid until ${d}` : "yes"),
    notExpiredNo: (d?: string) => `no: expired${d ? ` on ${d}` : ""}`,
    notChecked: "not checked",
    conclusion: {
      enrolled: "The pupil is not (or no longer) enrolled. The school must check the enrolment in the LAS.",
      enrolledUnknown: "The LAS did not answer. Ask the LAS supplier about the failure.",
      enrolledUnreadable: "The LAS sent enrolments that could not be read. Ask the LAS supplier to repair them; then the enrolment can be established.",
      enrolledStatusUnknown: "The status of the enrolment is unknown: no conclusion is drawn about the enrolment and the rest of the chain was not checked. Ask the LAS supplier what status the enrolment has.",
      consent: "Consent for usage data is missing. The school (consent management) must have a consent request approved.",
      noAnswer: (failures: string, names: string) => `No usable answer from ${failures}. Whether there is an entitlement to this product cannot therefore be established. Ask ${names} about the failure.`,
      alsoNoAnswer: (failures: string) => ` Besides, ${failures} gave no usable answer.`,
      unknownStatus: (n: string) => `${n} gave no known status for this entitlement. Ask ${n} what the status is; until then the licence does not count as working.`,
      partial: (n: string, finding: string, failures: string, names: string) => `At ${n}: ${finding}. But no usable answer from ${failures}: a working licence for this product may be there. Ask ${names} about the failure first.`,
      entitlement: "There is no entitlement. The school must order the product, or ask the distributor why the delivery is missing.",
      not_activated: "The licence was never activated. The pupil (helped by the school) must activate it.",
      activation_lapsed: "The activation period has passed. Ask the distributor or Licentieregistratie to extend it.",
      cancelled: "The licence was cancelled. Ask the distributor or Licentieregistratie why, or order again.",
      blocked: "The licence is blocked. Ask the Licentieregistratie or distributor why.",
      expired: "The licence has expired. The school must renew it or order again.",
      ok: "The whole chain is in order. The problem is probably in the learning platform or the sign-in: report it to the supplier of the learning material.",
    },
    header: (school: string, brin: string, product: string, today: string) => `Licence usage diagnosis, ${today}. School: ${school} (${brin}). Product: ${product}.`,
    who: (a: string) => `Action for: ${a}.`,
  },
} as const;

// The most favourable entitlement first; a status nobody knows may still be a working licence.
const RANK: Record<string, number> = { ok: 0, unknown: 1, not_activated: 2, activation_lapsed: 3, expired: 4, blocked: 5, cancelled: 6 };

/** "Kompas (De bron meldt een storing)": each registry with why its answer cannot be used. */
function failuresText(failing: readonly RegistryOutcome[], lang: Lang): string {
  return failing.map((r) => `${r.sourceName} (${(registryProblemText(r, lang) ?? r.status).replace(/\.$/, "")})`).join("; ");
}


export function diagnose(input: DiagnoseInput, lang: Lang): Diagnosis {
  const t = T[lang];
  const steps: StepResult[] = [];
  const stop = (actor: Actor, conclusion: string): Diagnosis => {
    const order: Step[] = ["enrolled", "consent", "entitlement", "licensed", "not_expired"];
    for (const s of order.slice(steps.length)) steps.push({ step: s, result: "not_checked", finding: t.notChecked });
    return { steps, actor, conclusion };
  };

  if (input.enrolled === "no") {
    steps.push({ step: "enrolled", result: "fail", finding: t.enrolledNo, actor: "school" });
    return stop("school", t.conclusion.enrolled);
  }
  if (input.enrolled === "status_unknown") {
    steps.push({ step: "enrolled", result: "unknown", finding: t.enrolledStatusUnknown, actor: "las" });
    return stop("las", t.conclusion.enrolledStatusUnknown);
  }
  if (input.enrolled !== "yes") {
    const unreadable = input.enrolled === "unreadable";
    steps.push({ step: "enrolled", result: "unknown", finding: unreadable ? t.enrolledUnreadable : t.enrolledUnknown, actor: "las" });
    return stop("las", unreadable ? t.conclusion.enrolledUnreadable : t.conclusion.enrolledUnknown);
  }
  steps.push({ step: "enrolled", result: "ok", finding: t.enrolledYes });

  // The entitlement, wherever it is: a registry that holds it evidently has consent.
  const own = input.registries.flatMap((r) => r.entitlements.filter((e) => e.productId === input.productId).map((e) => ({ e, r, m: meaningOf(e, input.today) })));
  own.sort((a, b) => RANK[a.m]! - RANK[b.m]!);
  const best = own[0];
  const registries = input.registries.filter((r) => !notAProvider(r));
  const missing = registries.filter((r) => r.status === "consent_missing");
  // Registries that did not answer about this person: nothing may be concluded from their silence.
  const failing = registries.filter((r) => !answered(r) && r.status !== "consent_missing");
  const names = failing.map((r) => r.sourceName).join(t.and);
  if (!best) {
    if (missing.length) {
      const findings = [...missing.map((r) => t.consentMissing(r.sourceName)), ...failing.map((r) => t.consentOther(r.sourceName))];
      steps.push({ step: "consent", result: "fail", finding: findings.join("; "), actor: "school" });
      return stop("school", t.conclusion.consent + (failing.length ? t.conclusion.alsoNoAnswer(failuresText(failing, lang)) : ""));
    }
    if (failing.length) {
      const without = registries.filter(answered).map((r) => r.sourceName).join(t.and);
      steps.push({ step: "consent", result: "unknown", finding: failing.map((r) => t.consentOther(r.sourceName)).join("; "), actor: "registry" });
      steps.push({ step: "entitlement", result: "unknown", finding: t.entitlementUnknown(names, without), actor: "registry" });
      return stop("registry", t.conclusion.noAnswer(failuresText(failing, lang), names));
    }
    steps.push({ step: "consent", result: "ok", finding: registries.map((r) => t.consentOk(r.sourceName)).join("; ") });
    steps.push({ step: "entitlement", result: "fail", finding: t.entitlementNo, actor: "school" });
    return stop("school", t.conclusion.entitlement);
  }
  steps.push({ step: "consent", result: "ok", finding: t.consentOk(best.r.sourceName) });
  steps.push({ step: "entitlement", result: "ok", finding: t.entitlementYes(best.r.sourceName, best.e.entitlementId ?? "?") });

  const e = best.e;
  const at = best.r.sourceName;
  if (best.m === "unknown") {
    steps.push({ step: "licensed", result: "unknown", finding: t.unknownStatus(at, e.entitlementStatus), actor: "registry" });
    return stop("registry", t.conclusion.unknownStatus(at));
  }
  if (best.m !== "ok" && failing.length) {
    // Not working here, but a registry that did not answer may hold a working licence: no conclusion from its silence.
    const said = best.m === "not_activated" || best.m === "activation_lapsed" ? t.status[best.m](e.activationUntilDate) : best.m === "expired" ? t.notExpiredNo(e.expirationDate) : t.status[best.m];
    const finding = said.replace(/^(nee|no): /, "");
    steps.push({ step: "licensed", result: "unknown", finding: t.partial(at, finding, names), actor: "registry" });
    return stop("registry", t.conclusion.partial(at, finding, failuresText(failing, lang), names));
  }
  switch (best.m) {
    case "not_activated":
      steps.push({ step: "licensed", result: "fail", finding: t.status.not_activated(e.activationUntilDate), actor: "school" });
      return stop("school", t.conclusion.not_activated);
    case "activation_lapsed":
      steps.push({ step: "licensed", result: "fail", finding: t.status.activation_lapsed(e.activationUntilDate), actor: "registry" });
      return stop("registry", t.conclusion.activation_lapsed);
    case "cancelled":
    case "blocked":
      steps.push({ step: "licensed", result: "fail", finding: t.status[best.m], actor: "registry" });
      return stop("registry", t.conclusion[best.m]);
    case "expired":
      steps.push({ step: "licensed", result: "ok", finding: t.status.ok });
      steps.push({ step: "not_expired", result: "fail", finding: t.notExpiredNo(e.expirationDate), actor: "school" });
      return stop("school", t.conclusion.expired);
    default:
      steps.push({ step: "licensed", result: "ok", finding: t.status.ok });
      steps.push({ step: "not_expired", result: "ok", finding: t.notExpiredOk(e.expirationDate) });
      return { steps, actor: "supplier", conclusion: t.conclusion.ok };
  }
}

/** The diagnosis as plain text for a ticket: no name, no identifier, no birth date. */
export function diagnosisText(d: Diagnosis, ctx: { schoolName: string; brin: string; product: string; today: string }, lang: Lang): string {
  const t = T[lang];
  return [
    t.header(ctx.schoolName, ctx.brin, ctx.product, ctx.today),
    ...d.steps.map((s, i) => `${i + 1}. ${t.step[s.step]}: ${s.finding}`),
    d.conclusion,
    t.who(t.actor[d.actor]),
  ].join("\n");
}

export function stepLabel(step: Step, lang: Lang): string {
  return T[lang].step[step];
}

export function actorLabel(actor: Actor, lang: Lang): string {
  return T[lang].actor[actor];
}
