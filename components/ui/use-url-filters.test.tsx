import { act, renderHook } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { matching, oneOf, text, withDefault } from "./url-params";
import { useUrlFilters } from "./use-url-filters";

const nav = vi.hoisted(() => ({ replace: vi.fn(), routerReplace: vi.fn(), search: new URLSearchParams() }));
vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: nav.routerReplace }),
  usePathname: () => "/leerlingen",
  useSearchParams: () => nav.search,
}));

const schema = {
  sort: withDefault(oneOf(["familyName", "name", "dateOfBirth"] as const), "familyName"),
  dir: oneOf(["asc", "desc"] as const),
  schoolPeriodId: text(),
  page: matching(/^[1-9]\d{0,4}$/),
};

describe("useUrlFilters", () => {
  // The browser's history, as Next keeps useSearchParams in step with it: the URL written, never a server round trip.
  beforeEach(() => {
    nav.replace.mockReset();
    nav.routerReplace.mockReset();
    vi.spyOn(window.history, "replaceState").mockImplementation((_state, _unused, url) => nav.replace(url));
  });

  it("reads the filters from the URL; a value its field refuses counts as absent, an unknown parameter is not read", () => {
    nav.search = new URLSearchParams("sort=shoeSize&dir=desc&schoolPeriodId=2025-2026&page=0&name=Jansen");
    const { result } = renderHook(() => useUrlFilters(schema));
    expect(result.current[0]).toEqual({ sort: "familyName", dir: "desc", schoolPeriodId: "2025-2026", page: undefined });
  });

  it("writes the changes into the URL with history.replaceState (no new history entry, no scroll), in the schema's order", () => {
    nav.search = new URLSearchParams("schoolPeriodId=2025-2026&dir=desc");
    const { result } = renderHook(() => useUrlFilters(schema));
    act(() => result.current[1]({ sort: "dateOfBirth", dir: "asc" }));
    expect(nav.replace).toHaveBeenCalledTimes(1);
    expect(nav.replace).toHaveBeenCalledWith("/leerlingen?sort=dateOfBirth&dir=asc&schoolPeriodId=2025-2026");
  });

  it("drops what the schema refuses or does not know, and removes a filter set to empty", () => {
    nav.search = new URLSearchParams("dir=sideways&q=Jansen&page=3&schoolPeriodId=2025-2026");
    const { result } = renderHook(() => useUrlFilters(schema));
    act(() => result.current[1]({ schoolPeriodId: "", page: 12 }));
    expect(nav.replace).toHaveBeenLastCalledWith("/leerlingen?page=12");
    act(() => result.current[1]({ page: "-1", sort: "shoeSize" }));
    expect(nav.replace).toHaveBeenLastCalledWith("/leerlingen?schoolPeriodId=2025-2026");
    act(() => result.current[1]({ schoolPeriodId: undefined }));
    expect(nav.replace).toHaveBeenLastCalledWith("/leerlingen?page=3");
  });

  it("for a list the server renders, asks the server for the page anew (router.replace, no scroll) instead", () => {
    nav.search = new URLSearchParams("schoolPeriodId=2025-2026");
    const { result } = renderHook(() => useUrlFilters(schema, { server: true }));
    act(() => result.current[1]({ dir: "desc" }));
    expect(nav.routerReplace).toHaveBeenCalledWith("/leerlingen?dir=desc&schoolPeriodId=2025-2026", { scroll: false });
    expect(nav.replace).not.toHaveBeenCalled();
  });
});
