import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Field } from "./field";
import { renderNl } from "./testing/render";

describe("Field", () => {
  it("binds the label to the control and the hint as its description", () => {
    renderNl(
      <Field label="Reden" hint="Minstens 10 tekens.">
        {(c) => <textarea {...c} />}
      </Field>,
    );
    const control = screen.getByLabelText("Reden");
    expect(control.tagName).toBe("TEXTAREA");
    expect(document.getElementById(control.getAttribute("aria-describedby")!)?.textContent).toBe("Minstens 10 tekens.");
    expect(control.className).toMatch(/focus-visible:outline/);
  });

  it("keeps a given id and describes nothing without a hint", () => {
    renderNl(
      <Field label="Zoek op naam" id="search">
        {(c) => <input type="search" {...c} />}
      </Field>,
    );
    const control = screen.getByLabelText("Zoek op naam");
    expect(control.id).toBe("search");
    expect(control.hasAttribute("aria-describedby")).toBe(false);
  });

  it("two fields get two ids", () => {
    renderNl(
      <>
        <Field label="A">{(c) => <input {...c} />}</Field>
        <Field label="B">{(c) => <input {...c} />}</Field>
      </>,
    );
    expect(screen.getByLabelText("A").id).not.toBe(screen.getByLabelText("B").id);
  });
});
