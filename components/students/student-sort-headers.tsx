"use client";

import { HeaderCells } from "@/components/ui/data-table-parts";
import { useUrlFilters } from "@/components/ui/use-url-filters";
import { STUDENT_FILTERS } from "./student-params";

export type SortableHeader = { id: string; header: string; sortable: boolean };

/**
 * The header cells of the list the server rendered: a sortable column's header is the kit's sort
 * button, which writes the sort into the URL and asks the server for the page anew (the first
 * rows are rendered there); a second click turns the order round.
 */
export function StudentSortHeaders({ columns }: { columns: readonly SortableHeader[] }) {
  const [{ sort, dir }, setUrl] = useUrlFilters(STUDENT_FILTERS, { server: true });
  const shown = columns.map((c) => ({
    def: { id: c.id, header: c.header, cell: () => null },
    sorted: c.id === sort ? dir : (false as const),
    onSort: c.sortable ? () => setUrl({ sort: c.id, dir: c.id === sort && dir === "asc" ? "desc" : "asc" }) : undefined,
  }));
  return <HeaderCells columns={shown} density="md" />;
}
