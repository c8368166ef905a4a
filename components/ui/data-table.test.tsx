import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import nl from "@/lib/i18n/messages/nl.json";
import { ColumnChooser } from "./column-chooser";
import type { ColumnVisibility, DataColumn, SortState } from "./data-column";
import { DataTable } from "./data-table";
import { renderNl } from "./testing/render";

type Pupil = { key: string; name: string; year?: number; note: string };
const pupils: Pupil[] = [
  { key: "a", name: "Bram", year: 12, note: "x" },
  { key: "b", name: "anna", note: "y" },
  { key: "c", name: "Cor", year: 9, note: "z" },
];
const columns: Array<DataColumn<Pupil>> = [
  { id: "name", header: "Naam", cell: (p) => p.name, sortValue: (p) => p.name, hideable: false },
  { id: "year", header: "Leerjaar", cell: (p) => p.year ?? "—", sortValue: (p) => p.year, className: "tabular-nums" },
  { id: "note", header: "Notitie", cell: (p) => p.note, cellAttributes: (p) => ({ "data-value": p.note }) },
];
const firstCells = () =>
  screen
    .getAllByRole("row")
    .slice(1)
    .map((r) => within(r).getAllByRole("cell")[0]!.textContent);
const header = (name: string) => screen.getAllByRole("columnheader").find((h) => h.textContent?.startsWith(name))!;

describe("DataTable", () => {
  it("sorts by a header's button: aria-sort on that header only, ascending first, then descending; missing values last", async () => {
    renderNl(<DataTable columns={columns} rows={pupils} rowKey={(p) => p.key} caption="Leerlingen" />);
    expect(screen.getByRole("table", { name: "Leerlingen" })).toBeTruthy();
    expect(firstCells()).toEqual(["Bram", "anna", "Cor"]);
    expect(screen.getAllByRole("columnheader").some((h) => h.hasAttribute("aria-sort"))).toBe(false);
    expect(within(header("Notitie")).queryByRole("button")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Sorteer op Naam" }));
    expect(header("Naam").getAttribute("aria-sort")).toBe("ascending");
    expect(firstCells()).toEqual(["anna", "Bram", "Cor"]);
    await userEvent.click(screen.getByRole("button", { name: "Sorteer op Naam" }));
    expect(header("Naam").getAttribute("aria-sort")).toBe("descending");
    expect(firstCells()).toEqual(["Cor", "Bram", "anna"]);
    await userEvent.click(screen.getByRole("button", { name: "Sorteer op Leerjaar" }));
    expect([header("Naam").hasAttribute("aria-sort"), header("Leerjaar").getAttribute("aria-sort")]).toEqual([false, "ascending"]);
    expect(firstCells()).toEqual(["Cor", "Bram", "anna"]);
  });

  it("sorting held outside (a server-sorted list): the header tells, the rows keep the server's order", async () => {
    const change = vi.fn();
    const { rerender } = renderNl(
      <DataTable
        columns={columns}
        rows={pupils}
        rowKey={(p) => p.key}
        caption="L"
        sorting={{ id: "year", desc: true }}
        onSortingChange={change}
      />,
    );
    expect(header("Leerjaar").getAttribute("aria-sort")).toBe("descending");
    expect(firstCells()).toEqual(["Bram", "anna", "Cor"]);
    await userEvent.click(screen.getByRole("button", { name: "Sorteer op Leerjaar" }));
    expect(change).toHaveBeenLastCalledWith({ id: "year", desc: false });
    await userEvent.click(screen.getByRole("button", { name: "Sorteer op Naam" }));
    expect(change).toHaveBeenLastCalledWith({ id: "name", desc: false });
    rerender(
      <DataTable
        columns={columns}
        rows={pupils}
        rowKey={(p) => p.key}
        caption="L"
        sorting={{ id: "name", desc: false }}
        onSortingChange={change}
      />,
    );
    expect([header("Naam").getAttribute("aria-sort"), header("Leerjaar").hasAttribute("aria-sort")]).toEqual(["ascending", false]);
  });

  it("hides the columns the chooser unticks; the naming column cannot be hidden", async () => {
    function Chosen() {
      const [visible, setVisible] = useState<ColumnVisibility>({ note: false });
      return (
        <>
          <ColumnChooser columns={columns} visibility={visible} onChange={setVisible} />
          <DataTable columns={columns} rows={pupils} rowKey={(p) => p.key} caption="L" columnVisibility={visible} />
        </>
      );
    }
    renderNl(<Chosen />);
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Naam", "Leerjaar"]);
    expect(screen.getByRole("group", { name: nl.kit.columns })).toBeTruthy();
    expect((screen.getByRole("checkbox", { name: "Naam" }) as HTMLInputElement).disabled).toBe(true);
    await userEvent.click(screen.getByRole("checkbox", { name: "Notitie" }));
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Naam", "Leerjaar", "Notitie"]);
    expect(
      screen
        .getAllByRole("cell")
        .filter((c) => c.dataset.value)
        .map((c) => c.dataset.value),
    ).toEqual(["x", "y", "z"]);
    await userEvent.click(screen.getByRole("checkbox", { name: "Leerjaar" }));
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Naam", "Notitie"]);
    expect(screen.getAllByRole("row")[1]!.children).toHaveLength(2);
  });

  it("without rows: the kit's empty text, the page's own, or nothing", () => {
    const { container, unmount } = renderNl(<DataTable columns={columns} rows={[]} rowKey={(p) => p.key} caption="L" />);
    expect(screen.queryByRole("table")).toBeNull();
    expect(container.textContent).toBe(nl.kit.empty);
    unmount();
    renderNl(<DataTable columns={columns} rows={[]} rowKey={(p) => p.key} caption="L" empty={<p>Geen leerlingen gevonden.</p>} />);
    expect(screen.getByText("Geen leerlingen gevonden.")).toBeTruthy();
    const none = renderNl(<DataTable columns={columns} rows={[]} rowKey={(p) => p.key} caption="L" empty={null} />);
    expect(none.container.textContent).toBe("");
  });

  it("a row can open a detail below it, across all columns; rows carry the page's attributes", () => {
    renderNl(
      <DataTable
        columns={columns}
        rows={pupils}
        rowKey={(p) => p.key}
        caption="L"
        rowAttributes={(p) => ({ "data-testid": `pupil-${p.key}` })}
        detail={(p) => (p.key === "b" ? <p>Geschiedenis</p> : null)}
      />,
    );
    expect(screen.getAllByRole("row")).toHaveLength(5);
    const detail = screen.getByText("Geschiedenis").closest("td")!;
    expect(detail.colSpan).toBe(3);
    expect(detail.parentElement!.previousElementSibling).toBe(screen.getByTestId("pupil-b"));
  });
});

describe("DataTable, virtualised", () => {
  afterEach(() => vi.restoreAllMocks());
  // happy-dom has no layout: the scroll region says it is 600 px high, as a browser would.
  const withHeight = () => vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(600);
  const many: Pupil[] = Array.from({ length: 10_000 }, (_, i) => ({ key: `p${i}`, name: `Leerling ${i}`, year: i % 8, note: "" }));

  it("of 10,000 rows keeps at most ~100 in the DOM, the header row first, each row with its place in the list", () => {
    withHeight();
    renderNl(
      <DataTable
        columns={columns}
        rows={many}
        rowKey={(p) => p.key}
        caption="Leerlingen"
        virtual={{ rowHeight: 40, label: "Lijst van leerlingen, scrollbaar", testId: "scroll", initialHeight: 600 }}
      />,
    );
    const region = screen.getByRole("region", { name: "Lijst van leerlingen, scrollbaar" });
    expect([region.tabIndex, region.dataset.testid]).toEqual([0, "scroll"]);
    const table = within(region).getByRole("table", { name: "Leerlingen" });
    expect(table.getAttribute("aria-rowcount")).toBe("10001");
    const rows = table.querySelectorAll("tbody tr[aria-rowindex]");
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThanOrEqual(100);
    expect(table.querySelectorAll("tr").length).toBeLessThanOrEqual(103);
    expect(table.querySelector("thead tr")!.getAttribute("aria-rowindex")).toBe("1");
    expect(rows[0]!.getAttribute("aria-rowindex")).toBe("2");
    expect(within(rows[0] as HTMLElement).getAllByRole("cell")[0]!.textContent).toBe("Leerling 0");
    expect(table.querySelector('tbody tr[aria-hidden="true"]')).not.toBeNull();
  });

  it("a server-paged list: rows not fetched yet say they are loading; the page is told which rows are shown", () => {
    withHeight();
    const range = vi.fn();
    const sort: SortState = { id: "name", desc: false };
    renderNl(
      <DataTable
        columns={columns}
        remote={{ count: 5_000, rowAt: (i) => (i < 5 ? many[i] : undefined) }}
        rowKey={(p) => p.key}
        caption="L"
        sorting={sort}
        onSortingChange={() => {}}
        virtual={{ rowHeight: 40, label: "Lijst" }}
      />,
    );
    const rows = screen.getByRole("table").querySelectorAll("tbody tr[aria-rowindex]");
    expect(rows.length).toBeLessThanOrEqual(100);
    expect(rows[5]!.textContent).toBe(nl.kit.rowLoading);
    expect(range).not.toHaveBeenCalled();
    renderNl(
      <DataTable
        columns={columns}
        remote={{ count: 5_000, rowAt: () => undefined }}
        rowKey={(p) => p.key}
        caption="L"
        virtual={{ rowHeight: 40, label: "Lijst 2", onRangeChange: range }}
      />,
    );
    expect(range).toHaveBeenCalledWith(0, expect.any(Number));
    expect(range.mock.lastCall![1]).toBeGreaterThan(10);
  });
});
