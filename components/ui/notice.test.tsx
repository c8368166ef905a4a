import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Notice } from "./notice";
import { renderNl } from "./testing/render";

describe("Notice", () => {
  it("an error is an alert whose text is the message, named by its title; the action sits beside it", () => {
    renderNl(
      <Notice tone="error" title="Opslaan mislukt" action={<button type="button">Opnieuw</button>}>
        <p>De invoer is onjuist.</p>
      </Notice>,
    );
    const alert = screen.getByRole("alert", { name: "Opslaan mislukt" });
    expect(alert.textContent).toBe("De invoer is onjuist.");
    expect(alert.contains(screen.getByRole("button", { name: "Opnieuw" }))).toBe(false);
    expect(screen.queryByRole("status")).toBeNull();
  });

  it.each(["warning", "info"] as const)("%s is a status, not an alert", (tone) => {
    renderNl(<Notice tone={tone}>3 records waren ongeldig.</Notice>);
    expect(screen.getByRole("status").textContent).toBe("3 records waren ongeldig.");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("the role can be set: an alert in warning colours, or no live region for content that is polled", () => {
    renderNl(
      <Notice tone="warning" role="alert">
        Een deel ontbreekt.
      </Notice>,
    );
    expect(screen.getByRole("alert").textContent).toBe("Een deel ontbreekt.");
    renderNl(
      <Notice tone="warning" role={null} data-testid="poll">
        Ophalen lukt niet.
      </Notice>,
    );
    expect(screen.getByTestId("poll").textContent).toBe("Ophalen lukt niet.");
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("each tone has its own colours", () => {
    const { container } = renderNl(
      <>
        <Notice tone="error">a</Notice>
        <Notice tone="warning">b</Notice>
        <Notice tone="info">c</Notice>
      </>,
    );
    const classes = [...container.children].map((c) => c.className);
    expect(new Set(classes).size).toBe(3);
    expect(classes[0]).toMatch(/red/);
    expect(classes[1]).toMatch(/amber/);
  });
});
