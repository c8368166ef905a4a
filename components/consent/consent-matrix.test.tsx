import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { renderNl } from "@/components/ui/testing/render";
import type { ConsentMatrix as Matrix } from "@/lib/contracts/consent";
import { ConsentMatrix } from "./consent-matrix";
import { matrixCell, notOffered, requestView } from "./testing/requests";

const matrix: Matrix = {
  apis: ["students-api", "usage-api"],
  rows: [
    {
      providerId: "las-b",
      providerName: "Leerlingadministratie Beta",
      delivery: "put",
      statusPoll: { polledAt: "2026-11-24T09:00:00.000Z", lastError: null },
      cells: [
        matrixCell("students-api", {
          request: requestView({
            status: "confirmed",
            changes: [
              { event: "created", at: "2026-11-24T09:01:00.000Z" },
              { event: "confirmed", at: "2026-11-24T09:03:00.000Z" },
            ],
          }),
        }),
        notOffered("usage-api"),
      ],
    },
    {
      providerId: "lr-b",
      providerName: "Licentieregistratie Kompas",
      delivery: "poll",
      statusPoll: { polledAt: "2026-11-24T09:00:00.000Z", lastError: "HTTP 500" },
      cells: [notOffered("students-api"), matrixCell("usage-api")],
    },
  ],
};

describe("ConsentMatrix", () => {
  // The table's code loads on its own (components/ui/lazy-data-table.tsx): each test waits for it first.
  it("is a table of Providers (row headers) by API, named for the school", async () => {
    renderNl(<ConsentMatrix matrix={matrix} schoolName="De Horizon" />);
    const table = await screen.findByRole("table", { name: "Toestemming per aanbieder en gegevensdienst voor De Horizon" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Aanbieder", "Leerlingen (students-api)", "Licentiegebruik (usage-api)"]);
    const headers = within(table).getAllByRole("rowheader");
    expect(headers.map((h) => h.getAttribute("scope"))).toEqual(["row", "row"]);
    expect(headers[0]!.textContent).toContain("Leerlingadministratie Beta");
    expect(headers[0]!.textContent).toContain("Antwoorden opgehaald");
    // A Provider whose status endpoint fails is named in its row header, not in a live region.
    expect(within(headers[1]!).getByText(/Antwoorden ophalen lukt niet: HTTP 500/)).toBeTruthy();
    expect(within(table).queryByRole("alert")).toBeNull();
  });

  it("a cell with a request shows its status and changes; one not offered says so to a screen reader only", async () => {
    renderNl(<ConsentMatrix matrix={matrix} schoolName="De Horizon" />);
    const asked = await screen.findByTestId("cell-las-b-students-api");
    expect(asked.tagName).toBe("TD");
    expect(within(asked).getByText("Bevestigd")).toBeTruthy();
    expect(asked.textContent).toMatch(/Laatst gewijzigd \d{2}-\d{2}-2026 \d{2}:\d{2}/);
    expect(asked.textContent).toMatch(/aangemaakt \d{2}-\d{2}-2026 \d{2}:\d{2} · bevestigd \d{2}:\d{2}/);
    const notOffered = screen.getByTestId("cell-las-b-usage-api");
    expect(notOffered.textContent).toBe("—Deze aanbieder levert deze gegevensdienst niet.");
    expect(within(notOffered).getByText("—").getAttribute("aria-hidden")).toBe("true");
    expect(within(notOffered).getByText("Deze aanbieder levert deze gegevensdienst niet.").className).toBe("sr-only");
  });

  it("a cell without a request offers to draft one, named for its pair, only to who may write", async () => {
    const onStart = vi.fn();
    const { unmount } = renderNl(<ConsentMatrix matrix={matrix} schoolName="De Horizon" />);
    expect((await screen.findByTestId("cell-lr-b-usage-api")).textContent).toBe("Nog niet gevraagdNog niet gecontroleerd");
    unmount();
    renderNl(<ConsentMatrix matrix={matrix} schoolName="De Horizon" onStart={onStart} />);
    const cell = await screen.findByTestId("cell-lr-b-usage-api");
    await userEvent.click(
      within(cell).getByRole("button", { name: "Verzoek opstellen voor Licentieregistratie Kompas, Licentiegebruik (usage-api)" }),
    );
    expect(onStart).toHaveBeenCalledWith("lr-b", "usage-api");
    expect(within(screen.getByTestId("cell-las-b-students-api")).queryByRole("button")).toBeNull();
  });

  it("without Providers, says so instead of an empty table", () => {
    renderNl(<ConsentMatrix matrix={{ apis: [], rows: [] }} schoolName="De Horizon" />);
    expect(screen.queryByRole("table")).toBeNull();
    expect(screen.getByText("Geen enkele bron van deze school neemt toestemmingsverzoeken aan.")).toBeTruthy();
  });

  it("a cell without a request of ours shows consent the Provider already holds, with its reference and date, instead of 'not requested'", async () => {
    const held: Matrix = {
      ...matrix,
      rows: [
        {
          ...matrix.rows[1]!,
          cells: [
            notOffered("students-api"),
            matrixCell("usage-api", {
              known: { providerStatus: "confirmed", providerReferenceId: "KOMPAS-77", changedAt: "2026-11-20T08:30:00.000Z" },
            }),
          ],
        },
      ],
    };
    renderNl(<ConsentMatrix matrix={held} schoolName="De Horizon" />);
    const cell = await screen.findByTestId("cell-lr-b-usage-api");
    expect(cell.textContent).toContain("Bij de aanbieder bekend: toestemming gegeven");
    expect(cell.textContent).toContain("referentie KOMPAS-77 · gewijzigd 20-11-2026 09:30");
    expect(cell.textContent).not.toContain("Nog niet gevraagd");
  });
});
