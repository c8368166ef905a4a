import { useTranslations } from "next-intl";
import type { DataColumn } from "@/components/ui/data-column";
import { MomentText, useFormats } from "@/components/ui/format";
import { SimpleTable } from "@/components/ui/simple-table";
import type { AccessLogEntry } from "@/lib/contracts/access-log";
import { useAccessLogWords } from "./words";

type Props = {
  rows: readonly AccessLogEntry[];
  /** The schools' names by id (a school not named shows its id). */
  schoolNames: Readonly<Record<string, string>>;
  /** Whether filters are in force: the empty list says so. */
  filtered: boolean;
};

/** The access log's rows, newest first as the store gave them; a refused attempt stands out. Rendered on the server. */
export function AccessLogTable({ rows, schoolNames, filtered }: Props) {
  const t = useTranslations("accessLog");
  const words = useAccessLogWords();
  const f = useFormats();
  const columns: Array<DataColumn<AccessLogEntry>> = [
    // The moment on the school's clock, to the second (the stored moment itself in the cell's `<time dateTime>`).
    { id: "at", header: t("colAt"), className: "tabular-nums whitespace-nowrap", cell: (r) => <MomentText value={r.at} seconds /> },
    { id: "actor", header: t("colActor"), cell: (r) => r.actor },
    { id: "roles", header: t("colRoles"), cell: (r) => r.actorRoles },
    { id: "school", header: t("colSchool"), cell: (r) => schoolNames[r.schoolId] ?? r.schoolId },
    { id: "kind", header: t("colKind"), cell: (r) => words.kind(r.dataKind) },
    { id: "action", header: t("colAction"), cell: (r) => words.action(r.action) },
    { id: "count", header: t("colCount"), className: "tabular-nums", cell: (r) => f.number(r.personCount) },
    {
      id: "outcome",
      header: t("colOutcome"),
      cell: (r) =>
        r.outcome === "refused" ? <span className="font-semibold text-red-900">{words.outcome(r.outcome)}</span> : words.outcome(r.outcome),
    },
  ];
  return (
    <SimpleTable
      columns={columns}
      rows={rows}
      rowKey={(r) => String(r.id)}
      caption={t("caption")}
      rowAttributes={(r) => ({ "data-outcome": r.outcome })}
      empty={<p>{filtered ? t("noneFiltered") : t("none")}</p>}
    />
  );
}
