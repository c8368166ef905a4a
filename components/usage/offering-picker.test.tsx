import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { renderNl } from "@/components/ui/testing/render";
import nl from "@/lib/i18n/messages/nl.json";
import { bodyOf, OfferingPicker } from "./offering-picker";
import type { UsageOptions } from "./queries";

const base = { today: "2026-09-01", referenceDateSet: false };
/** Each group's label and its options' values, in the order shown. */
const groupsOf = (select: HTMLElement) =>
  [...select.querySelectorAll("optgroup")].map((g) => [
    g.label,
    within(g)
      .queryAllByRole("option")
      .map((o) => o.getAttribute("value")),
  ]);

describe("OfferingPicker", () => {
  it("offers subject and study offerings in groups of their own, by study year, then code in natural order ('2A' before '10A')", async () => {
    const options: UsageOptions = {
      ...base,
      subjectOfferings: [
        { id: "wi-10a", count: 1 },
        { id: "wi-2a", count: 2 },
      ],
      studyOfferings: [
        { id: "10A", studyYear: 1, count: 3 },
        { id: "2A", studyYear: 2, count: 4 },
        { id: "1B", studyYear: 2, count: 5, unknownStatus: 1 },
        { id: "zonder-jaar", count: 0 },
      ],
    };
    const change = vi.fn();
    renderNl(<OfferingPicker value="" onChange={change} options={options} />);
    const select = screen.getByRole("combobox", { name: nl.usage.offering });
    expect(select.id).toBe("coverage-offering");
    expect(select.className).toMatch(/max-w-96/);
    expect(within(select).getAllByRole("option")[0]!.textContent).toBe(nl.usage.chooseOffering);
    expect(groupsOf(select)).toEqual([
      [nl.usage.subjectOfferings, ["subject:wi-2a", "subject:wi-10a"]],
      [nl.usage.studyOfferings, ["study:10A", "study:1B", "study:2A", "study:zonder-jaar"]],
    ]);
    expect(screen.getByRole("option", { name: /^1B/ }).textContent).toBe(
      "1B (5 lopende inschrijvingen; 1 met een onbekende status, niet meegeteld)",
    );
    expect(screen.queryByRole("searchbox")).toBeNull();
    await userEvent.selectOptions(select, "study:2A");
    expect(change).toHaveBeenCalledWith("study:2A");
    expect(bodyOf("study:2A")).toEqual({ studyOfferingId: "2A" });
  });

  it("a long list gets a search field; the offering chosen stays while narrowing", async () => {
    const studyOfferings = Array.from({ length: 14 }, (_, i) => ({ id: `h${i + 1}`, studyYear: i + 1, count: 1 }));
    renderNl(<OfferingPicker value="study:h12" onChange={() => {}} options={{ ...base, subjectOfferings: [], studyOfferings }} />);
    const select = screen.getByRole<HTMLSelectElement>("combobox", { name: nl.usage.offering });
    await userEvent.type(screen.getByRole("searchbox", { name: nl.kit.searchList }), "h1");
    expect(groupsOf(select)).toEqual([
      [nl.usage.studyOfferings, ["study:h1", "study:h10", "study:h11", "study:h12", "study:h13", "study:h14"]],
    ]);
    await userEvent.clear(screen.getByRole("searchbox"));
    await userEvent.type(screen.getByRole("searchbox"), "h3");
    expect(groupsOf(select)).toEqual([[nl.usage.studyOfferings, ["study:h3", "study:h12"]]]);
    expect(select.value).toBe("study:h12");
  });
});
