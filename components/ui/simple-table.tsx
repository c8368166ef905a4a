import { useTranslations } from "next-intl";
import { tableBase, tableCaptionVisible, tableLook } from "./classes";
import type { TableBaseProps } from "./data-column";
import { HeaderCells } from "./data-table-parts";
import { PlainRows } from "./plain-rows";
import { ScrollX } from "./scroll-x";

type Props<T> = TableBaseProps<T> & {
  /** Shown in the order given: the server sorted them. */
  rows: readonly T[];
  /** A long table (hundreds of rows): it scrolls down inside its region, its header row kept in view. */
  tall?: boolean;
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
  tall = false,
  className,
  ...rest
}: Props<T>) {
  const t = useTranslations("kit");
  if (rows.length === 0) return empty === undefined ? <p>{t("empty")}</p> : empty;
  const table = (captionId?: string) => (
    <PlainRows
      {...rest}
      rows={rows}
      stickyHead={tall}
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
  return scrollX || tall ? <ScrollX tall={tall}>{table}</ScrollX> : table();
}
