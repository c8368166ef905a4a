import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderNl } from "@/components/ui/testing/render";
import type { AccessLogEntry } from "@/lib/contracts/access-log";
import { AccessLogFilterForm } from "./access-log-filters";
import { AccessLogTable } from "./access-log-table";
import { readAccessLogFilters } from "./filters";

const form = () => document.querySelector("form")!;
const control = (label: string) => screen.getByLabelText(label) as HTMLInputElement | HTMLSelectElement;

describe("the access log's filters", () => {
  it("are a GET form whose controls carry the query's names and show the filters in force", () => {
    renderNl(
      <AccessLogFilterForm
        filters={{ dataKind: "usage", outcome: "refused", actor: "support@leermiddelen.example", from: "2026-11-01", until: "2026-11-30" }}
      />,
    );
    expect(form().getAttribute("method")).toBe("get");
    const shown = ["Gegevens", "Uitkomst", "Medewerker (e-mail)", "Van", "Tot en met"].map((label) => [
      control(label).name,
      control(label).value,
    ]);
    expect(shown).toEqual([
      ["dataKind", "usage"],
      ["outcome", "refused"],
      ["actor", "support@leermiddelen.example"],
      ["from", "2026-11-01"],
      ["until", "2026-11-30"],
    ]);
    expect(Object.fromEntries(new FormData(form()))).toEqual({
      dataKind: "usage",
      outcome: "refused",
      actor: "support@leermiddelen.example",
      from: "2026-11-01",
      until: "2026-11-30",
    });
    expect(within(form()).getByRole("button", { name: "Filteren" }).getAttribute("type")).toBe("submit");
  });

  it("offer every kind of data and outcome in words, after Alle", () => {
    renderNl(<AccessLogFilterForm filters={{}} />);
    const kinds = within(control("Gegevens") as HTMLSelectElement).getAllByRole("option");
    expect(kinds.map((o) => o.textContent)).toEqual([
      "Alle",
      "Leerlingen",
      "Inschrijvingen",
      "Toewijzingen",
      "Licentiegebruik",
      "Toestemming",
      "Toegangslog",
      "Medewerkerslijst",
    ]);
    expect(
      within(control("Uitkomst") as HTMLSelectElement)
        .getAllByRole("option")
        .map((o) => [o.getAttribute("value"), o.textContent]),
    ).toEqual([
      ["", "Alle"],
      ["served", "Getoond"],
      ["refused", "Geweigerd"],
    ]);
    expect([control("Gegevens").value, control("Uitkomst").value, control("Van").value]).toEqual(["", "", ""]);
  });

  it("are read from the query string as the contract takes them: what it refuses counts as absent", () => {
    expect(
      readAccessLogFilters({
        dataKind: "usage",
        outcome: "refused",
        actor: "  Support@Leermiddelen.example ",
        from: "2026-11-01",
        until: "2026-11-30",
      }),
    ).toEqual({ dataKind: "usage", outcome: "refused", actor: "support@leermiddelen.example", from: "2026-11-01", until: "2026-11-30" });
    expect(
      readAccessLogFilters({ dataKind: "shoes", outcome: ["served", "refused"], actor: " ", from: "2026-02-30", until: "gisteren" }),
    ).toEqual({ dataKind: undefined, outcome: "served", actor: undefined, from: undefined, until: undefined });
  });
});

describe("the access log's table", () => {
  const entry: AccessLogEntry = {
    id: 7,
    at: "2026-11-24T09:01:02.345Z",
    actor: "p.deboer@obsderegenboog.example",
    actorRoles: "schoolbeheer",
    schoolId: "s1",
    dataKind: "students",
    action: "list",
    personCount: 50,
    personHash: null,
    outcome: "served",
  };

  it("shows each row in words, the school by name and a refusal so it stands out", () => {
    renderNl(
      <AccessLogTable
        rows={[entry, { ...entry, id: 8, outcome: "refused", schoolId: "s9", personCount: 0 }]}
        schoolNames={{ s1: "OBS De Regenboog" }}
        filtered={false}
      />,
    );
    const rows = within(screen.getByRole("table", { name: "Laatste 200 inzages" }))
      .getAllByRole("row")
      .slice(1);
    expect(rows.map((r) => r.dataset.outcome)).toEqual(["served", "refused"]);
    expect(
      within(rows[0]!)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual([
      // The school's clock: 09:01 UTC is 10:01 in Amsterdam in November.
      "24-11-2026 10:01:02",
      "p.deboer@obsderegenboog.example",
      "schoolbeheer",
      "OBS De Regenboog",
      "Leerlingen",
      "lijst",
      "50",
      "Getoond",
    ]);
    expect(within(rows[1]!).getAllByRole("cell")[3]!.textContent).toBe("s9");
    expect(within(rows[1]!).getByText("Geweigerd").className).toContain("font-semibold");
  });

  it("an empty log says whether filters were in force", () => {
    const { unmount } = renderNl(<AccessLogTable rows={[]} schoolNames={{}} filtered={false} />);
    expect(screen.getByText("Geen inzages gevonden voor uw scholen.")).toBeTruthy();
    unmount();
    renderNl(<AccessLogTable rows={[]} schoolNames={{}} filtered />);
    expect(screen.getByText("Geen inzages gevonden voor uw scholen met deze filters.")).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
  });
});
