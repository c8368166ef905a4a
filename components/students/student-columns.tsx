import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { link } from "@/components/ui/classes";
import type { DataColumn } from "@/components/ui/data-column";
import { Day } from "@/components/ui/format";
import type { StudentRow } from "./queries";

/**
 * The list's columns: name (links to the student, always shown), family name, date of birth, e-mail,
 * masked identifier. `t`: the students messages (a server component's or the browser's).
 */
export function studentColumns(t: (key: string) => string): Array<DataColumn<StudentRow>> {
  return [
    {
      id: "name",
      header: t("colName"),
      sortable: true,
      hideable: false,
      className: "whitespace-nowrap",
      cell: (r) => (
        <Link href={`/leerlingen/${r.key}`} className={link}>
          {r.name}
        </Link>
      ),
    },
    {
      id: "familyName",
      header: t("colFamilyName"),
      sortable: true,
      className: "whitespace-nowrap",
      cell: (r) => [r.familyNamePrefix, r.familyName].filter(Boolean).join(" "),
    },
    {
      id: "dateOfBirth",
      header: t("colDateOfBirth"),
      sortable: true,
      className: "whitespace-nowrap tabular-nums",
      cell: (r) => (r.dateOfBirth ? <Day value={r.dateOfBirth} /> : "—"),
    },
    { id: "email", header: t("colEmail"), className: "whitespace-nowrap", cell: (r) => r.email ?? "—" },
    {
      id: "maskedId",
      header: t("colId"),
      className: "whitespace-nowrap",
      cell: (r) => <span className="font-mono text-xs">{r.maskedId}</span>,
    },
  ];
}

/** The columns in the browser, made once per language. */
export function useStudentColumns(): Array<DataColumn<StudentRow>> {
  const t = useTranslations("students");
  return useMemo(() => studentColumns(t), [t]);
}
