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
