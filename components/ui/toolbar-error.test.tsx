import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiErrorOf } from "@/components/lists/api-error";
import { renderNl } from "./testing/render";
import { ToolbarError } from "./toolbar-error";

describe("ToolbarError: why a toolbar's action failed", () => {
  it("nothing when nothing failed", () => {
    const { container } = renderNl(<ToolbarError error={null} title="De export is mislukt" />);
    expect(container.textContent).toBe("");
  });

  it("the error's words under the title, on a line of its own", () => {
    const error = apiErrorOf(504, { error: { code: "timeout", message: "De bron antwoordde niet op tijd." } });
    renderNl(<ToolbarError error={error} title="De export is mislukt" />);
    const alert = screen.getByRole("alert", { name: "De export is mislukt" });
    expect(alert.textContent).toContain("De bron antwoordde niet op tijd.");
    expect(alert.closest("div.w-full")).not.toBeNull();
  });
});
