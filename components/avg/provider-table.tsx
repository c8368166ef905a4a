import { useTranslations } from "next-intl";
import type { DataColumn } from "@/components/ui/data-column";
import { useFormats } from "@/components/ui/format";
import { SimpleTable } from "@/components/ui/simple-table";
import type { AvgProvider } from "@/lib/contracts/access-log";

/**
 * The Providers serving the school, per consent API: which data (the scopes in words, the scope
 * itself beside them), under which consent since when, and how often they were asked about this pupil.
 */
export function AvgProviderTable({ providers }: { providers: readonly AvgProvider[] }) {
  const t = useTranslations("avgRecord");
  const tConsent = useTranslations("consent");
  const f = useFormats();
  const scopeWords = (scope: string) => {
    const key = `scope.${scope.replaceAll(".", "_")}`;
    return tConsent.has(key) ? `${tConsent(key as "scope.eduv_association")} (${scope})` : scope;
  };
  const apiWords = (api: string) => (tConsent.has(`apiName.${api}`) ? tConsent(`apiName.${api}` as "apiName.usage-api") : api);
  const columns: Array<DataColumn<AvgProvider>> = [
    { id: "provider", header: t("colProvider"), rowHeader: true, cell: (r) => r.providerName },
    { id: "api", header: t("colApi"), cell: (r) => apiWords(r.api) },
    {
      id: "scopes",
      header: t("colScopes"),
      cell: (r) => (
        <ul className="list-none space-y-0.5">
          {r.scopes.map((s) => (
            <li key={s}>{scopeWords(s)}</li>
          ))}
        </ul>
      ),
    },
    {
      id: "state",
      header: t("colState"),
      cell: (r) =>
        r.since ? (
          <>
            {t(`state.${r.state}`)}{" "}
            <span className="whitespace-nowrap">
              ({t("since")} <time dateTime={r.since}>{f.date(r.since)}</time>)
            </span>
          </>
        ) : (
          t(`state.${r.state}`)
        ),
      cellAttributes: (r) => ({ "data-state": r.state }),
    },
    {
      id: "asked",
      header: t("colAsked"),
      cell: (r) => (r.askedAboutPupil === null ? t("askedWholeSchool") : t("askedTimes", { count: r.askedAboutPupil })),
    },
  ];
  return (
    <SimpleTable
      columns={columns}
      rows={providers}
      rowKey={(r) => `${r.providerId} ${r.api}`}
      caption={t("providersCaption")}
      rowAttributes={(r) => ({ "data-provider": r.providerId, "data-api": r.api })}
      empty={<p>{t("providersNone")}</p>}
    />
  );
}
