import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { link } from "@/components/ui/classes";
import type { DataColumn } from "@/components/ui/data-column";
import { Day, useFormats } from "@/components/ui/format";
import type { EnrollmentRow } from "./queries";
import { EnrolledNowCell, statusWord } from "./status-words";

/** An enrollment as both the list and a pupil's page show it (the list's rows carry the pupil's name too). */
export type EnrollmentFields = Omit<EnrollmentRow, "studentName">;

/**
 * The columns of an enrollment, in the order the CSV has them, after the pupil: type, offering, year,
 * period, dates, status, and whether it holds now (`enrolledHeader`: on which date, where the page says it).
 */
export function useEnrollmentFieldColumns(enrolledHeader: string): Array<DataColumn<EnrollmentFields>> {
  const t = useTranslations("enrollments");
  return useMemo(
    () => [
      { id: "type", header: t("colType"), cell: (r) => (r.type === "study" ? t("study") : r.type === "subject" ? t("subject") : r.type) },
      { id: "offering", header: t("colOffering"), className: "font-mono text-xs", cell: (r) => r.offering },
      { id: "studyYear", header: t("colYear"), cell: (r) => r.studyYear ?? "—" },
      { id: "schoolPeriod", header: t("colPeriod"), cell: (r) => r.schoolPeriod },
      { id: "beginDate", header: t("colBegin"), className: "tabular-nums", cell: (r) => <Day value={r.beginDate} /> },
      { id: "endDate", header: t("colEnd"), className: "tabular-nums", cell: (r) => (r.endDate ? <Day value={r.endDate} /> : "—") },
      { id: "status", header: t("colStatus"), cell: (r) => statusWord(t, r.status) },
      { id: "enrolledNow", header: enrolledHeader, cell: (r) => <EnrolledNowCell t={t} state={r.enrolledNow} /> },
    ],
    [t, enrolledHeader],
  );
}

/** The list's columns: the pupil (a link to their page; "—" for one matched to nobody), then the enrollment's, the last on `today` (the school's date). */
export function useEnrollmentColumns(today: string): Array<DataColumn<EnrollmentRow>> {
  const t = useTranslations("enrollments");
  const f = useFormats();
  const fields = useEnrollmentFieldColumns(t("colEnrolledOn", { date: f.day(today) }));
  return useMemo(
    (): Array<DataColumn<EnrollmentRow>> => [
      {
        id: "student",
        header: t("colStudent"),
        cell: (r) =>
          r.studentName ? (
            <Link href={`/leerlingen/${r.studentKey}`} className={link}>
              {r.studentName}
            </Link>
          ) : (
            "—"
          ),
      },
      ...fields,
    ],
    [t, fields],
  );
}
