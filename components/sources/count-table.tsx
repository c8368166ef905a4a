import type { DataColumn } from "@/components/ui/data-column";
import { SimpleTable } from "@/components/ui/simple-table";

/** A row as the server worded it: a field path (or the word for "other"), its count, and the count formatted. */
export type CountRow = { key?: string; label: string; code: boolean; n?: number; shown: string };

type Props = { name: string; caption: string; of: string; keyHeader: string; countHeader: string; rows: CountRow[] };

/** The largest counts of a map (field paths, enum fields), the rest summed in the last row, which has no key. Rendered on the server. */
export function CountTable({ name, caption, of, keyHeader, countHeader, rows }: Props) {
  const columns: Array<DataColumn<CountRow>> = [
    {
      id: "key",
      header: keyHeader,
      className: "break-all",
      cell: (r) => (r.key === undefined ? <span className="italic">{r.label}</span> : r.code ? <code>{r.label}</code> : r.label),
    },
    {
      id: "count",
      header: countHeader,
      align: "right",
      className: "tabular-nums",
      cell: (r) => r.shown,
      cellAttributes: (r) => ({ "data-value": r.n }),
    },
  ];
  return (
    <SimpleTable
      columns={columns}
      rows={rows}
      rowKey={(r) => r.key ?? "\u0000rest"}
      look="plain"
      density="sm"
      attributes={{ "data-counts": name }}
      rowAttributes={(r) => ({ "data-key": r.key })}
      // The operation in the name too: a screen reader's list of tables shows captions without their headings.
      caption={
        <>
          {caption}
          <span className="sr-only"> ({of})</span>
        </>
      }
      captionVisible
      empty={null}
    />
  );
}
