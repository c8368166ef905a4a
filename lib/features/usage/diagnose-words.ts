import { formatsFor } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";
import { registryProblemText } from "@/lib/i18n/outcome-words";
import { wordsFor } from "@/lib/i18n/server-words";
import type { Actor, Step } from "@/lib/contracts/usage";
import type { Conclusion, Diagnosis, DiagnosisWords, Finding, LicenceProblem, NoAnswer } from "./diagnose";

// The diagnosis (diagnose.ts) in words: its codes and values rendered in the reader's language,
// the Sources' days (yyyy-mm-dd) as the reader writes a date (lib/i18n/format.ts).

/** The words of findings and conclusions in one language (diagnosis.* in lib/i18n/messages). */
function diagnosisWords(locale: Locale) {
  const t = wordsFor(locale);
  const { day } = formatsFor(locale);
  const names = (list: readonly string[]) => list.join(t("diagnosis.and"));
  /** "Kompas (De bron meldt een storing)": each registry with why its answer cannot be used. */
  const failures = (failing: readonly NoAnswer[]) =>
    failing.map((r) => `${r.sourceName} (${(registryProblemText(r, locale) ?? r.status).replace(/\.$/, "")})`).join("; ");
  const problem = (p: LicenceProblem): string => {
    switch (p.code) {
      case "not_activated":
      case "activation_lapsed":
        return p.until ? t(`diagnosis.reason.${p.code}Until`, { until: day(p.until) }) : t(`diagnosis.reason.${p.code}`);
      case "expired":
        return p.on ? t("diagnosis.reason.expiredOn", { date: day(p.on) }) : t("diagnosis.reason.expired");
      default:
        return t(`diagnosis.reason.${p.code}`);
    }
  };
  const CONSENT = { ok: "consentOk", missing: "consentMissing", other: "consentOther" } as const;
  const finding = (f: Finding): string => {
    switch (f.code) {
      case "consent":
        return f.at.map((a) => t(`diagnosis.finding.${CONSENT[a.state]}`, { source: a.source })).join("; ");
      case "entitlementYes":
        return t("diagnosis.finding.entitlementYes", { source: f.source, reference: f.reference });
      case "entitlementUnknown": {
        const without = names(f.without);
        return without
          ? t("diagnosis.finding.entitlementUnknownWithout", { failing: names(f.failing), without })
          : t("diagnosis.finding.entitlementUnknown", { failing: names(f.failing) });
      }
      case "unknownStatus":
        return f.status
          ? t("diagnosis.finding.unknownStatus", { source: f.source, status: f.status })
          : t("diagnosis.finding.noStatus", { source: f.source });
      case "no":
        return t("diagnosis.finding.no", { reason: problem(f.problem) });
      case "partial":
        return t("diagnosis.finding.partial", { source: f.source, finding: problem(f.problem), failing: names(f.failing) });
      case "validUntil":
        return f.date ? t("diagnosis.finding.validUntil", { date: day(f.date) }) : t("diagnosis.finding.yes");
      case "enrolledHeldForReview":
        return t("massChange.diagnosis.finding");
      default:
        return t(`diagnosis.finding.${f.code}`);
    }
  };
  const conclusion = (c: Conclusion): string => {
    switch (c.code) {
      case "consent":
        return c.failing.length
          ? t("diagnosis.conclusion.consentAndNoAnswer", { failures: failures(c.failing) })
          : t("diagnosis.conclusion.consent");
      case "noAnswer":
        return t("diagnosis.conclusion.noAnswer", { failures: failures(c.failing), names: names(c.failing.map((r) => r.sourceName)) });
      case "unknownStatus":
        return t("diagnosis.conclusion.unknownStatus", { source: c.source });
      case "enrolledHeldForReview":
        return t("massChange.diagnosis.conclusion");
      case "partial":
        return t("diagnosis.conclusion.partial", {
          source: c.source,
          finding: problem(c.problem),
          failures: failures(c.failing),
          names: names(c.failing.map((r) => r.sourceName)),
        });
      default:
        return t(`diagnosis.conclusion.${c.code}`);
    }
  };
  return { finding, conclusion };
}

/** The diagnosis in the reader's language: every finding and the conclusion in words. */
export function renderDiagnosis(d: Diagnosis, locale: Locale): DiagnosisWords {
  const words = diagnosisWords(locale);
  return {
    steps: d.steps.map((s) => ({ ...s, finding: words.finding(s.finding) })),
    actor: d.actor,
    conclusion: words.conclusion(d.conclusion),
  };
}

/** The diagnosis as plain text for a ticket: no name, no identifier, no birth date. */
export function diagnosisText(
  d: DiagnosisWords,
  ctx: { schoolName: string; brin: string; product: string; today: string },
  locale: Locale,
): string {
  const t = wordsFor(locale);
  const today = formatsFor(locale).day(ctx.today);
  return [
    t("diagnosis.header", { school: ctx.schoolName, brin: ctx.brin, product: ctx.product, today }),
    ...d.steps.map((s, i) => `${i + 1}. ${stepLabel(s.step, locale)}: ${s.finding}`),
    d.conclusion,
    t("diagnosis.who", { actor: actorLabel(d.actor, locale) }),
  ].join("\n");
}

export function stepLabel(step: Step, locale: Locale): string {
  return wordsFor(locale)(`diagnosis.step.${step}`);
}

export function actorLabel(actor: Actor, locale: Locale): string {
  return wordsFor(locale)(`diagnosis.actor.${actor}`);
}
