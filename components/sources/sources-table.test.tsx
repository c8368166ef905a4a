import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { renderNl } from "@/components/ui/testing/render";
import type { SourceStatus } from "@/lib/contracts/sources";
import { SourcesTable } from "./sources-table";

// The Source error words are the server's (lib/i18n/server-words.ts); this table is rendered on the server.
vi.mock("server-only", () => ({}));

const base: SourceStatus = {
  id: "las-a",
  name: "Leerlingadministratie Alfa",
  kind: "las",
  apis: ["students", "assignments"],
  schools: [
    { id: "s1", name: "OBS De Regenboog" },
    { id: "s2", name: "CBS De Wegwijzer" },
  ],
  token: { ok: true, scopes: ["eduv.student.basic", "eduv.association"], expiresInSeconds: 3540, latencyMs: 12 },
  lastCall: null,
};
const row = (id: string) => document.querySelector<HTMLTableRowElement>(`tr[data-source="${id}"]`)!;
const cell = (id: string, column: number) => row(id).querySelectorAll("td")[column]!;

describe("SourcesTable", () => {
  it("one row per Source, named by its row header: kind, data and the viewer's schools in words", () => {
    renderNl(
      <SourcesTable
        sources={[
          base,
          { ...base, id: "lr-a", name: "Licentieregistratie Kompas", kind: "licentieregistratie", apis: ["usage", "consent"] },
        ]}
      />,
    );
    const table = screen.getByRole("table", { name: "Ingestelde bronnen en tokenstatus" });
    expect(
      within(table)
        .getAllByRole("rowheader")
        .map((h) => h.textContent),
    ).toEqual(["Leerlingadministratie Alfa", "Licentieregistratie Kompas"]);
    expect([...row("las-a").querySelectorAll("td")].slice(0, 3).map((td) => td.textContent)).toEqual([
      "Leerlingadministratie (LAS)",
      "Leerlingen, Medewerkers",
      "OBS De Regenboog, CBS De Wegwijzer",
    ]);
    expect(cell("lr-a", 1).textContent).toBe("Licentiegebruik, Toestemming");
    expect(cell("las-a", 4).textContent).toBe("12 ms");
  });

  it("a token obtained shows its scopes and how long it holds; a refused one why, in words; an unexpected failure says so", () => {
    renderNl(
      <SourcesTable
        sources={[
          base,
          { ...base, id: "lr-b", token: { ok: false, errorKind: "token_refused", statusCode: "401", latencyMs: 40 } },
          { ...base, id: "am", token: { ok: false, errorKind: "internal", latencyMs: 1 } },
        ]}
      />,
    );
    expect(cell("las-a", 3).textContent).toBe("✓ Token verkregeneduv.student.basic, eduv.association · nog 3.540 s geldig");
    expect(cell("las-a", 3).querySelector('[aria-hidden="true"]')?.textContent).toBe("✓ ");
    expect(cell("lr-b", 3).textContent).toBe("✗ Geen token: De bron weigert een toegangstoken te geven.");
    expect(cell("am", 3).textContent).toBe("✗ Geen token: Onverwachte fout bij het ophalen van een token.");
  });

  it("the last call: none yet, one that worked, and one that failed with the last error in words", () => {
    renderNl(
      <SourcesTable
        sources={[
          base,
          { ...base, id: "lr-a", lastCall: { lastCallAt: "2026-11-24T09:01:02.000Z", lastLatencyMs: 87, lastOk: true } },
          {
            ...base,
            id: "lr-b",
            lastCall: {
              lastCallAt: "2026-11-24T09:05:00.000Z",
              lastLatencyMs: 5000,
              lastOk: false,
              lastError: { kind: "timeout", at: "2026-11-24T09:05:00.000Z" },
            },
          },
        ]}
      />,
    );
    expect(cell("las-a", 5).textContent).toBe("Nog niet bevraagd");
    // The school's clock: 09:01 UTC is 10:01 in Amsterdam in November.
    expect(cell("lr-a", 5).textContent).toBe("10:01:02 · 87 ms · gelukt");
    expect(cell("lr-b", 5).textContent).toBe("10:05:00 · 5.000 ms · misluktLaatste fout (10:05:00): De bron antwoordde niet op tijd.");
  });
});
