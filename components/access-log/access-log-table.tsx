import Link from "next/link";
import { useTranslations } from "next-intl";
import type { DataColumn } from "@/components/ui/data-column";
import { MomentText, useFormats } from "@/components/ui/format";
import { link } from "@/components/ui/classes";
import { SimpleTable } from "@/components/ui/simple-table";
import type { AccessLogEntry } from "@/lib/contracts/access-log";
import { useAccessLogWords } from "./words";

type Props = {
  rows: readonly AccessLogEntry[];
  /** The schools' names by id (a school not named shows its id). */
  schoolNames: Readonly<Record<string, string>>;
  /** Whether filters are in force: the empty list says so. */
  filtered: boolean;
  /** The school whose pupils' AVG records the reader may open (students.avg): its rows naming a pupil link to the record. */
  avgSchoolId?: string;
};

/** The kinds whose named rows name a pupil by the hash of their primary identifier (their page, a reveal, the AVG record's opening). */
const PUPIL_KINDS: ReadonlySet<string> = new Set(["students", "accesslog"]);

/**
 * The opaque key of the pupil a row names, when it names one by their primary identifier: a pupil's
 * key is the first 32 characters of that same keyed hash (lib/sources/reading/identity.ts studentKey).
 * Not for usage rows: a lookup may name an employee, or a pupil by a typed identifier of another kind.
 */
export function pupilKeyOf(row: Pick<AccessLogEntry, "dataKind" | "personHash" | "outcome">): string | undefined {
  return row.outcome === "served" && row.personHash && PUPIL_KINDS.has(row.dataKind) ? row.personHash.slice(0, 32) : undefined;
}

/** The access log's rows, newest first as the store gave them; a refused attempt stands out. Rendered on the server. */
export function AccessLogTable({ rows, schoolNames, filtered, avgSchoolId }: Props) {
  const t = useTranslations("accessLog");
  const tAvg = useTranslations("avgRecord");
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
  if (avgSchoolId)
    columns.push({
      id: "avg",
      header: tAvg("logColumn"),
      cell: (r) => {
        const key = r.schoolId === avgSchoolId ? pupilKeyOf(r) : undefined;
        return key ? (
          <Link href={`/avg/${key}`} className={link}>
            {tAvg("logLink")}
          </Link>
        ) : null;
      },
    });
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
