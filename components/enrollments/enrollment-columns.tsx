"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { link } from "@/components/ui/classes";
import type { DataColumn } from "@/components/ui/data-column";
import { EnrolledNowCell, statusWord, type EnrolledNow } from "./status-words";

export type EnrollmentRow = { id: string; studentKey: string; studentName?: string; type: string; offering: string; studyYear?: number; schoolPeriod: string; beginDate: string; endDate?: string; status: string; enrolledNow: EnrolledNow };

/** The list's columns, in the order the CSV has them; the last says whether the enrollment holds on `today` (the school's date). */
export function useEnrollmentColumns(today: string): Array<DataColumn<EnrollmentRow>> {
  const t = useTranslations("enrollments");
  return useMemo(() => [
    { id: "student", header: t("colStudent"), cell: (r) => (r.studentName ? <Link href={`/leerlingen/${r.studentKey}`} className={link}>{r.studentName}</Link> : "—") },
    { id: "type", header: t("colType"), cell: (r) => (r.type === "study" ? t("study") : r.type === "subject" ? t("subject") : r.type) },
    { id: "offering", header: t("colOffering"), className: "font-mono text-xs", cell: (r) => r.offering },
    { id: "studyYear", header: t("colYear"), cell: (r) => r.studyYear ?? "—" },
    { id: "schoolPeriod", header: t("colPeriod"), cell: (r) => r.schoolPeriod },
    { id: "beginDate", header: t("colBegin"), className: "tabular-nums", cell: (r) => r.beginDate },
    { id: "endDate", header: t("colEnd"), className: "tabular-nums", cell: (r) => r.endDate ?? "—" },
    { id: "status", header: t("colStatus"), cell: (r) => statusWord(t, r.status) },
    { id: "enrolledNow", header: t("colEnrolledOn", { date: today }), cell: (r) => <EnrolledNowCell t={t} state={r.enrolledNow} /> },
  ], [t, today]);
}
