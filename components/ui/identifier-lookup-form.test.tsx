import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { IdentifierLookupForm } from "./identifier-lookup-form";
import { renderNl } from "./testing/render";

const TYPES = [
  { value: "eckId", label: "ECK iD" },
  { value: "NEPPI", label: "NEPPI" },
] as const;

function form(onLookup = vi.fn()) {
  renderNl(
    <IdentifierLookupForm
      headingId="by-id"
      idPrefix="x-id"
      heading="Op identificatie"
      typeLabel="Soort"
      valueLabel="Waarde"
      submitLabel="Opzoeken"
      note="Alleen in de body"
      types={TYPES}
      maxLength={20}
      onLookup={onLookup}
    />,
  );
  return onLookup;
}

describe("IdentifierLookupForm", () => {
  it("is a form named by its heading, with both controls bound to their labels by the ids asked for", () => {
    form();
    expect(screen.getByRole("form", { name: "Op identificatie" })).toBeTruthy();
    expect(screen.getByLabelText("Soort").id).toBe("x-id-type");
    expect(screen.getByLabelText("Waarde").id).toBe("x-id-value");
    expect((screen.getByLabelText("Waarde") as HTMLInputElement).maxLength).toBe(20);
    expect(screen.getByText("Alleen in de body")).toBeTruthy();
  });

  it("hands over the chosen type and the trimmed value; the first type is chosen at the start", async () => {
    const onLookup = form();
    await userEvent.type(screen.getByLabelText("Waarde"), "  abc123  ");
    await userEvent.click(screen.getByRole("button", { name: "Opzoeken" }));
    expect(onLookup).toHaveBeenLastCalledWith("eckId", "abc123");
    await userEvent.selectOptions(screen.getByLabelText("Soort"), "NEPPI");
    await userEvent.click(screen.getByRole("button", { name: "Opzoeken" }));
    expect(onLookup).toHaveBeenLastCalledWith("NEPPI", "abc123");
  });

  it("sends nothing for a value of spaces only", async () => {
    const onLookup = form();
    const input = screen.getByLabelText("Waarde");
    await userEvent.type(input, "   ");
    // `required` lets spaces through; the form itself refuses them.
    input.closest("form")!.requestSubmit();
    expect(onLookup).not.toHaveBeenCalled();
  });
});
