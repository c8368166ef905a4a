import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { cellPad, rowPending, sortButton } from "./classes";
import type { DataColumn } from "./data-column";

export type Density = keyof typeof cellPad;

/** A column as the table shows it now: sorted or not, and how to sort it (absent: not sortable). */
export type ShownColumn<T> = { def: DataColumn<T>; sorted: false | "asc" | "desc"; onSort?: () => void };

const cellClass = (pad: string, c: DataColumn<unknown>) =>
  [pad, c.align === "right" ? "text-right" : c.rowHeader ? "text-left" : "", c.className ?? ""].filter(Boolean).join(" ");

/** The header cells; a sortable column's header is a button, and the sorted one says so with aria-sort. */
export function HeaderCells<T>({ columns, density }: { columns: ReadonlyArray<ShownColumn<T>>; density: Density }) {
  const t = useTranslations("kit");
  return columns.map(({ def, sorted, onSort }) => (
    <th
      key={def.id}
      scope="col"
      aria-sort={sorted ? (sorted === "asc" ? "ascending" : "descending") : undefined}
      className={[cellPad[density], def.align === "right" ? "text-right" : ""].filter(Boolean).join(" ")}
    >
      {onSort ? (
        <button type="button" className={sortButton} aria-label={t("sortBy", { column: def.header })} onClick={onSort}>
          {def.header}
          {sorted ? <span aria-hidden="true">{sorted === "asc" ? " ▲" : " ▼"}</span> : null}
        </button>
      ) : (
        def.header
      )}
    </th>
  ));
}

/** One row's cells, or (for a row the server has not sent yet) a placeholder that says it is loading. */
export function RowCells<T>({
  row,
  columns,
  density,
}: {
  row: T | undefined;
  columns: ReadonlyArray<DataColumn<T>>;
  density: Density;
}): ReactNode {
  const t = useTranslations("kit");
  if (row === undefined) {
    return (
      <td colSpan={columns.length} className={cellPad[density]}>
        <span className={rowPending} />
        <span className="sr-only">{t("rowLoading")}</span>
      </td>
    );
  }
  return columns.map((c) => {
    const Cell = c.rowHeader ? "th" : "td";
    return (
      <Cell
        key={c.id}
        scope={c.rowHeader ? "row" : undefined}
        className={cellClass(cellPad[density], c as DataColumn<unknown>)}
        {...c.cellAttributes?.(row)}
      >
        {c.cell(row)}
      </Cell>
    );
  });
}
