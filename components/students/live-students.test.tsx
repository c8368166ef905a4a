import { cleanup, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { dropClientData } from "@/components/shell/client-data";
import { renderNl } from "@/components/ui/testing/render";
import type { StudentPage, StudentRow } from "./queries";
import { LiveStudents } from "./live-students";
import { readStudentParams } from "./student-params";

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

/**
 * Serves the BFF's answers by path and shows the list as it takes over from the server's rows
 * (`initial`: page 1 as the server read it; the search as typed); what the list was asked for is kept.
 */
function serve(byPath: Record<string, Answer>, opts: { initial?: StudentPage; search?: string } = {}) {
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
    <LiveStudents
      initial={opts.initial ?? page([])}
      values={readStudentParams(Object.fromEntries(nav.search))}
      search={opts.search ?? ""}
      visible={{ email: false }}
    />,
  );
  return asked;
}

beforeEach(() => {
  nav.search = new URLSearchParams();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  // The tab's query cache is one for the whole tab, as in the browser: emptied as sign-out empties it.
  dropClientData();
});

describe("LiveStudents: what the list says when it has nothing, fails, or left records out", () => {
  it("an empty answer is said as 'no students', with the count 0", async () => {
    serve({ "/api/students": { status: 200, body: page([]) } }, { search: "zzz" });
    expect((await screen.findByText("Geen leerlingen gevonden.")).tagName).toBe("P");
    expect(screen.getByRole("status").textContent).toBe("0 leerlingen");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("a failed list is an error with the server's words, never an empty list", async () => {
    serve(
      {
        "/api/students": {
          status: 504,
          body: { error: { code: "timeout", message: "De leerlingadministratie antwoordde niet op tijd." } },
        },
      },
      { search: "bram" },
    );
    // The tab's query client tries once more after a second before it says so.
    const alert = await screen.findByRole("alert", { name: "De leerlingen konden niet worden opgehaald" }, { timeout: 4000 });
    expect(alert.textContent).toBe("De leerlingadministratie antwoordde niet op tijd.");
    expect(screen.queryByText("Geen leerlingen gevonden.")).toBeNull();
    expect(screen.queryByText(/^\d+ leerlingen$/)).toBeNull();
  });

  it("records the LAS sent that could not be read are counted, by field path, beside the rows that could", async () => {
    serve(
      {},
      {
        initial: page([pupil(1, "Bram de Vries"), pupil(2, "Anna Jansen")], {
          invalid: { count: 3, paths: { givenName: 2, dateOfBirth: 1 } },
        }),
      },
    );
    expect((await screen.findByText(/waren ongeldig/)).textContent).toBe(
      "3 records waren ongeldig en zijn weggelaten (velden: givenName, dateOfBirth).",
    );
    expect(screen.getByText("2 leerlingen")).toBeTruthy();
  });

  it("takes over the server's first page without asking for it again; a name search goes in a POST body with the URL's filters", async () => {
    // happy-dom has no layout: the scroll region says it is 600 px high, as a browser would.
    vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(600);
    nav.search = new URLSearchParams({ sort: "dateOfBirth", dir: "desc", schoolPeriodId: "2526" });
    const asked = serve({}, { initial: page([pupil(1, "Bram de Vries"), pupil(2, "Anna Jansen")]) });
    expect(await screen.findByRole("link", { name: "Anna Jansen" })).toBeTruthy();
    expect(asked).toEqual([]);
    cleanup();
    const searched = serve({ "/api/students": { status: 200, body: page([pupil(2, "Anna Jansen")]) } }, { search: " anna " });
    expect(await screen.findByText("1 leerlingen")).toBeTruthy();
    expect(searched).toEqual([
      { url: "/api/students", body: { schoolPeriodId: "2526", sort: "dateOfBirth", dir: "desc", q: "anna", page: 1, pageSize: 100 } },
    ]);
  });
});
