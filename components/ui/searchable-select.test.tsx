import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import nl from "@/lib/i18n/messages/nl.json";
import { FilterSelect } from "./filter-select";
import { SEARCH_ABOVE, SearchableSelect } from "./searchable-select";
import { renderNl } from "./testing/render";

const texts = (select: HTMLElement) =>
  within(select)
    .getAllByRole("option")
    .map((o) => o.textContent);

/** 20 subjects, two of them with accents: more than SEARCH_ABOVE. */
const subjects = ["Één-op-één", "Française", "Frans", ...Array.from({ length: 17 }, (_, i) => `Wiskunde ${i + 1}`)];

/** A searchable select that keeps what was chosen, as a page does. */
function Chooser({ start = "", change = () => {} }: { start?: string; change?: (v: string) => void }) {
  const [value, setValue] = useState(start);
  return (
    <FilterSelect
      id="subject"
      label="Vak"
      searchable
      value={value}
      onChange={(v) => {
        setValue(v);
        change(v);
      }}
      options={subjects}
    />
  );
}

describe("SearchableSelect", () => {
  it("with a short list: the plain labelled select, no search field", () => {
    const few = subjects.slice(0, SEARCH_ABOVE);
    renderNl(<FilterSelect id="few" label="Vak" searchable value="" onChange={() => {}} options={few} />);
    const select = screen.getByRole("combobox", { name: "Vak" });
    expect([select.id, texts(select)]).toEqual(["few", [nl.kit.all, ...few]]);
    expect(screen.queryByRole("searchbox")).toBeNull();
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("with a long list: a labelled search field, described by the list's label, that narrows the options accent- and case-insensitively", async () => {
    renderNl(<Chooser />);
    const select = screen.getByRole("combobox", { name: "Vak" });
    const search = screen.getByRole("searchbox", { name: nl.kit.searchList });
    expect([search.id, search.getAttribute("aria-describedby")]).toEqual(["subject-search", "subject-label"]);
    expect(document.getElementById("subject-label")?.textContent).toBe("Vak");
    expect(search.className).toMatch(/min-h-6/);
    expect(texts(select)).toHaveLength(21);
    await userEvent.type(search, "EEN");
    expect(texts(select)).toEqual([nl.kit.all, "Één-op-één"]);
    expect(screen.getByRole("status").textContent).toBe("1 van 20 past");
    await userEvent.clear(search);
    await userEvent.type(search, "francais");
    expect(texts(select)).toEqual([nl.kit.all, "Française"]);
    await userEvent.clear(search);
    await userEvent.type(search, "wiskunde 1");
    expect(texts(select)).toEqual([nl.kit.all, "Wiskunde 1", ...subjects.slice(12)]);
    expect(screen.getByRole("status").textContent).toBe("9 van 20 passen");
  });

  it("keeps the value in force while narrowing, and chooses from what is left", async () => {
    const change = vi.fn();
    renderNl(<Chooser start="Wiskunde 7" change={change} />);
    const select = screen.getByRole<HTMLSelectElement>("combobox", { name: "Vak" });
    await userEvent.type(screen.getByRole("searchbox"), "frans");
    expect(texts(select)).toEqual([nl.kit.all, "Frans", "Wiskunde 7"]);
    expect(select.value).toBe("Wiskunde 7");
    expect(screen.getByRole("status").textContent).toBe("1 van 20 past");
    await userEvent.selectOptions(select, "Frans");
    expect([change.mock.calls, select.value]).toEqual([[["Frans"]], "Frans"]);
    expect(texts(select)).toEqual([nl.kit.all, "Frans"]);
  });

  it("narrows groups too, leaving out those with nothing left, and keeps a value in force from a group", async () => {
    const groups = [
      { label: "Vakken", options: subjects.slice(3).map((s) => ({ value: `subject:${s}`, label: s })) },
      { label: "Opleidingen", options: ["havo 4", "vwo 5"].map((s) => ({ value: `study:${s}`, label: s })) },
    ];
    renderNl(
      <SearchableSelect id="o" label="Aanbod" all="Kies" value="study:vwo 5" onChange={() => {}} groups={groups} className="max-w-96" />,
    );
    const select = screen.getByRole<HTMLSelectElement>("combobox", { name: "Aanbod" });
    expect(select.className).toMatch(/max-w-96/);
    await userEvent.type(screen.getByRole("searchbox"), "wiskunde 17");
    expect([...select.querySelectorAll("optgroup")].map((g) => [g.label, texts(g)])).toEqual([
      ["Vakken", ["Wiskunde 17"]],
      ["Opleidingen", ["vwo 5"]],
    ]);
    expect(select.value).toBe("study:vwo 5");
    await userEvent.clear(screen.getByRole("searchbox"));
    await userEvent.type(screen.getByRole("searchbox"), "havo");
    expect([...select.querySelectorAll("optgroup")].map((g) => g.label)).toEqual(["Opleidingen"]);
    expect(texts(select)).toEqual(["Kies", "havo 4", "vwo 5"]);
  });

  it("Enter in the search field does not send the form around it", async () => {
    const submit = vi.fn((e: { preventDefault: () => void }) => e.preventDefault());
    renderNl(
      <form onSubmit={submit}>
        <Chooser />
        <input aria-label="Naam" />
        <button type="submit">Verstuur</button>
      </form>,
    );
    await userEvent.type(screen.getByRole("searchbox"), "frans{Enter}");
    expect(submit).not.toHaveBeenCalled();
    await userEvent.type(screen.getByRole("textbox", { name: "Naam" }), "x{Enter}");
    expect(submit).toHaveBeenCalledOnce();
  });
});
