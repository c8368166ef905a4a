import { cleanup, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { DataColumn } from "./data-column";
import { DataTable } from "./data-table";
import { SimpleTable } from "./simple-table";
import { renderNl } from "./testing/render";

type Source = { id: string; name: string; calls: number };
const rows: Source[] = [
  { id: "las-a", name: "Alfa", calls: 12 },
  { id: "lr-b", name: "Beta", calls: 3 },
];
const columns: Array<DataColumn<Source>> = [
  { id: "name", header: "Bron", rowHeader: true, cell: (s) => s.name },
  {
    id: "calls",
    header: "Pogingen",
    align: "right",
    className: "tabular-nums",
    cell: (s) => s.calls,
    cellAttributes: (s) => ({ "data-value": s.calls }),
  },
];

describe("SimpleTable", () => {
  it("renders DataTable's markup on the server: caption, column headers, row headers, the rows in the order given", () => {
    renderNl(
      <SimpleTable
        columns={columns}
        rows={rows}
        rowKey={(s) => s.id}
        caption="Bronnen"
        rowAttributes={(s) => ({ "data-source": s.id })}
        attributes={{ "data-counts": "calls" }}
      />,
    );
    const table = screen.getByRole("table", { name: "Bronnen" });
    expect(table.dataset.counts).toBe("calls");
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => [h.textContent, h.getAttribute("scope"), h.hasAttribute("aria-sort")]),
    ).toEqual([
      ["Bron", "col", false],
      ["Pogingen", "col", false],
    ]);
    expect(within(table).queryByRole("button")).toBeNull();
    const headers = within(table).getAllByRole("rowheader");
    expect(headers.map((h) => [h.tagName, h.getAttribute("scope"), h.textContent])).toEqual([
      ["TH", "row", "Alfa"],
      ["TH", "row", "Beta"],
    ]);
    expect([...table.querySelectorAll("tbody tr")].map((r) => (r as HTMLElement).dataset.source)).toEqual(["las-a", "lr-b"]);
    const count = within(table).getAllByRole("cell")[0]!;
    expect([count.textContent, count.dataset.value, count.className]).toEqual(["12", "12", "p-2 text-right tabular-nums"]);
  });

  it("without rows it shows the empty state instead of a table", () => {
    const { unmount } = renderNl(<SimpleTable columns={columns} rows={[]} rowKey={(s) => s.id} caption="Bronnen" />);
    expect(screen.queryByRole("table")).toBeNull();
    expect(screen.getByText("Geen rijen om te tonen.")).toBeTruthy();
    unmount();
    const { container } = renderNl(<SimpleTable columns={columns} rows={[]} rowKey={(s) => s.id} caption="Bronnen" empty={null} />);
    expect(container.textContent).toBe("");
  });

  it("DataTable names its rows the same way", () => {
    renderNl(<DataTable columns={columns} rows={rows} rowKey={(s) => s.id} caption="Bronnen" />);
    expect(screen.getAllByRole("rowheader").map((h) => [h.getAttribute("scope"), h.textContent])).toEqual([
      ["row", "Alfa"],
      ["row", "Beta"],
    ]);
  });

  it("a wide table scrolls sideways in a region of its own, named by its caption and reachable by keyboard, not the page; unless told it fits", () => {
    const tables = [
      (scrollX?: boolean) => <SimpleTable columns={columns} rows={rows} rowKey={(s) => s.id} caption="Bronnen" scrollX={scrollX} />,
      (scrollX?: boolean) => <DataTable columns={columns} rows={rows} rowKey={(s) => s.id} caption="Bronnen" scrollX={scrollX} />,
    ];
    for (const table of tables) {
      const { unmount } = renderNl(table());
      const region = screen.getByRole("region", { name: "Bronnen" });
      expect(region.className).toMatch(/overflow-x-auto/);
      expect(region.tabIndex).toBe(0);
      expect(within(region).getByRole("table", { name: "Bronnen" })).toBeTruthy();
      unmount();
      renderNl(table(false));
      expect(screen.queryByRole("region")).toBeNull();
      expect(screen.getByRole("table", { name: "Bronnen" })).toBeTruthy();
      cleanup();
    }
  });
});
