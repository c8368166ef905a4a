import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { Field } from "./field";
import { NativeSelect } from "./native-select";

describe("NativeSelect", () => {
  it("in a server-rendered GET form: named, bound to its Field's label, the value in force selected", () => {
    render(
      <form>
        <Field id="outcome" label="Uitkomst">
          {(c) => (
            <NativeSelect
              {...c}
              name="outcome"
              defaultValue="refused"
              all="Alle"
              options={[
                { value: "served", label: "Getoond" },
                { value: "refused", label: "Geweigerd" },
              ]}
            />
          )}
        </Field>
      </form>,
    );
    const select = screen.getByLabelText("Uitkomst") as HTMLSelectElement;
    expect([select.name, select.value, select.className]).toEqual(["outcome", "refused", expect.stringContaining("rounded border")]);
    expect(
      within(select)
        .getAllByRole("option")
        .map((o) => [o.getAttribute("value"), o.textContent]),
    ).toEqual([
      ["", "Alle"],
      ["served", "Getoond"],
      ["refused", "Geweigerd"],
    ]);
    expect(Object.fromEntries(new FormData(document.querySelector("form")!))).toEqual({ outcome: "refused" });
  });

  it("keeps a value in force that is not offered, and offers no empty option without `all`", async () => {
    const change = vi.fn();
    render(
      <NativeSelect aria-label="Periode" value="2019-2020" onChange={(e) => change(e.target.value)} options={["2025-2026", "2026-2027"]} />,
    );
    const select = screen.getByLabelText("Periode") as HTMLSelectElement;
    expect(
      within(select)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["2025-2026", "2026-2027", "2019-2020"]);
    expect(select.value).toBe("2019-2020");
    await userEvent.selectOptions(select, "2026-2027");
    expect(change).toHaveBeenCalledWith("2026-2027");
  });
});

describe("NativeSelect with groups", () => {
  const groups = [
    { label: "Vakken", options: [{ value: "subject:4a", label: "4A" }] },
    { label: "Opleidingen", options: [{ value: "study:h4", label: "havo 4" }, "study:v5"] },
  ];
  /** Each option as [group or "", value, words], in the order shown. */
  const shown = (select: HTMLElement) =>
    within(select)
      .getAllByRole("option")
      .map((o) => [
        o.parentElement?.tagName === "OPTGROUP" ? o.parentElement.getAttribute("label") : "",
        o.getAttribute("value"),
        o.textContent,
      ]);

  it("shows the first option, the options, then each group under its label, in the order given", () => {
    render(<NativeSelect aria-label="Aanbod" value="study:h4" onChange={() => {}} all="— kies —" options={["los"]} groups={groups} />);
    const select = screen.getByLabelText<HTMLSelectElement>("Aanbod");
    expect([...select.querySelectorAll("optgroup")].map((g) => g.label)).toEqual(["Vakken", "Opleidingen"]);
    expect(shown(select)).toEqual([
      ["", "", "— kies —"],
      ["", "los", "los"],
      ["Vakken", "subject:4a", "4A"],
      ["Opleidingen", "study:h4", "havo 4"],
      ["Opleidingen", "study:v5", "study:v5"],
    ]);
    expect(select.value).toBe("study:h4");
  });

  it("keeps a value in force that no group offers, ungrouped before the groups; one a group offers is not added again", () => {
    const { unmount } = render(<NativeSelect aria-label="Aanbod" defaultValue="subject:oud" groups={groups} />);
    const select = screen.getByLabelText<HTMLSelectElement>("Aanbod");
    expect(shown(select)).toEqual([
      ["", "subject:oud", "subject:oud"],
      ["Vakken", "subject:4a", "4A"],
      ["Opleidingen", "study:h4", "havo 4"],
      ["Opleidingen", "study:v5", "study:v5"],
    ]);
    expect(select.value).toBe("subject:oud");
    unmount();
    render(<NativeSelect aria-label="Aanbod" defaultValue="study:v5" groups={groups} />);
    expect(screen.getAllByRole("option")).toHaveLength(3);
    expect(screen.getByLabelText<HTMLSelectElement>("Aanbod").value).toBe("study:v5");
  });
});
