import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { QueryView, type QueryLike } from "./query-view";
import { renderNl } from "./testing/render";

const view = (query: QueryLike<string>) =>
  renderNl(
    <QueryView query={query} loadingLabel="Gebruik wordt opgehaald…" errorTitle="Opzoeken lukte niet">
      {(data) => <p>antwoord: {data}</p>}
    </QueryView>,
  );

describe("QueryView", () => {
  it("while loading: a busy status in the words given, nothing of the answer", () => {
    view({ isPending: true, isError: false, error: null, data: undefined });
    const status = screen.getByRole("status");
    expect(status.getAttribute("aria-busy")).toBe("true");
    expect(status.textContent).toContain("Gebruik wordt opgehaald…");
    expect(screen.queryByText(/antwoord/)).toBeNull();
  });

  it("a failed answer: the error notice under the title given", () => {
    view({ isPending: false, isError: true, error: new Error("kapot"), data: undefined });
    expect(screen.getByText("Opzoeken lukte niet")).toBeTruthy();
    expect(screen.queryByText(/antwoord/)).toBeNull();
  });

  it("the answer as the children show it", () => {
    view({ isPending: false, isError: false, error: null, data: "42" });
    expect(screen.getByText("antwoord: 42")).toBeTruthy();
    expect(screen.queryByRole("status")).toBeNull();
  });
});
