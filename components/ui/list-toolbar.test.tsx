import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState, type ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import nl from "@/lib/i18n/messages/nl.json";
import { ListToolbar } from "./list-toolbar";
import { renderNl } from "./testing/render";
import { useRefresh } from "./use-refresh";

const KEY = ["students", { sort: "familyName" }, 1] as const;

function setup(refreshFn: () => Promise<unknown>) {
  const client = new QueryClient();
  client.setQueryData(KEY, { total: 1 });
  client.setQueryData(["students", { sort: "familyName" }, 2], { total: 1 });
  client.setQueryData(["enrollment-options"], {});
  client.setQueryData(["employees"], {});
  const invalidate = vi.spyOn(client, "invalidateQueries");
  function List({ children }: { children?: ReactNode }) {
    const refresh = useRefresh(KEY, refreshFn, ["enrollment-options"]);
    const [failed, setFailed] = useState<unknown>(null);
    return (
      <ListToolbar count="204 leerlingen" ageSeconds={12} onRefresh={async () => setFailed((await refresh())?.error ?? null)}>
        {failed ? <p>mislukt</p> : children}
      </ListToolbar>
    );
  }
  renderNl(
    <QueryClientProvider client={client}>
      <List />
    </QueryClientProvider>,
  );
  const state = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;
  return { client, invalidate, state };
}

describe("ListToolbar and useRefresh", () => {
  it("shows the count as a status, the data's age, and the export button when there is an export", async () => {
    const exportCsv = vi.fn();
    renderNl(<ListToolbar count="204 leerlingen" ageSeconds={35} onExport={exportCsv} />);
    expect(screen.getByRole("status").textContent).toBe("204 leerlingen");
    expect(screen.getByText("Gegevens van 35 s geleden")).toBeTruthy();
    expect(screen.queryByRole("button", { name: nl.kit.refresh })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: nl.kit.export }));
    expect(exportCsv).toHaveBeenCalledTimes(1);
  });

  it("refresh: asks once, puts the answer in its query, then marks the other queries of that list (and those named) stale, once", async () => {
    const refreshFn = vi.fn(async () => ({ total: 2 }));
    const { client, invalidate, state } = setup(refreshFn);
    await userEvent.click(screen.getByRole("button", { name: nl.kit.refresh }));
    await vi.waitFor(() => expect(invalidate).toHaveBeenCalledTimes(1));
    expect(refreshFn).toHaveBeenCalledTimes(1);
    expect(refreshFn.mock.invocationCallOrder[0]).toBeLessThan(invalidate.mock.invocationCallOrder[0]!);
    expect(client.getQueryData(KEY)).toEqual({ total: 2 });
    expect([state(KEY), state(["students", { sort: "familyName" }, 2]), state(["enrollment-options"]), state(["employees"])]).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });

  it("a failed refresh keeps the data, invalidates nothing and hands the error to the page", async () => {
    const { client, invalidate } = setup(async () => {
      throw new Error("De bron is druk.");
    });
    await userEvent.click(screen.getByRole("button", { name: nl.kit.refresh }));
    expect(await screen.findByText("mislukt")).toBeTruthy();
    expect(invalidate).not.toHaveBeenCalled();
    expect(client.getQueryData(KEY)).toEqual({ total: 1 });
  });
});
