import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import nl from "@/lib/i18n/messages/nl.json";
import { FilterSelect } from "./filter-select";
import { renderNl } from "./testing/render";

const texts = (select: HTMLElement) =>
  within(select)
    .getAllByRole("option")
    .map((o) => o.textContent);

describe("FilterSelect", () => {
  it("is bound to its label by id, offers 'Alle' first and the options in the order given, and says what was chosen", async () => {
    const change = vi.fn();
    renderNl(
      <FilterSelect
        id="f-period"
        label="Schooljaar"
        value=""
        onChange={change}
        options={["2026-2027", "2024-2025", { value: "2025-2026", label: "dit schooljaar" }]}
      />,
    );
    const select = screen.getByLabelText("Schooljaar");
    expect(select.id).toBe("f-period");
    expect(texts(select)).toEqual([nl.kit.all, "2026-2027", "2024-2025", "dit schooljaar"]);
    expect(select.className).toMatch(/focus-visible:outline/);
    await userEvent.selectOptions(select, "2025-2026");
    expect(change).toHaveBeenCalledWith("2025-2026");
  });

  it("shows a value that is not offered (an old link), another first option, or none", () => {
    renderNl(<FilterSelect id="a" label="Aanbod" value="sub-oud" onChange={() => {}} options={["sub-nieuw"]} />);
    const select = screen.getByLabelText<HTMLSelectElement>("Aanbod");
    expect([select.value, texts(select)]).toEqual(["sub-oud", [nl.kit.all, "sub-nieuw", "sub-oud"]]);
    renderNl(<FilterSelect id="b" label="Medewerker" all="— kies —" value="" onChange={() => {}} options={[]} />);
    expect(texts(screen.getByLabelText("Medewerker"))).toEqual(["— kies —"]);
    renderNl(
      <FilterSelect
        id="c"
        label="Soort kenmerk"
        all={false}
        value="NEPRI"
        onChange={() => {}}
        options={["NEPRI", "ASI"]}
        className="max-w-60"
      />,
    );
    const kind = screen.getByLabelText("Soort kenmerk");
    expect([texts(kind), kind.className]).toEqual([["NEPRI", "ASI"], expect.stringContaining("max-w-60")]);
  });
});
