import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderNl } from "@/components/ui/testing/render";
import { AttentionCard, LinkCard, type AttentionCardProps } from "./attention-card";

const base: AttentionCardProps = {
  id: "sources",
  title: "Gezondheid van de bronnen",
  lines: [],
  more: null,
  empty: "Niets te doen.",
  unreadable: null,
};

describe("AttentionCard", () => {
  it("lines are links to the page that shows them, with their count and code; a line without a page says who can act", () => {
    renderNl(
      <AttentionCard
        {...base}
        lines={[
          {
            key: "sources:records_left_out:las-a::",
            code: "records_left_out",
            count: 3,
            text: "Leerlingadministratie Alfa: 3 records weggelaten (ongeldig)",
            href: "/bronnen#health-las-a",
          },
          {
            key: "consentGaps:consent_refused:lr-a::",
            code: "consent_refused",
            count: 1,
            text: "Licentieregistratie: 1 gegevensdienst afgewezen",
            href: null,
            note: "De toestemmingsbeheerder kan dit oplossen.",
          },
        ]}
        more="En nog 2 regels."
      />,
    );
    const card = screen.getByRole("region", { name: "Gezondheid van de bronnen" });
    expect(card.dataset.state).toBe("attention");
    expect(
      within(card).getByRole("link", { name: "Leerlingadministratie Alfa: 3 records weggelaten (ongeldig)" }).getAttribute("href"),
    ).toBe("/bronnen#health-las-a");
    const items = within(card).getAllByRole("listitem");
    expect(items.map((li) => [li.dataset.code, li.dataset.count])).toEqual([
      ["records_left_out", "3"],
      ["consent_refused", "1"],
    ]);
    expect(within(items[1]!).queryByRole("link")).toBeNull();
    expect(items[1]!.textContent).toContain("De toestemmingsbeheerder kan dit oplossen.");
    expect(card.textContent).toContain("En nog 2 regels.");
    expect(card.textContent).not.toContain("Niets te doen.");
  });

  it("a line's count is grouped as the reader writes numbers; data-count keeps the number itself", () => {
    renderNl(
      <AttentionCard
        {...base}
        lines={[{ key: "sources:source_failed:las-a::", code: "source_failed", count: 12345, text: "Alfa: veel", href: "/bronnen" }]}
      />,
    );
    const item = screen.getByRole("listitem");
    expect(item.dataset.count).toBe("12345");
    expect(item.firstElementChild!.textContent).toBe("12.345");
  });

  it("nothing to do is said only when the data could be read", () => {
    renderNl(<AttentionCard {...base} />);
    expect(screen.getByRole("region").dataset.state).toBe("clear");
    expect(screen.getByRole("region").textContent).toContain("Niets te doen.");
  });

  it("data that could not be read is said as such, never as nothing to do", () => {
    renderNl(<AttentionCard {...base} unreadable="Deze gegevens konden nu niet worden gelezen." />);
    const card = screen.getByRole("region");
    expect(card.dataset.state).toBe("unreadable");
    expect(card.textContent).toContain("Deze gegevens konden nu niet worden gelezen.");
    expect(card.textContent).not.toContain("Niets te doen.");
  });
});

describe("LinkCard", () => {
  it("a titled card with one link", () => {
    render(
      <LinkCard
        id="lookup"
        title="Opzoeken"
        text="Zoek iemand op."
        link={{ href: "/licentiegebruik", text: "Een leerling of medewerker opzoeken" }}
      />,
    );
    const card = screen.getByRole("region", { name: "Opzoeken" });
    expect(within(card).getByRole("link", { name: "Een leerling of medewerker opzoeken" }).getAttribute("href")).toBe("/licentiegebruik");
  });
});
