import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { Button, ButtonLink } from "./button";
import { renderNl } from "./testing/render";

describe("Button and ButtonLink", () => {
  it("a Button does not submit its form unless told to, and does nothing when disabled", async () => {
    const submit = vi.fn((e: { preventDefault: () => void }) => e.preventDefault());
    const click = vi.fn();
    renderNl(
      <form onSubmit={submit}>
        <Button onClick={click}>Vernieuwen</Button>
        <Button variant="primary" type="submit">
          Opslaan
        </Button>
        <Button disabled onClick={click}>
          Weg
        </Button>
      </form>,
    );
    await userEvent.click(screen.getByRole("button", { name: "Vernieuwen" }));
    expect([click.mock.calls.length, submit.mock.calls.length]).toEqual([1, 0]);
    await userEvent.click(screen.getByRole("button", { name: "Opslaan" }));
    expect(submit).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByRole("button", { name: "Weg" }));
    expect(click).toHaveBeenCalledTimes(1);
  });

  it("the variants differ and both show a focus ring", () => {
    renderNl(
      <>
        <Button variant="primary">a</Button>
        <Button>b</Button>
      </>,
    );
    const [a, b] = screen.getAllByRole("button");
    expect(a!.className).not.toBe(b!.className);
    for (const el of [a!, b!]) expect(el.className).toMatch(/focus-visible:outline/);
  });

  it("a ButtonLink is a link with the button's looks", () => {
    renderNl(
      <ButtonLink href="/toestemming" variant="primary">
        Toestemming
      </ButtonLink>,
    );
    const a = screen.getByRole("link", { name: "Toestemming" });
    expect(a.getAttribute("href")).toBe("/toestemming");
    expect(a.className).toMatch(/focus-visible:outline/);
  });
});
