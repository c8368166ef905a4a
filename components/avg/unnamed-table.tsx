import { useTranslations } from "next-intl";
import { useAccessLogWords } from "@/components/access-log/words";
import type { DataColumn } from "@/components/ui/data-column";
import { useFormats } from "@/components/ui/format";
import { SimpleTable } from "@/components/ui/simple-table";
import type { AvgUnnamed } from "@/lib/contracts/access-log";

/**
 * The school's lists, exports and scans that may have included this pupil: the log counts the
 * persons in each, it never named them, so this says how many there were, not whether the pupil was in one.
 */
export function AvgUnnamedTable({ unnamed }: { unnamed: readonly AvgUnnamed[] }) {
  const t = useTranslations("avgRecord");
  const words = useAccessLogWords();
  const f = useFormats();
  const total = unnamed.reduce((sum, u) => sum + u.count, 0);
  const columns: Array<DataColumn<AvgUnnamed>> = [
    { id: "what", header: t("colWhat"), rowHeader: true, cell: (r) => `${words.kind(r.dataKind)} · ${words.action(r.action)}` },
    { id: "count", header: t("colCount"), className: "tabular-nums", cell: (r) => f.number(r.count) },
    { id: "since", header: t("colSince"), cell: (r) => <time dateTime={r.since}>{f.date(r.since)}</time> },
  ];
  return (
    <div className="space-y-2">
      <p className="font-medium" data-testid="avg-unnamed-total">
        {t("unnamedTotal", { count: total })}
      </p>
      <SimpleTable
        columns={columns}
        rows={unnamed}
        rowKey={(r) => `${r.dataKind} ${r.action}`}
        caption={t("unnamedCaption")}
        empty={null}
      />
    </div>
  );
}
