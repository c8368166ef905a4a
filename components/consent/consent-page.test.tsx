import { act, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderNl } from "@/components/ui/testing/render";
import type { ConsentOverview } from "@/lib/contracts/consent";
import { ConsentPage, type ServerOverview } from "./consent-page";
import { matrixCell, requestView } from "./testing/requests";

const nav = vi.hoisted(() => ({ search: new URLSearchParams() }));
vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: vi.fn() }),
  usePathname: () => "/toestemming",
  useSearchParams: () => nav.search,
}));

const school = { id: "sg-de-horizon", name: "De Horizon" };
const data: ConsentOverview = {
  requests: [requestView({ consumerReferenceId: "req-1", status: "concept" })],
  matrix: {
    apis: ["students-api"],
    rows: [
      {
        providerId: "las-b",
        providerName: "Leerlingadministratie Beta",
        delivery: "put",
        statusPoll: { polledAt: null, lastError: null },
        cells: [matrixCell("students-api")],
      },
    ],
  },
  providers: [],
};
// 10:00 UTC is 11:00 on the school's clock.
const AT = Date.parse("2026-11-24T10:00:00Z");
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const show = (first: ServerOverview) => renderNl(<ConsentPage school={school} writable={[]} first={first} />);
const headersOf = (init: RequestInit | undefined) => (init?.headers ?? {}) as Record<string, string>;

beforeEach(() => {
  nav.search = new URLSearchParams();
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/**
 * The page starts from the overview the server read and polls it every 3 s without react-query: the
 * poll is in the background, a failed poll keeps what is shown and says since when.
 */
describe("the Toestemming page's overview", () => {
  it("shows the server's answer at once, then polls it in the background; a failed poll keeps it and says since when", async () => {
    const fetch = vi.spyOn(globalThis, "fetch").mockResolvedValue(json(503, { error: { code: "unavailable", message: "Even niet." } }));
    show({ ok: true, value: data, at: AT });
    expect(screen.getByText("Bijgewerkt om 11:00:00")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Overzicht per aanbieder" })).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();

    await act(() => vi.advanceTimersByTimeAsync(3_000));
    // Testing Library waits with the real clock.
    vi.useRealTimers();
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe("/api/consent?school=sg-de-horizon");
    expect(headersOf(init)["x-ldb-background"]).toBe("1");
    expect(await screen.findByText("Bijwerken mislukt, u ziet de gegevens van 11:00:00: Even niet.")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Overzicht per aanbieder" })).toBeTruthy();
  });

  it("reads the URL's filters, and says why the server's answer failed with a way to clear them", async () => {
    nav.search = new URLSearchParams("status=bogus");
    const fetch = vi.spyOn(globalThis, "fetch").mockResolvedValue(json(200, data));
    show({ ok: false, status: 400, body: { error: { code: "invalid_input", message: "Ongeldige invoer." } }, at: AT });
    expect(screen.getByText("De toestemmingsverzoeken konden niet worden opgehaald")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Filters wissen" })).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "Overzicht per aanbieder" })).toBeNull();
    expect(screen.queryByText(/^Bijgewerkt om/)).toBeNull();

    // The next poll (not the first read of its URL with an answer kept) asks for the filtered overview.
    await act(() => vi.advanceTimersByTimeAsync(3_000));
    vi.useRealTimers();
    expect(fetch.mock.calls[0]![0]).toBe("/api/consent?school=sg-de-horizon&status=bogus");
    expect(await screen.findByRole("heading", { name: "Overzicht per aanbieder" })).toBeTruthy();
  });
});
