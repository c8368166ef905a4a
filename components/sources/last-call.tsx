import { useLocale, useTranslations } from "next-intl";
import type { LastCall } from "@/lib/contracts/sources";
import { MomentText, useFormats } from "@/components/ui/format";
import { localeOf } from "@/lib/i18n/locale";
import { sourceErrorText } from "@/lib/i18n/outcome-words";

/** The last call to the Source from this process: when (the school's clock), how long, whether it worked, and the last error. Rendered on the server. */
export function LastCallText({ lastCall }: { lastCall: LastCall | null }) {
  const t = useTranslations("sources");
  const lang = localeOf(useLocale());
  const f = useFormats();
  if (!lastCall) return <span className="text-slate-700">{t("notCalled")}</span>;
  return (
    <span>
      <MomentText value={lastCall.lastCallAt} show="time" seconds /> · {f.number(lastCall.lastLatencyMs)} ms ·{" "}
      {lastCall.lastOk ? t("succeeded") : t("failed")}
      {lastCall.lastError ? (
        <span className="block text-xs text-red-800">
          {t("lastError", { time: f.time(lastCall.lastError.at, { seconds: true }) })}: {sourceErrorText(lastCall.lastError.kind, lang)}
        </span>
      ) : null}
    </span>
  );
}
