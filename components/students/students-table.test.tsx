import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderNl } from "@/components/ui/testing/render";
import type { StudentPage, StudentRow } from "./queries";
import { StudentsTable } from "./students-table";

const nav = vi.hoisted(() => ({ replace: vi.fn(), search: new URLSearchParams() }));
vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: nav.replace }),
  usePathname: () => "/leerlingen",
  useSearchParams: () => nav.search,
}));

const pupil = (n: number, name: string): StudentRow => ({
  key: n.toString(16).padStart(32, "0"),
  name,
  givenName: name.split(" ")[0]!,
  familyName: name.split(" ").at(-1)!,
  maskedId: `ECK iD ••••${1000 + n}`,
});
const page = (rows: StudentRow[], over: Partial<StudentPage> = {}): StudentPage => ({
  total: rows.length,
  rows,
  page: 1,
  pageSize: 100,
  ageSeconds: 3,
  invalid: { count: 0, paths: {} },
  unknownEnumValues: {},
  ...over,
});
type Answer = { status: number; body: unknown };

/** Serves the BFF's answers by path; what the list was asked for is kept. */
function serve(byPath: Record<string, Answer>, canFilter = false) {
  const asked: Array<{ url: string; body: unknown }> = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      asked.push({ url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      const a = byPath[url.split("?")[0]!] ?? { status: 404, body: {} };
      return { ok: a.status < 400, status: a.status, json: async () => a.body };
    }),
  );
  renderNl(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <StudentsTable canFilter={canFilter} />
    </QueryClientProvider>,
  );
  return asked;
}

beforeEach(() => {
  nav.search = new URLSearchParams();
});
afterEach(() => vi.unstubAllGlobals());

describe("StudentsTable: what the list says when it has nothing, fails, or left records out", () => {
  it("an empty answer is said as 'no students', with the count 0", async () => {
    serve({ "/api/students": { status: 200, body: page([]) } });
    expect((await screen.findByText("Geen leerlingen gevonden.")).tagName).toBe("P");
    expect(screen.getByRole("status").textContent).toBe("0 leerlingen");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("a failed list is an error with the server's words, never an empty list", async () => {
    serve({
      "/api/students": { status: 504, body: { error: { code: "timeout", message: "De leerlingadministratie antwoordde niet op tijd." } } },
    });
    const alert = await screen.findByRole("alert", { name: "De leerlingen konden niet worden opgehaald" });
    expect(alert.textContent).toBe("De leerlingadministratie antwoordde niet op tijd.");
    expect(screen.queryByText("Geen leerlingen gevonden.")).toBeNull();
    expect(screen.queryByText(/^\d+ leerlingen$/)).toBeNull();
  });

  it("records the LAS sent that could not be read are counted, by field path, beside the rows that could", async () => {
    serve({
      "/api/students": {
        status: 200,
        body: page([pupil(1, "Bram de Vries"), pupil(2, "Anna Jansen")], {
          invalid: { count: 3, paths: { givenName: 2, dateOfBirth: 1 } },
        }),
      },
    });
    expect((await screen.findByText(/waren ongeldig/)).textContent).toBe(
      "3 records waren ongeldig en zijn weggelaten (velden: givenName, dateOfBirth).",
    );
    expect(screen.getByText("2 leerlingen")).toBeTruthy();
  });

  it("the filters' options failing leaves the list, and says the filters are unavailable", async () => {
    const asked = serve(
      {
        "/api/students": { status: 200, body: page([pupil(1, "Bram de Vries")]) },
        "/api/enrollments/options": { status: 503, body: { error: { code: "server_error", message: "De bron gaf een fout." } } },
      },
      true,
    );
    expect(await screen.findByText("De filters zijn nu niet beschikbaar: de inschrijvingen konden niet worden opgehaald.")).toBeTruthy();
    expect(screen.getByText("1 leerlingen")).toBeTruthy();
    // The list is asked for by POST, with the sort from the URL's defaults; nothing of a person in a URL.
    const list = asked.find((a) => a.url === "/api/students")!;
    expect(list.body).toEqual({ sort: "familyName", dir: "asc", page: 1, pageSize: 100 });
  });
});
