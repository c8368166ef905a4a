import type { ReactNode } from "react";
import type { cellPad, tableLook } from "./classes";

/** `data-*` attributes a page puts on a row, a cell or the table (what tests and scripts read). */
export type DataAttributes = Record<`data-${string}`, string | number | undefined>;

/** A column of a DataTable. The header is words from the messages; the cell shows one row. */
export type DataColumn<T> = {
  /** English, stable: the key of the column's sorting and visibility (and of `?sort=` where a list keeps it in the URL). */
  id: string;
  /** The header's text, also the sort button's and the column chooser's label. */
  header: string;
  cell: (row: T) => ReactNode;
  /** Sorts in the browser by this value (numbers as numbers, text by the reader's collation; missing last). */
  sortValue?: (row: T) => string | number | undefined;
  /** Sortable without a `sortValue`: for lists the server sorts (DataTable's `sorting`/`onSortingChange`). */
  sortable?: boolean;
  /** false: the column chooser cannot hide it (the column that names the row). */
  hideable?: boolean;
  /** The column that names the row: its cells are row headers (`<th scope="row">`), read before each cell of the row. */
  rowHeader?: boolean;
  /** Classes of the column's cells (`font-mono text-xs`, `tabular-nums`). */
  className?: string;
  align?: "right";
  cellAttributes?: (row: T) => DataAttributes;
};

/** What DataTable and SimpleTable both take: the columns, the rows' keys and looks, the caption, the empty state. */
export type TableBaseProps<T> = {
  columns: ReadonlyArray<DataColumn<T>>;
  rowKey: (row: T, index: number) => string;
  caption: ReactNode;
  captionVisible?: boolean;
  /** Shown instead of the table when there are no rows; null for nothing (the page says it elsewhere). */
  empty?: ReactNode;
  look?: keyof typeof tableLook;
  density?: keyof typeof cellPad;
  /** In a region that scrolls sideways when the table is wider than the page (the default); false for a table that fits anyway. */
  scrollX?: boolean;
  className?: string;
  attributes?: DataAttributes;
  rowAttributes?: (row: T) => DataAttributes;
  rowClassName?: string;
};

/** The one column a list is sorted by, or none. */
export type SortState = { id: string; desc: boolean } | null;

/** Which columns show; a column not named shows. */
export type ColumnVisibility = Record<string, boolean>;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** Numbers as numbers, anything else as text in natural order ("groep 2" before "groep 10"). */
export function compareValues(a: string | number, b: string | number): number {
  return typeof a === "number" && typeof b === "number" ? a - b : collator.compare(String(a), String(b));
}
