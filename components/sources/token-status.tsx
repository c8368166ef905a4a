import { useLocale, useTranslations } from "next-intl";
import type { TokenProbe } from "@/lib/contracts/sources";
import { localeOf } from "@/lib/i18n/locale";
import { sourceErrorText } from "@/lib/i18n/outcome-words";

/** Whether a token could be had just now: its scopes and how long it holds, or why not in words. Rendered on the server. */
export function TokenStatus({ token }: { token: TokenProbe }) {
  const t = useTranslations("sources");
  const lang = localeOf(useLocale());
  if (token.ok) {
    return (
      <span className="text-green-800">
        <span aria-hidden="true">✓ </span>
        {t("tokenOk")}
        <span className="block text-xs text-slate-700">
          {token.scopes.join(", ")} · {t("validFor", { seconds: token.expiresInSeconds })}
        </span>
      </span>
    );
  }
  return (
    <span className="text-red-800">
      <span aria-hidden="true">✗ </span>
      {t("noToken")}:{" "}
      {token.errorKind === "internal" ? t("tokenUnexpected") : sourceErrorText(token.errorKind, lang, undefined, token.statusCode)}
    </span>
  );
}
