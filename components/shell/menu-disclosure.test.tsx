import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { MenuDisclosure } from "./menu-disclosure";

function renderMenu(collapsible = true) {
  return render(
    <MenuDisclosure brand={<span>Leermiddelendashboard</span>} label="Menu" panelId="main-menu" collapsible={collapsible}>
      <nav aria-label="Hoofdmenu">
        <a href="#bronnen">Bronnen</a>
      </nav>
      <form onSubmit={(e) => e.preventDefault()}>
        <button type="submit">Wissel</button>
      </form>
    </MenuDisclosure>,
  );
}

const panel = () => document.getElementById("main-menu")!;

describe("MenuDisclosure", () => {
  it("a disclosure button that controls the panel: closed at first, opened and closed by keyboard, Escape returns the focus", async () => {
    const user = userEvent.setup();
    renderMenu();
    const button = screen.getByRole("button", { name: "Menu" });
    expect(button.getAttribute("aria-controls")).toBe("main-menu");
    expect(button.getAttribute("aria-expanded")).toBe("false");
    // Hidden on narrow screens, always shown from lg (the sidebar).
    expect(panel().className).toMatch(/(^| )hidden( |$)/);
    expect(panel().className).toContain("lg:block");

    button.focus();
    await user.keyboard("{Enter}");
    expect(button.getAttribute("aria-expanded")).toBe("true");
    expect(panel().className).not.toMatch(/(^| )hidden( |$)/);

    await user.tab();
    expect(document.activeElement?.textContent).toBe("Bronnen");
    await user.keyboard("{Escape}");
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(button);

    await user.keyboard(" ");
    expect(button.getAttribute("aria-expanded")).toBe("true");
  });

  it("sending one of its forms closes it", async () => {
    const user = userEvent.setup();
    renderMenu();
    await user.click(screen.getByRole("button", { name: "Menu" }));
    await user.click(screen.getByRole("button", { name: "Wissel" }));
    expect(screen.getByRole("button", { name: "Menu" }).getAttribute("aria-expanded")).toBe("false");
  });

  it("with nothing to navigate there is no button and the panel is always shown", () => {
    renderMenu(false);
    expect(screen.queryByRole("button", { name: "Menu" })).toBeNull();
    expect(panel().className).not.toMatch(/(^| )hidden( |$)/);
  });
});
