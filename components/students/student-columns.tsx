"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { link } from "@/components/ui/classes";
import type { DataColumn } from "@/components/ui/data-column";
import { Day } from "@/components/ui/format";
import type { StudentRow, StudentSort } from "./queries";

/** The columns the server can sort by; their ids are the `sort` values of the URL and of POST /api/students. */
export const STUDENT_SORTS = ["familyName", "name", "dateOfBirth"] as const satisfies readonly StudentSort[];

/** The list's columns: name (links to the student, always shown), family name, date of birth, e-mail, masked identifier. */
export function useStudentColumns(): Array<DataColumn<StudentRow>> {
  const t = useTranslations("students");
  return useMemo(
    () => [
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
    ],
    [t],
  );
}
