import { act, render, screen } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { clientLazy } from "./client-lazy";

const Greeting = ({ name }: { name: string }) => <p>Hallo {name}</p>;

describe("clientLazy: a component whose code loads in the browser only", () => {
  it("renders only the fallback on the server, and does not load the code there", () => {
    const load = vi.fn(async () => Greeting);
    const Lazy = clientLazy(load, <p>Laden…</p>);
    expect(renderToString(<Lazy name="Bram" />)).toBe("<p>Laden…</p>");
    expect(load).not.toHaveBeenCalled();
  });

  it("in the browser loads the code once, shows the fallback meanwhile, then the component with its props", async () => {
    let resolve!: (c: typeof Greeting) => void;
    const load = vi.fn(() => new Promise<typeof Greeting>((r) => (resolve = r)));
    const Lazy = clientLazy(load, <p>Laden…</p>);
    render(
      <>
        <Lazy name="Bram" />
        <Lazy name="Anna" />
      </>,
    );
    expect(screen.getAllByText("Laden…")).toHaveLength(2);
    await act(async () => resolve(Greeting));
    expect(screen.getByText("Hallo Bram")).toBeTruthy();
    expect(screen.getByText("Hallo Anna")).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(1);
  });
});
