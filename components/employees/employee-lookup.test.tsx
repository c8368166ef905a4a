import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderNl } from "@/components/ui/testing/render";
import type { AssignmentsAnswer, KnownEmployees } from "./queries";
import { EmployeeLookup } from "./employee-lookup";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: vi.fn() }),
  usePathname: () => "/medewerkers",
  useSearchParams: () => new URLSearchParams(),
}));

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const refusal = (code: string, message: string) => json(502, { error: { code, message } });
const options = { periods: ["2026-2027"], studyOfferings: [], subjectOfferings: [], studyYears: [], locations: [], ageSeconds: 0 };
const employee = { key: "0123456789abcdef0123456789abcdef", name: "Anna de Vries", maskedId: "NEPRI ••••1234", known: false };
const noAssignments: AssignmentsAnswer = { employee, total: 0, toBeDeleted: 0, rows: [], ageSeconds: 3, invalid: { count: 0, paths: {} } };

type Answers = { known?: () => Response; assignments?: () => Response };

function setup({
  known = () => json(200, { employees: [] } satisfies KnownEmployees),
  assignments = () => json(200, noAssignments),
}: Answers = {}) {
  const fetch = vi.spyOn(globalThis, "fetch").mockImplementation(async (url) => {
    if (url === "/api/employees") return known();
    if (url === "/api/employees/assignments") return assignments();
    if (url === "/api/enrollments/options") return json(200, options);
    throw new Error(`unexpected ${String(url)}`);
  });
  renderNl(
    <QueryClientProvider client={new QueryClient()}>
      <EmployeeLookup canChangeList={false} />
    </QueryClientProvider>,
  );
  return fetch;
}
const lookUp = async (id: string) => {
  await userEvent.type(screen.getByLabelText("Kenmerk"), id);
  await userEvent.click(screen.getByRole("button", { name: "Opzoeken" }));
};

afterEach(() => vi.restoreAllMocks());

describe("EmployeeLookup", () => {
  it("before anyone is chosen it says how to start, and an empty staff list says how to fill it", async () => {
    setup();
    expect(screen.getByText("Zoek een medewerker op om de toewijzingen te zien.")).toBeTruthy();
    const known = screen.getByRole("region", { name: "Medewerkerslijst van de school" });
    expect(await within(known).findByText(/^Nog niemand op de lijst\./)).toBeTruthy();
    expect(within(known).queryByRole("combobox")).toBeNull();
    expect(screen.getByLabelText("Soort kenmerk")).toHaveProperty("value", "NEPRI");
    expect(
      within(screen.getByLabelText("Soort kenmerk"))
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["NEPRI", "ASI", "BPI", "eduID", "NEPPI"]);
  });

  it("a staff list that cannot be read says why; looking up by identifier still works", async () => {
    setup({ known: () => json(503, { error: { code: "internal", message: "De lijst is nu niet te lezen." } }) });
    const known = screen.getByRole("region", { name: "Medewerkerslijst van de school" });
    expect((await within(known).findByRole("alert")).textContent).toBe("De lijst is nu niet te lezen.");
    await lookUp("E123");
    expect(await screen.findByText("Geen toewijzingen gevonden voor deze medewerker en filters.")).toBeTruthy();
  });

  it("a lookup the Source refuses says so under the page's heading, with the server's words; the identifier went in the body only", async () => {
    const fetch = setup({
      assignments: () => refusal("consent_missing", "Toestemming ontbreekt bij de bron voor deze school en gegevensdienst (0022)."),
    });
    await lookUp("E123");
    const alert = await screen.findByRole("alert", { name: "De toewijzingen konden niet worden opgehaald" });
    expect(alert.textContent).toBe("Toestemming ontbreekt bij de bron voor deze school en gegevensdienst (0022).");
    expect(screen.queryByRole("table")).toBeNull();
    expect(screen.queryByText("Zoek een medewerker op om de toewijzingen te zien.")).toBeNull();
    const call = fetch.mock.calls.find(([url]) => url === "/api/employees/assignments")!;
    expect(JSON.parse(String(call[1]!.body))).toEqual({
      employee: { userIdType: "NEPRI", userId: "E123" },
      includeToBeDeleted: false,
      refresh: false,
    });
    expect(fetch.mock.calls.map(([url]) => String(url)).filter((u) => u.includes("E123"))).toEqual([]);
  });

  it("an employee without assignments: the count is 0 and the list says none were found", async () => {
    setup();
    await lookUp("E123");
    expect(await screen.findByRole("heading", { level: 2, name: /Anna de Vries/ })).toBeTruthy();
    expect(screen.getByText("0 toewijzingen")).toBeTruthy();
    expect(screen.getByText("Geen toewijzingen gevonden voor deze medewerker en filters.")).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
  });
});
