"use client";

import {
  columnVisibilityFeature,
  createSortedRowModel,
  functionalUpdate,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
  type SortingState,
} from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useMemo, type ReactNode } from "react";
import { tableBase, tableCaptionVisible, tableLook } from "./classes";
import { compareValues, type ColumnVisibility, type SortState, type TableBaseProps } from "./data-column";
import { HeaderCells, type ShownColumn } from "./data-table-parts";
import { PlainRows } from "./plain-rows";
import { ScrollX } from "./scroll-x";
import { VirtualRows, type VirtualOptions } from "./virtual-rows";

const features = tableFeatures({ rowSortingFeature, columnVisibilityFeature, sortedRowModel: createSortedRowModel() });
type Features = typeof features;
const NO_ROWS: never[] = [];
const toState = (s: SortState | undefined): SortingState => (s ? [s] : []);

type Props<T extends RowData> = TableBaseProps<T> & {
  /** A list the browser holds whole; it sorts it by the columns' `sortValue`. */
  rows?: readonly T[];
  /** Instead of `rows`: a list the server sorts and pages. `rowAt` is undefined for a row not fetched yet. */
  remote?: { count: number; rowAt: (index: number) => T | undefined };
  /** Sorting held by the page (a server-sorted list, or a sort kept in the URL): no sorting in the browser. */
  sorting?: SortState;
  onSortingChange?: (next: SortState) => void;
  initialSorting?: SortState;
  /** Which columns show (see ColumnChooser). */
  columnVisibility?: ColumnVisibility;
  virtual?: VirtualOptions;
  detail?: (row: T) => ReactNode;
};

/** The dashboard's table: one markup, sorting by the headers, hidden columns, an empty state, and virtualised rows for long lists. */
export function DataTable<T extends RowData>({
  columns,
  rows,
  remote,
  rowKey,
  caption,
  captionVisible,
  empty,
  sorting,
  onSortingChange,
  initialSorting,
  columnVisibility,
  virtual,
  look = "card",
  density = "md",
  scrollX = true,
  className,
  ...rest
}: Props<T>) {
  const t = useTranslations("kit");
  const defs = useMemo(
    () =>
      columns.map((c): ColumnDef<Features, T> => ({
        id: c.id,
        header: c.header,
        accessorFn: (row: T) => c.sortValue?.(row),
        enableSorting: Boolean(c.sortValue ?? c.sortable),
        enableHiding: c.hideable !== false,
        sortUndefined: "last",
        sortFn: (a, b, id) => compareValues(a.getValue<string | number>(id), b.getValue<string | number>(id)),
      })),
    [columns],
  );
  const controlled = onSortingChange !== undefined;
  const table = useTable<Features, T>({
    features,
    columns: defs,
    data: (rows ?? NO_ROWS) as T[],
    getRowId: (row: T, index: number) => rowKey(row, index),
    manualSorting: controlled,
    enableSortingRemoval: false,
    enableMultiSort: false,
    sortDescFirst: false,
    initialState: { sorting: toState(initialSorting) },
    state: { ...(controlled ? { sorting: toState(sorting) } : {}), ...(columnVisibility ? { columnVisibility } : {}) },
    // Only when held outside: without it, the table keeps the sorting itself.
    ...(controlled ? { onSortingChange: (u) => onSortingChange(functionalUpdate(u, toState(sorting))[0] ?? null) } : {}),
  });
  const byId = new Map(columns.map((c) => [c.id, c]));
  const shown: Array<ShownColumn<T>> = table.getVisibleLeafColumns().flatMap((col) => {
    const def = byId.get(col.id);
    return def ? [{ def, sorted: col.getIsSorted(), onSort: col.getCanSort() ? () => col.toggleSorting() : undefined }] : [];
  });
  const model = remote ? undefined : table.getRowModel().rows;
  const local = model?.map((r) => r.original);
  const count = remote?.count ?? local!.length;
  if (count === 0) return empty === undefined ? <p>{t("empty")}</p> : empty;

  const common = {
    // A row of the browser's list keeps the id TanStack gave it (from `rowKey` and its index before sorting).
    rowKey: model ? (_: T, i: number) => model[i]!.id : rowKey,
    columns: shown.map((s) => s.def),
    density,
    tableClass: [tableBase, tableLook[look], className].filter(Boolean).join(" "),
    caption: <caption className={captionVisible ? tableCaptionVisible : "sr-only"}>{caption}</caption>,
    head: <HeaderCells columns={shown} density={density} />,
  };
  // Virtual rows scroll in a region of their own, both ways.
  if (virtual) return <VirtualRows {...common} {...virtual} count={count} rowAt={remote?.rowAt ?? ((i) => local![i])} />;
  const shownRows = local ?? Array.from({ length: count }, (_, i) => remote!.rowAt(i)).filter((r): r is T => r !== undefined);
  const plain = (captionId?: string) => (
    <PlainRows
      {...common}
      {...rest}
      caption={
        <caption id={captionId} className={captionVisible ? tableCaptionVisible : "sr-only"}>
          {caption}
        </caption>
      }
      rows={shownRows}
    />
  );
  return scrollX ? <ScrollX>{plain}</ScrollX> : plain();
}
