import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import nl from "@/lib/i18n/messages/nl.json";
import { Skeleton } from "./skeleton";
import { renderNl } from "./testing/render";

describe("Skeleton", () => {
  it("a busy status that says it is loading, with as many bars as rows, hidden from screen readers", () => {
    renderNl(<Skeleton rows={4} />);
    const status = screen.getByRole("status");
    expect(status.getAttribute("aria-busy")).toBe("true");
    expect(status.textContent).toBe(nl.notices.loading);
    expect(status.querySelectorAll('[aria-hidden="true"]')).toHaveLength(4);
  });

  it("says what is loading when told", () => {
    renderNl(<Skeleton label="De leerlingen worden opgehaald…" rows={0} />);
    expect(screen.getByRole("status").textContent).toBe("De leerlingen worden opgehaald…");
  });
});
