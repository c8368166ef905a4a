import { Fragment, type ReactNode } from "react";
import { tableHead, tableHeadSticky, tableRow } from "./classes";
import type { DataAttributes, DataColumn } from "./data-column";
import { RowCells, type Density } from "./data-table-parts";

type Props<T> = {
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  columns: ReadonlyArray<DataColumn<T>>;
  density: Density;
  tableClass: string;
  attributes?: DataAttributes;
  caption: ReactNode;
  head: ReactNode;
  rowAttributes?: (row: T) => DataAttributes;
  rowClassName?: string;
  /** Below a row, across all columns: what the row opens (a history, a detail), or nothing. */
  detail?: (row: T) => ReactNode;
  /** The header row stays in view while the rows scroll under it (a table in a tall scroll region). */
  stickyHead?: boolean;
};

/** A table with every row in the DOM: for lists of a few hundred rows at most. */
export function PlainRows<T>({
  rows,
  rowKey,
  columns,
  density,
  tableClass,
  attributes,
  caption,
  head,
  rowAttributes,
  rowClassName,
  detail,
  stickyHead,
}: Props<T>) {
  const rowClass = rowClassName ? `${tableRow} ${rowClassName}` : tableRow;
  return (
    <table className={tableClass} {...attributes}>
      {caption}
      <thead className={stickyHead ? tableHeadSticky : tableHead}>
        <tr>{head}</tr>
      </thead>
      <tbody>
        {rows.map((row, i) => {
          const below = detail?.(row);
          return (
            <Fragment key={rowKey(row, i)}>
              <tr className={rowClass} {...rowAttributes?.(row)}>
                <RowCells row={row} columns={columns} density={density} />
              </tr>
              {below ? (
                <tr>
                  <td colSpan={columns.length} className="p-0">
                    {below}
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
