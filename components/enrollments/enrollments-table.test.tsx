import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderNl } from "@/components/ui/testing/render";
import { EnrollmentsTable } from "./enrollments-table";
import type { EnrollmentOptions, EnrollmentPage, EnrollmentRow } from "./queries";

const nav = vi.hoisted(() => ({ replace: vi.fn(), search: new URLSearchParams() }));
vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: nav.replace }),
  usePathname: () => "/inschrijvingen",
  useSearchParams: () => nav.search,
}));

const key = (n: number) => n.toString(16).padStart(32, "0");
const row = (id: string, over: Partial<EnrollmentRow>): EnrollmentRow => ({
  id,
  studentKey: key(1),
  type: "subject",
  offering: "sub-ne-4a",
  schoolPeriod: "2026-2027",
  beginDate: "2026-08-01",
  status: "active",
  enrolledNow: "current",
  studentName: "Bram de Vries",
  ...over,
});
const options: EnrollmentOptions = {
  periods: ["2026-2027"],
  studyOfferings: [],
  subjectOfferings: [{ id: "sub-ne-4a", count: 3 }],
  studyYears: [4],
  locations: [],
  ageSeconds: 0,
};

function answer(rows: EnrollmentRow[], over: Partial<EnrollmentPage> = {}): EnrollmentPage {
  return {
    total: rows.length,
    toBeDeleted: 0,
    unknownStatus: 0,
    ambiguousStudent: 0,
    today: "2026-09-01",
    rows,
    page: 1,
    pageSize: 50,
    ageSeconds: 0,
    invalid: { count: 0, paths: {} },
    ...over,
  };
}

function serve(list: EnrollmentPage) {
  const urls: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      urls.push(url);
      return { ok: true, status: 200, json: async () => (url.startsWith("/api/enrollments/options") ? options : list) };
    }),
  );
  renderNl(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <EnrollmentsTable />
    </QueryClientProvider>,
  );
  return urls;
}

const cellsOf = async () => {
  const table = await screen.findByRole("table", { name: "Inschrijvingen" });
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((r) =>
      within(r)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    );
};

beforeEach(() => {
  nav.search = new URLSearchParams();
});
afterEach(() => vi.unstubAllGlobals());

describe("EnrollmentsTable: whether an enrollment holds now, in words", () => {
  it("current, not current and unknown; a status the dashboard does not know is 'unknown' with the value as sent", async () => {
    serve(
      answer(
        [
          row("e1", {}),
          row("e2", { status: "tobedeleted", enrolledNow: "not_current", endDate: "2026-06-30" }),
          row("e3", { status: "pending", enrolledNow: "unknown" }),
        ],
        { unknownStatus: 1 },
      ),
    );
    const rows = await cellsOf();
    expect(rows.map((r) => [r[7], r[8]])).toEqual([
      ["actief", "ja"],
      ["te verwijderen", "nee"],
      ["onbekend (‘pending’)", "onbekend"],
    ]);
    expect(screen.getByRole("columnheader", { name: "Ingeschreven op 01-09-2026" })).toBeTruthy();
    // The unknown one says why in its hint, and the count says it is neither enrolled nor unenrolled.
    expect(screen.getByTitle(/of zij nu geldt, is onbekend/).textContent).toBe("onbekend");
    expect(screen.getByRole("status").textContent).toBe(
      "3 inschrijvingen 1 inschrijving heeft een status die het dashboard niet kent: die staat als ‘onbekend’, niet als ingeschreven of uitgeschreven.",
    );
  });

  it("a pupil matched to nobody has no name and no link, and is counted", async () => {
    serve(
      answer([row("e1", {}), row("e2", { studentKey: key(9), studentName: undefined, studentAmbiguous: true })], { ambiguousStudent: 1 }),
    );
    const table = await screen.findByRole("table", { name: "Inschrijvingen" });
    const [named, nobody] = within(table).getAllByRole("row").slice(1);
    expect(within(named!).getByRole("link", { name: "Bram de Vries" }).getAttribute("href")).toBe(`/leerlingen/${key(1)}`);
    expect(within(nobody!).getAllByRole("cell")[0]!.textContent).toBe("—");
    expect(within(nobody!).queryByRole("link")).toBeNull();
    expect(screen.getByRole("status").textContent).toMatch(/^2 inschrijvingen 1 inschrijving noemt een leerling die niet eenduidig/);
  });

  it("hidden records to be deleted are counted; the URL's filters go to the route as its query", async () => {
    nav.search = new URLSearchParams("subjectOfferingId=sub-ne-4a&studyYear=4&page=2");
    const urls = serve(answer([row("e1", {})], { total: 51, toBeDeleted: 2 }));
    expect((await screen.findByText(/^51 inschrijvingen/)).textContent).toBe(
      "51 inschrijvingen 2 records met status ‘te verwijderen’ verborgen.",
    );
    const list = urls.find((u) => u.startsWith("/api/enrollments?"))!;
    expect(Object.fromEntries(new URL(list, "http://x").searchParams)).toEqual({
      subjectOfferingId: "sub-ne-4a",
      studyYear: "4",
      page: "2",
      pageSize: "50",
    });
    expect(screen.getByRole("navigation", { name: "Pagina 2 van 2" })).toBeTruthy();
  });
});
