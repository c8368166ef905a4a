import type { getTranslations } from "next-intl/server";
import { SOURCE_ERROR_KIND_NAMES, type SourceErrorKindName } from "@/lib/contracts/sources";
import { intlLocaleOf, type Locale } from "@/lib/i18n/locale";
import { sourceErrorText } from "@/lib/i18n/outcome-words";
import { LATENCY_OPEN_FROM_MS, type Counts, type HealthLastError } from "./health-view";

type T = Awaited<ReturnType<typeof getTranslations>>;
export type Fmt = { n: (v: number) => string; when: (ms: number) => string; t: T; lang: Locale };

export function formats(t: T, lang: Locale): Fmt {
  const locale = intlLocaleOf(lang);
  const number = new Intl.NumberFormat(locale);
  const date = new Intl.DateTimeFormat(locale, {
    timeZone: "Europe/Amsterdam",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  });
  return { n: (v) => number.format(v), when: (ms) => date.format(ms), t, lang };
}

export function latency(bound: number | undefined, f: Fmt): string {
  if (bound === undefined) return "–";
  if (bound === Infinity) return f.t("latencyOpen", { ms: f.n(LATENCY_OPEN_FROM_MS) });
  return f.t("latencyValue", { ms: f.n(bound) });
}

/** "200: 11 · 403: 1", largest first. */
export function inline(counts: Counts, f: Fmt): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.length ? entries.map(([k, v]) => `${k}: ${f.n(v)}`).join(" · ") : f.t("none");
}

const isErrorKind = (kind: string): kind is SourceErrorKindName => (SOURCE_ERROR_KIND_NAMES as readonly string[]).includes(kind);

export function lastErrorText(e: HealthLastError | null, f: Fmt): string {
  if (!e) return f.t("noError");
  const message = isErrorKind(e.kind) ? sourceErrorText(e.kind, f.lang) : f.t("kindUnknown", { kind: e.kind });
  return [e.httpStatus ? `HTTP ${e.httpStatus}` : null, e.code, message, f.when(e.at)].filter(Boolean).join(" · ");
}
