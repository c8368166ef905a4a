import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { tableBase, tableCaptionVisible, tableLook } from "./classes";
import type { DataAttributes, DataColumn } from "./data-column";
import { HeaderCells, type Density } from "./data-table-parts";
import { PlainRows } from "./plain-rows";
import { ScrollX } from "./scroll-x";

type Props<T> = {
  columns: ReadonlyArray<DataColumn<T>>;
  /** Shown in the order given: the server sorted them. */
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  caption: ReactNode;
  captionVisible?: boolean;
  /** Shown instead of the table when there are no rows; null for nothing (the page says it elsewhere). */
  empty?: ReactNode;
  look?: keyof typeof tableLook;
  density?: Density;
  /** In a region that scrolls sideways when the table is wider than the page (the default); false for a table that fits anyway. */
  scrollX?: boolean;
  className?: string;
  attributes?: DataAttributes;
  rowAttributes?: (row: T) => DataAttributes;
  rowClassName?: string;
};

/**
 * DataTable's markup without its browser side (no sorting, no hidden columns, no virtual rows): a
 * table a server component renders whole, so the page sends no JavaScript for it. The same classes,
 * header cells, row headers (`rowHeader`) and empty state as DataTable.
 */
export function SimpleTable<T>({
  columns,
  rows,
  rowKey,
  caption,
  captionVisible,
  empty,
  look = "card",
  density = "md",
  scrollX = true,
  className,
  ...rest
}: Props<T>) {
  const t = useTranslations("kit");
  if (rows.length === 0) return empty === undefined ? <p>{t("empty")}</p> : empty;
  const table = (captionId?: string) => (
    <PlainRows
      {...rest}
      rows={rows}
      rowKey={rowKey}
      columns={columns}
      density={density}
      tableClass={[tableBase, tableLook[look], className].filter(Boolean).join(" ")}
      caption={
        <caption id={captionId} className={captionVisible ? tableCaptionVisible : "sr-only"}>
          {caption}
        </caption>
      }
      head={<HeaderCells columns={columns.map((def) => ({ def, sorted: false as const }))} density={density} />}
    />
  );
  return scrollX ? <ScrollX>{table}</ScrollX> : table();
}
