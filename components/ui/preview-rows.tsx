import type { ReactNode } from "react";
import { scrollRegion, tableBase, tableHeadSticky, tableLook, tableRow } from "./classes";
import type { DataColumn } from "./data-column";
import { RowCells } from "./data-table-parts";

type Props<T> = {
  /** The first rows of the list, in its order. */
  rows: readonly T[];
  /** How many rows the whole list has. */
  count: number;
  rowKey: (row: T) => string;
  columns: ReadonlyArray<DataColumn<T>>;
  /** Every row's height in px, as the virtualised list that takes over has it. */
  rowHeight: number;
  /** The scroll region's name. */
  label: string;
  testId?: string;
  caption: ReactNode;
  /** The header cells. */
  head: ReactNode;
};

/**
 * The first rows of a long list as a server component renders them: the markup of the DataTable's
 * virtual rows (a focusable scroll region, the header row kept in view, aria-rowcount for the whole
 * list and aria-rowindex per row) and the height of the rows not rendered below them, so the
 * scrollbar tells the list's length; the virtualised list takes over when the reader scrolls.
 */
export function PreviewRows<T>({ rows, count, rowKey, columns, rowHeight, label, testId, caption, head }: Props<T>) {
  const below = (count - rows.length) * rowHeight;
  return (
    <div tabIndex={0} role="region" aria-label={label} className={scrollRegion} data-testid={testId}>
      <table className={`${tableBase} ${tableLook.card}`} aria-rowcount={count + 1}>
        <caption className="sr-only">{caption}</caption>
        <thead className={tableHeadSticky}>
          <tr aria-rowindex={1}>{head}</tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={rowKey(r)} aria-rowindex={i + 2} style={{ height: rowHeight }} className={tableRow}>
              <RowCells row={r} columns={columns} density="md" />
            </tr>
          ))}
          {below > 0 ? <tr aria-hidden="true" style={{ height: below }} /> : null}
        </tbody>
      </table>
    </div>
  );
}
