import { combinedState, type EnrollmentState } from "@/lib/sources/reading/enrollment-status";
import type { Actor, Step } from "@/lib/contracts/usage";
import { answered, meaningOf, notAProvider, type RegistryOutcome } from "./usage";

/**
 * "Why can't this pupil open their material?": the chain from enrolment to a working licence,
 * checked link by link. The first broken link says who must act. The text for a ticket carries no
 * personal data: school, product, Source, dates and the licence's own reference only.
 */
export type { Actor, Step } from "@/lib/contracts/usage";

/** A registry that gave no usable answer, with what the words name of why (status, code, next try, unreadable fields). */
export type NoAnswer = Pick<RegistryOutcome, "sourceName" | "status" | "statusCode" | "retryAt" | "unreadableFields">;

/** Why a licence does not work, with the date it names when the registry gave one. */
export type LicenceProblem =
  { code: "not_activated" | "activation_lapsed"; until?: string } | { code: "cancelled" | "blocked" } | { code: "expired"; on?: string };

/** What a step found: a code (diagnosis.finding.* in lib/i18n/messages) and what its words name. */
export type Finding =
  | {
      code:
        | "enrolledYes"
        | "enrolledNo"
        | "enrolledUnknown"
        | "enrolledUnreadable"
        | "enrolledStatusUnknown"
        | "enrolledHeldForReview"
        | "entitlementNo"
        | "yes"
        | "notChecked";
    }
  | { code: "consent"; at: Array<{ source: string; state: "ok" | "missing" | "other" }> }
  | { code: "entitlementYes"; source: string; reference: string }
  | { code: "entitlementUnknown"; failing: string[]; without: string[] }
  | { code: "unknownStatus"; source: string; status?: string }
  | { code: "no"; problem: LicenceProblem }
  | { code: "partial"; source: string; problem: LicenceProblem; failing: string[] }
  | { code: "validUntil"; date?: string };

/** What follows and who must act: a code (diagnosis.conclusion.*) and what its words name. */
export type Conclusion =
  | {
      code:
        | "enrolled"
        | "enrolledUnknown"
        | "enrolledUnreadable"
        | "enrolledStatusUnknown"
        | "enrolledHeldForReview"
        | "entitlement"
        | "not_activated"
        | "activation_lapsed"
        | "cancelled"
        | "blocked"
        | "expired"
        | "ok";
    }
  | { code: "consent" | "noAnswer"; failing: NoAnswer[] }
  | { code: "unknownStatus"; source: string }
  | { code: "partial"; source: string; problem: LicenceProblem; failing: NoAnswer[] };

export type StepResult = { step: Step; result: "ok" | "fail" | "unknown" | "not_checked"; finding: Finding; actor?: Actor };
export type Diagnosis = { steps: StepResult[]; actor: Actor; conclusion: Conclusion };
/** A diagnosis in the reader's language, as the BFF answers it. */
export type DiagnosisWords = { steps: Array<Omit<StepResult, "finding"> & { finding: string }>; actor: Actor; conclusion: string };

export type DiagnoseInput = {
  /**
   * From the LAS: enrolled now, not enrolled, the LAS could not tell, or no current enrolment found
   * while the LAS sent enrollment records that could not be read (this pupil's may be among them),
   * or none current while one of the pupil's enrollments has a status nobody knows (`status_unknown`:
   * it may be the one that still holds, so nothing is concluded from it; seed 004:124-133, ERRATA 7),
   * or none current while a mass change of the school's LAS lists waits for review (`held_for_review`:
   * the pupil's enrollment may be one the LAS's last answer lost; lib/features/mass-change/guard.ts).
   */
  enrolled: Enrolled;
  registries: readonly RegistryOutcome[];
  productId: string;
  today: string;
};

export type Enrolled = "yes" | "no" | "unknown" | "unreadable" | "status_unknown" | "held_for_review";

/**
 * The enrolment link from the pupil's enrollments (their states on the reference date, by the one
 * rule of enrollment-status.ts) and how many records the LAS sent that could not be read: current
 * when any holds; else unknown status when any has a status nobody knows; else, when records were
 * left out, unreadable (this pupil's may be among them); else, while a mass change of the school's
 * LAS lists waits for review (`heldForReview`: the enrollments list's flags, `pendingIn`), held for
 * review; else not enrolled.
 */
export function enrolledFrom(states: Iterable<EnrollmentState>, leftOutRecords: number, opts: { heldForReview?: boolean } = {}): Enrolled {
  const state = combinedState(states);
  if (state === "current") return "yes";
  if (state === "unknown") return "status_unknown";
  if (opts.heldForReview) return "held_for_review";
  return leftOutRecords > 0 ? "unreadable" : "no";
}

// The most favourable entitlement first; a status nobody knows may still be a working licence.
const RANK: Record<string, number> = { ok: 0, unknown: 1, not_activated: 2, activation_lapsed: 3, expired: 4, blocked: 5, cancelled: 6 };

const noAnswers = (failing: readonly RegistryOutcome[]): NoAnswer[] =>
  failing.map(({ sourceName, status, statusCode, retryAt, unreadableFields }) => ({
    sourceName,
    status,
    statusCode,
    retryAt,
    unreadableFields,
  }));

/** The chain checked link by link, as codes: `renderDiagnosis` words it. */
export function diagnose(input: DiagnoseInput): Diagnosis {
  const steps: StepResult[] = [];
  const stop = (actor: Actor, conclusion: Conclusion): Diagnosis => {
    const order: Step[] = ["enrolled", "consent", "entitlement", "licensed", "not_expired"];
    for (const s of order.slice(steps.length)) steps.push({ step: s, result: "not_checked", finding: { code: "notChecked" } });
    return { steps, actor, conclusion };
  };

  if (input.enrolled === "no") {
    steps.push({ step: "enrolled", result: "fail", finding: { code: "enrolledNo" }, actor: "school" });
    return stop("school", { code: "enrolled" });
  }
  if (input.enrolled === "status_unknown") {
    steps.push({ step: "enrolled", result: "unknown", finding: { code: "enrolledStatusUnknown" }, actor: "las" });
    return stop("las", { code: "enrolledStatusUnknown" });
  }
  // A school administrator reviews the LAS's changed answer (and accepts it, or has the LAS fixed).
  if (input.enrolled === "held_for_review") {
    steps.push({ step: "enrolled", result: "unknown", finding: { code: "enrolledHeldForReview" }, actor: "school" });
    return stop("school", { code: "enrolledHeldForReview" });
  }
  if (input.enrolled !== "yes") {
    const unreadable = input.enrolled === "unreadable";
    steps.push({
      step: "enrolled",
      result: "unknown",
      finding: { code: unreadable ? "enrolledUnreadable" : "enrolledUnknown" },
      actor: "las",
    });
    return stop("las", { code: unreadable ? "enrolledUnreadable" : "enrolledUnknown" });
  }
  steps.push({ step: "enrolled", result: "ok", finding: { code: "enrolledYes" } });

  // The entitlement, wherever it is: a registry that holds it evidently has consent.
  const own = input.registries.flatMap((r) =>
    r.entitlements.filter((e) => e.productId === input.productId).map((e) => ({ e, r, m: meaningOf(e, input.today) })),
  );
  own.sort((a, b) => RANK[a.m]! - RANK[b.m]!);
  const best = own[0];
  const registries = input.registries.filter((r) => !notAProvider(r));
  const missing = registries.filter((r) => r.status === "consent_missing");
  // Registries that did not answer about this person: nothing may be concluded from their silence.
  const failing = registries.filter((r) => !answered(r) && r.status !== "consent_missing");
  const names = failing.map((r) => r.sourceName);
  if (!best) {
    if (missing.length) {
      const at = [
        ...missing.map((r) => ({ source: r.sourceName, state: "missing" as const })),
        ...failing.map((r) => ({ source: r.sourceName, state: "other" as const })),
      ];
      steps.push({ step: "consent", result: "fail", finding: { code: "consent", at }, actor: "school" });
      return stop("school", { code: "consent", failing: noAnswers(failing) });
    }
    if (failing.length) {
      const without = registries.filter(answered).map((r) => r.sourceName);
      steps.push({
        step: "consent",
        result: "unknown",
        finding: { code: "consent", at: failing.map((r) => ({ source: r.sourceName, state: "other" })) },
        actor: "registry",
      });
      steps.push({
        step: "entitlement",
        result: "unknown",
        finding: { code: "entitlementUnknown", failing: names, without },
        actor: "registry",
      });
      return stop("registry", { code: "noAnswer", failing: noAnswers(failing) });
    }
    steps.push({
      step: "consent",
      result: "ok",
      finding: { code: "consent", at: registries.map((r) => ({ source: r.sourceName, state: "ok" })) },
    });
    steps.push({ step: "entitlement", result: "fail", finding: { code: "entitlementNo" }, actor: "school" });
    return stop("school", { code: "entitlement" });
  }
  steps.push({ step: "consent", result: "ok", finding: { code: "consent", at: [{ source: best.r.sourceName, state: "ok" }] } });
  steps.push({
    step: "entitlement",
    result: "ok",
    finding: { code: "entitlementYes", source: best.r.sourceName, reference: best.e.entitlementId ?? "?" },
  });

  const e = best.e;
  const at = best.r.sourceName;
  if (best.m === "unknown") {
    steps.push({
      step: "licensed",
      result: "unknown",
      finding: { code: "unknownStatus", source: at, status: e.entitlementStatus },
      actor: "registry",
    });
    return stop("registry", { code: "unknownStatus", source: at });
  }
  if (best.m !== "ok" && failing.length) {
    // Not working here, but a registry that did not answer may hold a working licence: no conclusion from its silence.
    const problem: LicenceProblem =
      best.m === "not_activated" || best.m === "activation_lapsed"
        ? { code: best.m, until: e.activationUntilDate }
        : best.m === "expired"
          ? { code: "expired", on: e.expirationDate }
          : { code: best.m };
    steps.push({
      step: "licensed",
      result: "unknown",
      finding: { code: "partial", source: at, problem, failing: names },
      actor: "registry",
    });
    return stop("registry", { code: "partial", source: at, problem, failing: noAnswers(failing) });
  }
  switch (best.m) {
    case "not_activated":
      steps.push({
        step: "licensed",
        result: "fail",
        finding: { code: "no", problem: { code: "not_activated", until: e.activationUntilDate } },
        actor: "school",
      });
      return stop("school", { code: "not_activated" });
    case "activation_lapsed":
      steps.push({
        step: "licensed",
        result: "fail",
        finding: { code: "no", problem: { code: "activation_lapsed", until: e.activationUntilDate } },
        actor: "registry",
      });
      return stop("registry", { code: "activation_lapsed" });
    case "cancelled":
    case "blocked":
      steps.push({ step: "licensed", result: "fail", finding: { code: "no", problem: { code: best.m } }, actor: "registry" });
      return stop("registry", { code: best.m });
    case "expired":
      steps.push({ step: "licensed", result: "ok", finding: { code: "yes" } });
      steps.push({
        step: "not_expired",
        result: "fail",
        finding: { code: "no", problem: { code: "expired", on: e.expirationDate } },
        actor: "school",
      });
      return stop("school", { code: "expired" });
    default:
      steps.push({ step: "licensed", result: "ok", finding: { code: "yes" } });
      steps.push({ step: "not_expired", result: "ok", finding: { code: "validUntil", date: e.expirationDate } });
      return { steps, actor: "supplier", conclusion: { code: "ok" } };
  }
}
