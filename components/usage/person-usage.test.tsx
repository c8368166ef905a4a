import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dropClientData } from "@/components/shell/client-data";
import { renderNl } from "@/components/ui/testing/render";
import { PersonUsage } from "./person-usage";
import type { PeopleAnswer, UsageAnswer } from "./queries";

const BRAM = "0123456789abcdef0123456789abcdef";
const ANNA = "fedcba9876543210fedcba9876543210";
const ECK = "https://ketenid.nl/201703/0123456789abcdef";
const people: PeopleAnswer = {
  people: [
    { kind: "student", key: BRAM, name: "Bram de Vries", maskedId: "ECK iD ••••1234" },
    { kind: "employee", key: ANNA, name: "Anna Bakker", maskedId: "NEPPI ••••5678" },
  ],
  more: false,
};
const usageOf = (name: string, key: string): UsageAnswer => ({
  person: { kind: "student", key, name, maskedId: "ECK iD ••••1234" },
  today: "2026-09-01",
  ageSeconds: 0,
  totals: { entitled: 0, licensed: 2, cancelled: 0, blocked: 0, expired: 0 },
  scope: { counted: ["Meridiaan"], notCounted: [], withoutEntitlements: [] },
  registries: [{ sourceId: "lr-a", sourceName: "Meridiaan", sourceKind: "licentieregistratie", status: "ok", count: 0, ageSeconds: 0 }],
  entitlements: [],
});
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** The BFF as the page asks it: every request (its path and body) is kept; `answer` says what each gets. */
function bff(answer: (path: string, body: Record<string, unknown>) => Response) {
  const requests: Array<{ url: string; body: Record<string, unknown> }> = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body ?? "{}")) as Record<string, unknown>;
      requests.push({ url, body });
      return answer(url, body);
    }),
  );
  return requests;
}
const usageAnswers = (path: string, body: Record<string, unknown>) =>
  path === "/api/usage/people"
    ? json(people)
    : json(body.employeeKey === ANNA ? usageOf("Anna Bakker", ANNA) : usageOf("Bram de Vries", BRAM));

afterEach(() => {
  vi.unstubAllGlobals();
  dropClientData();
});

describe("PersonUsage: the forms at once, each answer once it is asked for", () => {
  it("shows both forms and asks nothing until someone is looked up", () => {
    const requests = bff(usageAnswers);
    renderNl(<PersonUsage />);
    expect(screen.getByRole("heading", { level: 2, name: "Zoeken op naam" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: "Zoeken op kenmerk" })).toBeTruthy();
    expect(screen.getByLabelText("Naam (of een deel ervan)")).toBeTruthy();
    expect(screen.getByText("Kies een leerling of medewerker om het licentiegebruik te zien.")).toBeTruthy();
    expect(requests).toEqual([]);
  });

  it("a name search lists the matches; choosing one shows their usage; the same search again is asked again", async () => {
    const requests = bff(usageAnswers);
    const user = userEvent.setup();
    renderNl(<PersonUsage />);
    await user.type(screen.getByLabelText("Naam (of een deel ervan)"), " Bram ");
    await user.click(screen.getByRole("button", { name: "Zoeken" }));
    const matches = await screen.findByRole("list", { name: "Gevonden personen" });
    expect(
      within(matches)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Bram de Vries (leerling, ECK iD ••••1234)Toon gebruik", "Anna Bakker (medewerker, NEPPI ••••5678)Toon gebruik"]);
    expect(requests).toEqual([{ url: "/api/usage/people", body: { q: "Bram" } }]);
    await user.click(screen.getByRole("button", { name: "Toon gebruik van Anna Bakker" }));
    expect(await screen.findByRole("heading", { level: 2, name: /^Anna Bakker/ })).toBeTruthy();
    expect(screen.getByTestId("total-licensed").textContent).toBe("2");
    expect(requests.at(-1)).toEqual({ url: "/api/usage", body: { employeeKey: ANNA } });
    await user.click(screen.getByRole("button", { name: "Zoeken" }));
    await screen.findByRole("list", { name: "Gevonden personen" });
    expect(requests.filter((r) => r.url === "/api/usage/people")).toHaveLength(2);
  });

  it("a search that fails shows the notice for its code inside the form; a search that finds nobody says so", async () => {
    let refused = true;
    bff(() =>
      refused
        ? json({ error: { code: "rate_limited", message: "U heeft te veel verzoeken gedaan." } }, 429)
        : json({ people: [], more: false } satisfies PeopleAnswer),
    );
    const user = userEvent.setup();
    const { container } = renderNl(<PersonUsage />);
    await user.type(screen.getByLabelText("Naam (of een deel ervan)"), "Zz");
    await user.click(screen.getByRole("button", { name: "Zoeken" }));
    const alert = await screen.findByRole("alert", { name: "Te veel verzoeken" });
    expect(alert.textContent).toBe("U heeft te veel verzoeken gedaan.");
    expect(container.querySelector('form[aria-labelledby="by-name-heading"]')!.contains(alert)).toBe(true);
    refused = false;
    await user.click(screen.getByRole("button", { name: "Zoeken" }));
    expect((await screen.findByText("Geen leerling of medewerker met die naam.")).getAttribute("role")).toBe("status");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("choosing another person forgets the diagnosis of the one before", async () => {
    const requests = bff((path, body) =>
      path === "/api/usage/diagnose"
        ? json({ error: { code: "timeout", message: "De bron antwoordde niet op tijd." } }, 504)
        : usageAnswers(path, body),
    );
    const user = userEvent.setup();
    renderNl(<PersonUsage initialStudentKey={BRAM} />);
    await screen.findByRole("heading", { level: 2, name: /^Bram de Vries/ });
    await user.type(screen.getByLabelText("Ander product (productcode) diagnosticeren"), "9789001234567");
    await user.click(screen.getByRole("button", { name: "Diagnose" }));
    expect(await screen.findByRole("heading", { level: 3, name: "Diagnose voor product 9789001234567" })).toBeTruthy();
    expect(requests.at(-1)).toEqual({ url: "/api/usage/diagnose", body: { studentKey: BRAM, productId: "9789001234567" } });
    await user.type(screen.getByLabelText("Naam (of een deel ervan)"), "Anna");
    await user.click(screen.getByRole("button", { name: "Zoeken" }));
    await user.click(await screen.findByRole("button", { name: "Toon gebruik van Anna Bakker" }));
    expect(await screen.findByRole("heading", { level: 2, name: /^Anna Bakker/ })).toBeTruthy();
    expect(screen.queryByRole("heading", { level: 3, name: /^Diagnose voor product/ })).toBeNull();
  });

  it("an identifier typed in goes in the request body only", async () => {
    const requests = bff(usageAnswers);
    const user = userEvent.setup();
    renderNl(<PersonUsage />);
    await user.type(screen.getByLabelText("Kenmerk", { exact: true }), ECK);
    await user.click(screen.getByRole("button", { name: "Opzoeken" }));
    expect(await screen.findByRole("heading", { level: 2, name: /^Bram de Vries/ })).toBeTruthy();
    expect(requests).toEqual([{ url: "/api/usage", body: { identifier: { type: "eckId", value: ECK } } }]);
  });

  it("a pupil's key from the pupil page shows their usage at once; a registry that cannot be asked is the notice for its code", async () => {
    const requests = bff(() => json({ error: { code: "timeout", message: "De bron antwoordde niet op tijd." } }, 504));
    renderNl(<PersonUsage initialStudentKey={BRAM} />);
    expect(screen.getByRole("status").textContent).toBe("Licentiegebruik wordt opgehaald bij de licentieregistraties…");
    const alert = await screen.findByRole("alert", { name: "Het licentiegebruik kon niet worden opgehaald." });
    expect(alert.textContent).toBe("De bron antwoordde niet op tijd.");
    expect(screen.getByText("Probeer het later opnieuw.")).toBeTruthy();
    expect(requests).toEqual([{ url: "/api/usage", body: { studentKey: BRAM } }]);
  });
});
