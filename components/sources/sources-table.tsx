import { useTranslations } from "next-intl";
import type { DataColumn } from "@/components/ui/data-column";
import { useFormats } from "@/components/ui/format";
import { SimpleTable } from "@/components/ui/simple-table";
import type { SourceStatus } from "@/lib/contracts/sources";
import { LastCallText } from "./last-call";
import { TokenStatus } from "./token-status";

/** The navigation's name of the data each Edu-V API serves. */
const DATA_NAME = {
  students: "students",
  enrollments: "enrollments",
  assignments: "employees",
  usage: "usage",
  consent: "consent",
} as const satisfies Record<SourceStatus["apis"][number], string>;

/** The Sources serving the viewer's schools: what they are and serve, whether a token can be had, and the last call. Rendered on the server. */
export function SourcesTable({ sources }: { sources: readonly SourceStatus[] }) {
  const t = useTranslations("sources");
  const tNav = useTranslations("nav");
  const f = useFormats();
  const columns: Array<DataColumn<SourceStatus>> = [
    { id: "source", header: t("colSource"), rowHeader: true, className: "font-medium", cell: (s) => s.name },
    { id: "kind", header: t("colKind"), cell: (s) => t(`kind.${s.kind}`) },
    { id: "data", header: t("colData"), cell: (s) => s.apis.map((a) => tNav(DATA_NAME[a])).join(", ") },
    { id: "schools", header: t("colSchools"), cell: (s) => s.schools.map((school) => school.name).join(", ") },
    { id: "token", header: t("colToken"), cell: (s) => <TokenStatus token={s.token} /> },
    { id: "tokenTime", header: t("colTokenTime"), className: "tabular-nums", cell: (s) => `${f.number(s.token.latencyMs)} ms` },
    { id: "lastCall", header: t("colLastCall"), cell: (s) => <LastCallText lastCall={s.lastCall} /> },
  ];
  return (
    <SimpleTable
      columns={columns}
      rows={sources}
      rowKey={(s) => s.id}
      caption={t("caption")}
      rowClassName="align-top"
      rowAttributes={(s) => ({ "data-source": s.id })}
    />
  );
}
