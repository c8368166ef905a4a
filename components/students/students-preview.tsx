import { useTranslations } from "next-intl";
import type { DataColumn } from "@/components/ui/data-column";
import { PreviewRows } from "@/components/ui/preview-rows";
import type { StudentPage, StudentRow } from "./queries";
import { HIDDEN_COLUMNS, PREVIEW_ROWS, STUDENT_ROW_HEIGHT } from "./student-params";
import { StudentSortHeaders } from "./student-sort-headers";

/**
 * The list's first rows as the server renders them, in the scroll region and markup of the
 * browser's list, the height of the whole list below them. No JavaScript comes with it but the sort
 * buttons; a scroll, a search or a column choice loads the list that fetches the rest (students-list.tsx).
 */
export function StudentsPreview({ d, columns }: { d: StudentPage; columns: ReadonlyArray<DataColumn<StudentRow>> }) {
  const t = useTranslations("students");
  if (d.total === 0) return <p>{t("empty")}</p>;
  const visible = columns.filter((c) => HIDDEN_COLUMNS[c.id] !== false);
  return (
    <PreviewRows
      rows={d.rows.slice(0, PREVIEW_ROWS)}
      count={d.total}
      rowKey={(r) => r.key}
      columns={visible}
      rowHeight={STUDENT_ROW_HEIGHT}
      label={t("scrollRegion")}
      testId="students-scroll"
      caption={t("title")}
      head={<StudentSortHeaders columns={visible.map((c) => ({ id: c.id, header: c.header, sortable: c.sortable === true }))} />}
    />
  );
}
