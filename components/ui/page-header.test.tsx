import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { PageHeader } from "./page-header";
import { renderNl } from "./testing/render";

describe("PageHeader", () => {
  it("one h1, the description and the actions", () => {
    renderNl(
      <PageHeader title="Leerlingen" description="Alle leerlingen van de school." actions={<button type="button">Exporteer CSV</button>} />,
    );
    expect(screen.getAllByRole("heading")).toHaveLength(1);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Leerlingen");
    expect(screen.getByText("Alle leerlingen van de school.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Exporteer CSV" })).toBeTruthy();
  });

  it("without description or actions, only the heading", () => {
    const { container } = renderNl(<PageHeader title="Bronnen" />);
    expect(container.textContent).toBe("Bronnen");
    expect(container.querySelectorAll("p, button")).toHaveLength(0);
  });
});
