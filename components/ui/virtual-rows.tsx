import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useRef, type ReactNode } from "react";
import { scrollRegion, tableHeadSticky, tableRow } from "./classes";
import type { DataColumn } from "./data-column";
import { RowCells, type Density } from "./data-table-parts";

/** How a long list is virtualised: only the rows in view (and a few around them) are in the DOM. */
export type VirtualOptions = {
  /** Every row's height in px (the rows are one line high). */
  rowHeight: number;
  /** The scroll region's name (it takes focus, so keyboard users can scroll it). */
  label: string;
  testId?: string;
  /** The region's height before it is measured (the first render, the server, a test without layout). */
  initialHeight?: number;
  /** When this changes (a new sort, filter or search), the list scrolls back to the top. */
  scrollKey?: string;
  /** Told the first and last index of the rows rendered, to fetch the pages they are on. */
  onRangeChange?: (first: number, last: number) => void;
  /** Where the region starts scrolled to, in px: a list taking over from rows the server rendered, where the reader had scrolled. */
  initialOffset?: number;
};

type Props<T> = VirtualOptions & {
  count: number;
  rowAt: (index: number) => T | undefined;
  rowKey: (row: T, index: number) => string;
  columns: ReadonlyArray<DataColumn<T>>;
  density: Density;
  tableClass: string;
  caption: ReactNode;
  head: ReactNode;
};

/**
 * The table inside a focusable scroll region, the header row kept (sticky), the rows in view between
 * two spacer rows. The table says how many rows it has (aria-rowcount) and each row where it stands
 * (aria-rowindex, the header being row 1), so a screen reader counts the whole list.
 */
export function VirtualRows<T>({
  count,
  rowAt,
  rowKey,
  columns,
  density,
  tableClass,
  caption,
  head,
  rowHeight,
  label,
  testId,
  initialHeight = 600,
  scrollKey,
  onRangeChange,
  initialOffset = 0,
}: Props<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual hands out functions the React Compiler cannot memoise; it skips this component, as intended.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    initialRect: { width: 0, height: initialHeight },
    initialOffset,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  useEffect(() => {
    onRangeChange?.(first, last);
  }, [first, last, onRangeChange]);
  // The region starts where it was asked to, before it is painted.
  useLayoutEffect(() => {
    if (initialOffset && scrollRef.current) scrollRef.current.scrollTop = initialOffset;
    // Only when the region is first shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // A new sort, filter or search goes back to the top; the first key is where the list started.
  const shownKey = useRef(scrollKey);
  useEffect(() => {
    if (shownKey.current === scrollKey) return;
    shownKey.current = scrollKey;
    scrollRef.current?.scrollTo?.({ top: 0 });
  }, [scrollKey]);
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items.at(-1)!.end : 0;
  return (
    <div ref={scrollRef} tabIndex={0} role="region" aria-label={label} className={scrollRegion} data-testid={testId}>
      <table className={tableClass} aria-rowcount={count + 1}>
        {caption}
        <thead className={tableHeadSticky}>
          <tr aria-rowindex={1}>{head}</tr>
        </thead>
        <tbody>
          {padTop > 0 ? <tr aria-hidden="true" style={{ height: padTop }} /> : null}
          {items.map((item) => {
            const row = rowAt(item.index);
            return (
              <tr
                key={row === undefined ? `pending-${item.index}` : rowKey(row, item.index)}
                aria-rowindex={item.index + 2}
                style={{ height: rowHeight }}
                className={tableRow}
              >
                <RowCells row={row} columns={columns} density={density} />
              </tr>
            );
          })}
          {padBottom > 0 ? <tr aria-hidden="true" style={{ height: padBottom }} /> : null}
        </tbody>
      </table>
    </div>
  );
}
