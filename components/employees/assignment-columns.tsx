"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { link } from "@/components/ui/classes";
import type { DataColumn } from "@/components/ui/data-column";
import { Day } from "@/components/ui/format";
import { useTypeLabel } from "./kinds";
import type { AssignmentRow } from "./queries";

/** The assignments' columns; a coach's pupil links to the pupil's page when the school's list names them. */
export function useAssignmentColumns(): Array<DataColumn<AssignmentRow>> {
  const t = useTranslations("employees");
  const tList = useTranslations("students");
  const typeLabel = useTypeLabel();
  return useMemo(
    () => [
      { id: "type", header: t("colType"), cell: (r) => typeLabel(r.type) },
      { id: "group", header: t("colGroup"), className: "font-mono text-xs", cell: (r) => r.group ?? "—" },
      { id: "subject", header: t("colSubject"), className: "font-mono text-xs", cell: (r) => r.subject ?? "—" },
      {
        id: "student",
        header: t("colStudent"),
        cell: (r) =>
          r.studentKey ? (
            r.studentName ? (
              <Link href={`/leerlingen/${r.studentKey}`} className={link}>
                {r.studentName}
              </Link>
            ) : (
              t("studentUnknown")
            )
          ) : (
            "—"
          ),
      },
      { id: "schoolPeriod", header: tList("filterPeriod"), cell: (r) => r.schoolPeriod },
      { id: "beginDate", header: t("colBegin"), className: "tabular-nums", cell: (r) => <Day value={r.beginDate} /> },
      { id: "endDate", header: t("colEnd"), className: "tabular-nums", cell: (r) => (r.endDate ? <Day value={r.endDate} /> : "—") },
      { id: "status", header: t("colStatus"), cell: (r) => r.status },
    ],
    [t, tList, typeLabel],
  );
}
