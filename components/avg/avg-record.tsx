import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { MomentText } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import type { AvgRecordAnswer } from "@/lib/contracts/access-log";
import { AvgAccessTable } from "./access-table";
import { PrintButton } from "./print-button";
import { AvgProviderTable } from "./provider-table";
import { AvgUnnamedTable } from "./unnamed-table";

type Props = {
  record: AvgRecordAnswer;
  /** The school's name, as the switcher shows it. */
  schoolName: string;
  /** Who opened the record (their e-mail): printed at its foot. */
  reader: string;
};

function Section({ id, title, intro, children }: { id: string; title: string; intro: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-2 break-inside-avoid-page">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <p className="max-w-3xl text-slate-700">{intro}</p>
      {children}
    </section>
  );
}

/**
 * A pupil's AVG record as a printable page (a parent's request for access, AVG art. 15): whose
 * record, the accesses that name the pupil, the lists that may have held them, the Providers and
 * their consent, and when and by whom it was drawn up. Rendered on the server; only the print
 * button runs in the browser.
 */
export function AvgRecord({ record, schoolName, reader }: Props) {
  const t = useTranslations("avgRecord");
  const { pupil } = record;
  return (
    <article className="space-y-6">
      <PageHeader title={t("title", { name: pupil.name })} description={t("intro")} actions={<PrintButton label={t("print")} />} />
      <dl className="grid max-w-xl grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-medium">{t("name")}</dt>
        <dd>{pupil.name}</dd>
        <dt className="font-medium">{t("identifier")}</dt>
        <dd className="font-mono text-sm">{pupil.maskedId}</dd>
        <dt className="font-medium">{t("school")}</dt>
        <dd>{schoolName}</dd>
        <dt className="font-medium">{t("readAt")}</dt>
        <dd>
          <MomentText value={record.readAt} />
        </dd>
      </dl>
      <Section id="avg-named" title={t("namedTitle")} intro={t("namedIntro")}>
        <AvgAccessTable accesses={record.accesses} truncated={record.truncated} limit={record.limit} />
      </Section>
      <Section id="avg-unnamed" title={t("unnamedTitle")} intro={t("unnamedIntro")}>
        <AvgUnnamedTable unnamed={record.unnamed} />
      </Section>
      <Section id="avg-providers" title={t("providersTitle")} intro={t("providersIntro")}>
        <AvgProviderTable providers={record.providers} />
      </Section>
      <p className="border-t border-slate-300 pt-3 text-sm text-slate-700">{t("footer", { reader })}</p>
    </article>
  );
}
