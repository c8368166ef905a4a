import type { getTranslations } from "next-intl/server";
import {
  LATENCY_OPEN_FROM_MS,
  SOURCE_ERROR_KIND_NAMES,
  type HealthCounts,
  type HealthLastError,
  type SourceErrorKindName,
} from "@/lib/contracts/sources";
import { formatsFor } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";
import { sourceErrorText } from "@/lib/i18n/outcome-words";

type T = Awaited<ReturnType<typeof getTranslations>>;
export type Fmt = { n: (v: number) => string; when: (ms: number) => string; t: T; lang: Locale };

/** The kit's formats (lib/i18n/format.ts): numbers grouped, moments as day and time on the school's clock. */
export function formats(t: T, lang: Locale): Fmt {
  const f = formatsFor(lang);
  return { n: f.number, when: (ms) => f.dateTime(ms), t, lang };
}

export function latency(bound: number | undefined, f: Fmt): string {
  if (bound === undefined) return "–";
  if (bound === Infinity) return f.t("latencyOpen", { ms: LATENCY_OPEN_FROM_MS });
  return f.t("latencyValue", { ms: bound });
}

/** "200: 11 · 403: 1", largest first. */
export function inline(counts: HealthCounts, f: Fmt): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.length ? entries.map(([k, v]) => `${k}: ${f.n(v)}`).join(" · ") : f.t("none");
}

const isErrorKind = (kind: string): kind is SourceErrorKindName => (SOURCE_ERROR_KIND_NAMES as readonly string[]).includes(kind);

export function lastErrorText(e: HealthLastError | null, f: Fmt): string {
  if (!e) return f.t("noError");
  const message = isErrorKind(e.kind) ? sourceErrorText(e.kind, f.lang) : f.t("kindUnknown", { kind: e.kind });
  return [e.httpStatus ? `HTTP ${e.httpStatus}` : null, e.code, message, f.when(e.at)].filter(Boolean).join(" · ");
}
