import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderNl } from "@/components/ui/testing/render";
import type { AssignmentsAnswer, KnownRead } from "./queries";
import { EmployeeLookup } from "./employee-lookup";

const nav = vi.hoisted(() => ({ replace: vi.fn(), refresh: vi.fn() }));
vi.mock("next/navigation", () => ({
  useRouter: () => nav,
  usePathname: () => "/medewerkers",
  useSearchParams: () => new URLSearchParams(),
}));

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const refusal = (code: string, message: string) => json(502, { error: { code, message } });
const employee = { key: "0123456789abcdef0123456789abcdef", name: "Anna de Vries", maskedId: "NEPRI ••••1234", known: false };
const noAssignments: AssignmentsAnswer = { employee, total: 0, toBeDeleted: 0, rows: [], ageSeconds: 3, invalid: { count: 0, paths: {} } };

type Setup = { known?: KnownRead; canChangeList?: boolean; assignments?: () => Response; saved?: () => Response };

/**
 * The lookup as the page renders it: the school's list and the periods read on the server (props),
 * an employee's assignments fetched by the part that loads once someone is picked.
 */
function setup({
  known = { ok: true, value: { employees: [] } },
  canChangeList = false,
  assignments = () => json(200, noAssignments),
  saved = () => json(201, { key: employee.key }),
}: Setup = {}) {
  const fetch = vi.spyOn(globalThis, "fetch").mockImplementation(async (url) => {
    if (url === "/api/employees/assignments") return assignments();
    if (url === "/api/employees") return saved();
    throw new Error(`unexpected ${String(url)}`);
  });
  renderNl(<EmployeeLookup known={known} periods={["2026-2027"]} canChangeList={canChangeList} />);
  return fetch;
}
const lookUp = async (id: string) => {
  await userEvent.type(screen.getByLabelText("Kenmerk"), id);
  await userEvent.click(screen.getByRole("button", { name: "Opzoeken" }));
};

afterEach(() => {
  vi.restoreAllMocks();
  nav.refresh.mockReset();
});

describe("EmployeeLookup", () => {
  it("before anyone is chosen it says how to start, and an empty staff list says how to fill it; nothing is fetched", async () => {
    const fetch = setup();
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
    expect(
      within(screen.getByLabelText("Schooljaar"))
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Alle", "2026-2027"]);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("a staff list that cannot be read says why; looking up by identifier still works", async () => {
    setup({ known: { ok: false, status: 503, body: { error: { code: "internal", message: "De lijst is nu niet te lezen." } } } });
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

  it("saving an employee to the list renders the page anew (the list is read on the server) and asks again whether they are on it", async () => {
    let onList = false;
    const fetch = setup({
      canChangeList: true,
      assignments: () => json(200, { ...noAssignments, employee: { ...employee, known: onList } }),
      saved: () => {
        onList = true;
        return json(201, { key: employee.key });
      },
    });
    await lookUp("E123");
    await userEvent.type(await screen.findByLabelText("Naam voor de medewerkerslijst"), "Anna de Vries");
    await userEvent.click(screen.getByRole("button", { name: "Bewaar op de lijst" }));
    expect(await screen.findByText("Staat op de medewerkerslijst van de school.")).toBeTruthy();
    expect(nav.refresh).toHaveBeenCalledTimes(1);
    const save = fetch.mock.calls.find(([url]) => url === "/api/employees")!;
    expect(JSON.parse(String(save[1]!.body))).toEqual({ employee: { userIdType: "NEPRI", userId: "E123" }, name: "Anna de Vries" });
    expect(fetch.mock.calls.filter(([url]) => url === "/api/employees/assignments")).toHaveLength(2);
  });
});
