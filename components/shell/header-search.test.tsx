import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderNl } from "@/components/ui/testing/render";
import { HeaderSearch, type SearchAnswer } from "./header-search";

const A = "a".repeat(32);
const B = "b".repeat(32);
const E = "e".repeat(32);

const ANSWER: SearchAnswer = {
  people: [
    {
      kind: "student",
      key: A,
      name: "Fatima Jansen",
      maskedId: "ECK iD ••••8c27",
      group: "3A",
      yearOfBirth: 2015,
      href: `/licentiegebruik?studentKey=${A}`,
    },
    {
      kind: "student",
      key: B,
      name: "Fatima Jansen",
      maskedId: "ECK iD ••••996e",
      group: "5B",
      yearOfBirth: 2013,
      href: `/licentiegebruik?studentKey=${B}`,
    },
    { kind: "employee", key: E, name: "Fatima de Docent", maskedId: "ASI ••••0417", href: "/licentiegebruik" },
  ],
  more: false,
};

function answering(body: unknown, status = 200) {
  const fetchMock = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>(
    async () => new Response(JSON.stringify(body), { status }),
  );
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("HeaderSearch", () => {
  it("a labelled search box and button; the text goes in a POST body, never the URL; the matches are listed and counted in a live region", async () => {
    const user = userEvent.setup();
    const fetchMock = answering(ANSWER);
    renderNl(<HeaderSearch />);
    expect(screen.getByRole("search")).toBeTruthy();
    const box = screen.getByRole("searchbox", { name: "Zoek leerling of medewerker" });
    await user.type(box, "Fatima Jansen");
    await user.click(screen.getByRole("button", { name: "Zoek" }));

    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("3 personen gevonden"));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("/api/search");
    expect(init?.method).toBe("POST");
    expect(JSON.parse(String(init?.body))).toEqual({ q: "Fatima Jansen" });
    expect(url).not.toContain("Fatima");

    const list = screen.getByRole("list", { name: "Zoekresultaten" });
    const links = within(list).getAllByRole("link");
    expect(links.map((l) => l.getAttribute("href"))).toEqual([
      `/licentiegebruik?studentKey=${A}`,
      `/licentiegebruik?studentKey=${B}`,
      "/licentiegebruik",
    ]);
    // Two pupils of the same name, told apart by group and year of birth.
    expect(links[0]!.textContent).toContain("groep 3A");
    expect(links[0]!.textContent).toContain("geboren 2015");
    expect(links[1]!.textContent).toContain("groep 5B");
    expect(links[1]!.textContent).toContain("geboren 2013");
    expect(links[2]!.textContent).toContain("medewerker");
  });

  it("is reachable by keyboard, and Escape closes the list (not the menu around it) and returns to the box", async () => {
    const user = userEvent.setup();
    answering(ANSWER);
    const outer = vi.fn();
    renderNl(
      <div onKeyDown={outer}>
        <HeaderSearch />
      </div>,
    );
    await user.tab();
    const box = screen.getByRole("searchbox");
    expect(document.activeElement).toBe(box);
    await user.keyboard("Fatima{Enter}");
    await screen.findByRole("list", { name: "Zoekresultaten" });
    await user.tab();
    await user.tab();
    expect(document.activeElement?.getAttribute("href")).toBe(`/licentiegebruik?studentKey=${A}`);
    outer.mockClear();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("list", { name: "Zoekresultaten" })).toBeNull();
    expect(document.activeElement).toBe(box);
    expect(outer.mock.calls.some(([e]) => (e as KeyboardEvent).key === "Escape")).toBe(false);
    // The text stays for another try: the browser's own Escape of a search box (emptying it) is prevented while the list closes.
    await user.keyboard("{Enter}");
    await screen.findByRole("list", { name: "Zoekresultaten" });
    expect(fireEvent.keyDown(box, { key: "Escape" })).toBe(false);
    expect((box as HTMLInputElement).value).toBe("Fatima");
  });

  it("keeps a surrounding menu open when sent, and asks nothing for fewer than 2 characters", async () => {
    const user = userEvent.setup();
    const fetchMock = answering(ANSWER);
    const outerSubmit = vi.fn();
    renderNl(
      <div onSubmit={outerSubmit}>
        <HeaderSearch />
      </div>,
    );
    await user.type(screen.getByRole("searchbox"), "F{Enter}");
    expect(screen.getByRole("status").textContent).toBe("Typ minstens 2 tekens.");
    expect(fetchMock).not.toHaveBeenCalled();
    expect(outerSubmit).not.toHaveBeenCalled();
  });

  it("says so when nobody matched, and when the search failed", async () => {
    const user = userEvent.setup();
    answering({ people: [], more: false });
    renderNl(<HeaderSearch />);
    await user.type(screen.getByRole("searchbox"), "Niemand{Enter}");
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Niemand gevonden"));
    expect(screen.queryByRole("list")).toBeNull();

    answering({ error: { code: "forbidden", message: "nee" } }, 403);
    await user.keyboard("{Enter}");
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Zoeken lukte niet. Probeer het opnieuw."));
  });
});
