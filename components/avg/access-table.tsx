import { useTranslations } from "next-intl";
import { useAccessLogWords } from "@/components/access-log/words";
import type { DataColumn } from "@/components/ui/data-column";
import { MomentText } from "@/components/ui/format";
import { Notice } from "@/components/ui/notice";
import { SimpleTable } from "@/components/ui/simple-table";
import type { AvgAccess } from "@/lib/contracts/access-log";

type Props = { accesses: readonly AvgAccess[]; truncated: boolean; limit: number };

/** The accesses the access log names this pupil in, newest first: when, who (with their roles), what, and whether it was served. */
export function AvgAccessTable({ accesses, truncated, limit }: Props) {
  const t = useTranslations("avgRecord");
  const words = useAccessLogWords();
  const columns: Array<DataColumn<AvgAccess>> = [
    { id: "at", header: t("colAt"), className: "tabular-nums whitespace-nowrap", cell: (r) => <MomentText value={r.at} seconds /> },
    { id: "actor", header: t("colActor"), cell: (r) => r.actor },
    { id: "roles", header: t("colRoles"), cell: (r) => r.actorRoles },
    { id: "what", header: t("colWhat"), cell: (r) => `${words.kind(r.dataKind)} · ${words.action(r.action)}` },
    { id: "outcome", header: t("colOutcome"), cell: (r) => words.outcome(r.outcome) },
  ];
  return (
    <div className="space-y-2">
      {truncated ? (
        <Notice tone="warning" role={null}>
          {t("truncated", { limit })}
        </Notice>
      ) : null}
      <SimpleTable
        columns={columns}
        rows={accesses}
        rowKey={(r, i) => `${r.at} ${i}`}
        caption={t("namedCaption")}
        rowAttributes={(r) => ({ "data-kind": r.dataKind, "data-action": r.action })}
        empty={<p>{t("namedNone")}</p>}
      />
    </div>
  );
}
