import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderNl } from "@/components/ui/testing/render";
import { EnrollmentFilterBar } from "./enrollment-filter-bar";
import { readEnrollmentParams } from "./enrollment-params";
import { EnrollmentsView } from "./enrollments-view";
import type { EnrollmentOptions, EnrollmentPage, EnrollmentRow } from "./queries";

const nav = vi.hoisted(() => ({ replace: vi.fn(), refresh: vi.fn(), search: new URLSearchParams() }));
vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: nav.replace, refresh: nav.refresh }),
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

/** The page as the server renders it for the URL's `search`; returns the browser's requests (the refresh's and the export's only). */
function serve(list: EnrollmentPage, search = "") {
  const calls: Array<[string, RequestInit | undefined]> = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push([url, init]);
      return Response.json(list);
    }),
  );
  renderNl(<EnrollmentsView d={list} values={readEnrollmentParams(Object.fromEntries(new URLSearchParams(search)))} />);
  return calls;
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

afterEach(() => {
  vi.unstubAllGlobals();
  nav.replace.mockReset();
  nav.refresh.mockReset();
});

describe("the Inschrijvingen page's list: whether an enrollment holds now, in words", () => {
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
    expect(screen.getAllByRole("status")[0]!.textContent).toBe(
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
    expect(screen.getAllByRole("status")[0]!.textContent).toMatch(/^2 inschrijvingen 1 inschrijving noemt een leerling die niet eenduidig/);
  });

  it("hidden records to be deleted are counted; the pager links keep the URL's filters; the refresh asks the route with them", async () => {
    const calls = serve(
      answer([row("e1", {})], { total: 51, toBeDeleted: 2 }),
      "subjectOfferingId=sub-ne-4a&studyYear=4&page=2&name=Jansen",
    );
    expect((await screen.findByText(/^51 inschrijvingen/)).textContent).toBe(
      "51 inschrijvingen 2 records met status ‘te verwijderen’ verborgen.",
    );
    const pager = screen.getByRole("navigation", { name: "Pagina 2 van 2" });
    expect(within(pager).getByRole("link", { name: "Vorige" }).getAttribute("href")).toBe(
      "/inschrijvingen?subjectOfferingId=sub-ne-4a&studyYear=4",
    );
    expect(within(pager).queryByRole("link", { name: "Volgende" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Vernieuwen" }));
    const [url] = calls[0]!;
    expect(Object.fromEntries(new URL(url, "http://x").searchParams)).toEqual({
      subjectOfferingId: "sub-ne-4a",
      studyYear: "4",
      page: "2",
      pageSize: "50",
      refresh: "1",
    });
    expect(nav.refresh).toHaveBeenCalledTimes(1);
  });

  it("the export posts the filters shown (never the page), as the route's body", async () => {
    const calls = serve(answer([row("e1", {})]), "enrollmentType=subject&includeToBeDeleted=1&page=3");
    vi.spyOn(URL, "createObjectURL").mockReturnValue("blob:x");
    vi.spyOn(URL, "revokeObjectURL").mockReturnValue(undefined);
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockReturnValue(undefined);
    await userEvent.click(screen.getByRole("button", { name: "Exporteer CSV" }));
    const [url, init] = calls[0]!;
    expect(url).toBe("/api/enrollments/export");
    expect(JSON.parse(String(init!.body))).toEqual({ enrollmentType: "subject", includeToBeDeleted: true });
  });
});

describe("the Inschrijvingen page's filters", () => {
  it("a change asks the server for the page anew, at the first page, keeping the other filters", async () => {
    nav.search = new URLSearchParams("schoolPeriodId=2026-2027&page=4");
    renderNl(<EnrollmentFilterBar options={options} />);
    await userEvent.selectOptions(screen.getByLabelText("Soort"), "subject");
    expect(nav.replace).toHaveBeenCalledWith("/inschrijvingen?enrollmentType=subject&schoolPeriodId=2026-2027", { scroll: false });
  });
});
