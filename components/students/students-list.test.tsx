import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { useTranslations } from "next-intl";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { dropClientData } from "@/components/shell/client-data";
import { renderNl } from "@/components/ui/testing/render";
import type { StudentPage, StudentRow } from "./queries";
import { studentColumns } from "./student-columns";
import { readStudentParams } from "./student-params";
import { StudentsList } from "./students-list";
import { StudentsPreview } from "./students-preview";

const nav = vi.hoisted(() => ({ replace: vi.fn(), search: new URLSearchParams() }));
vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: nav.replace }),
  usePathname: () => "/leerlingen",
  useSearchParams: () => nav.search,
}));

const pupil = (n: number): StudentRow => ({
  key: n.toString(16).padStart(32, "0"),
  name: `Leerling ${n}`,
  givenName: "Leerling",
  familyName: String(n),
  maskedId: `ECK iD ••••${1000 + n}`,
});
/** Page 1 of a school of `total` pupils, as the server reads it (100 rows). */
const firstPage = (total: number): StudentPage => ({
  total,
  rows: Array.from({ length: Math.min(total, 100) }, (_, i) => pupil(i + 1)),
  page: 1,
  pageSize: 100,
  ageSeconds: 3,
  invalid: { count: 0, paths: {} },
  unknownEnumValues: {},
});

/** The server's rows as the page renders them (StudentsPreview, with the columns made from the messages). */
function Preview({ d }: { d: StudentPage }) {
  return <StudentsPreview d={d} columns={studentColumns(useTranslations("students"))} />;
}

/** The page's list for a school of `total` pupils; the BFF's answers to POST /api/students are kept. */
function showList(total: number, opts: { canFilter?: boolean } = {}) {
  const asked: unknown[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_url: string, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body)) as { page: number; q?: string };
      asked.push(body);
      const d = body.q ? { ...firstPage(1), rows: [pupil(7)] } : { ...firstPage(total), page: body.page };
      return { ok: true, status: 200, json: async () => d };
    }),
  );
  const d = firstPage(total);
  renderNl(<StudentsList initial={d} values={readStudentParams({})} canFilter={opts.canFilter ?? false} preview={<Preview d={d} />} />);
  return asked;
}

beforeEach(() => {
  nav.search = new URLSearchParams();
  // happy-dom has no layout: the scroll region says it is 600 px high, as a browser would.
  vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(600);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  dropClientData();
});

describe("StudentsPreview: the first rows as the server renders them", () => {
  it("shows 40 of the school's rows in the scroll region, with the whole list's length below them", () => {
    renderNl(<Preview d={firstPage(3000)} />);
    const region = screen.getByRole("region", { name: "Lijst van leerlingen, scrollbaar" });
    const table = within(region).getByRole("table", { name: "Leerlingen" });
    expect(table.getAttribute("aria-rowcount")).toBe("3001");
    const rows = table.querySelectorAll("tbody tr[aria-rowindex]");
    expect(rows.length).toBe(40);
    expect([rows[0]!.getAttribute("aria-rowindex"), rows[39]!.getAttribute("aria-rowindex")]).toEqual(["2", "41"]);
    // 2,960 rows of 40 px not rendered yet.
    expect((table.querySelector("tbody tr[aria-hidden]") as HTMLElement).style.height).toBe(`${2960 * 40}px`);
    // The e-mail column is hidden until chosen; the sorted column says so.
    expect(within(table).queryByRole("columnheader", { name: /E-mail/ })).toBeNull();
    expect(screen.getByRole("columnheader", { name: /Achternaam/ }).getAttribute("aria-sort")).toBe("ascending");
  });

  it("a sort button writes the sort into the URL and asks the server for the page anew", () => {
    nav.search = new URLSearchParams({ sort: "dateOfBirth", dir: "asc" });
    renderNl(<Preview d={firstPage(5)} />);
    fireEvent.click(screen.getByRole("button", { name: "Sorteer op Geboortedatum" }));
    expect(nav.replace).toHaveBeenLastCalledWith("/leerlingen?sort=dateOfBirth&dir=desc", { scroll: false });
    fireEvent.click(screen.getByRole("button", { name: "Sorteer op Naam" }));
    expect(nav.replace).toHaveBeenLastCalledWith("/leerlingen?sort=name&dir=asc", { scroll: false });
  });

  it("an empty school says so instead of a table", () => {
    renderNl(<Preview d={firstPage(0)} />);
    expect(screen.getByText("Geen leerlingen gevonden.")).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
  });
});

/** The browser's list is a module loaded when first needed (in vitest: transformed then, which takes seconds on a busy machine). */
const LOADED = { timeout: 15_000 };

describe("StudentsList: the server's rows until the reader needs the browser's list", () => {
  it("asks nothing while the reader only looks; says when the filters could not be read", () => {
    const asked = showList(3000, { canFilter: true });
    expect(screen.getAllByRole("row")).toHaveLength(41);
    expect(screen.getByText("De filters zijn nu niet beschikbaar: de inschrijvingen konden niet worden opgehaald.")).toBeTruthy();
    expect(asked).toEqual([]);
  });

  it("a scroll of the region hands over to the browser's list where the reader was, which fetches the pages now in view", async () => {
    const asked = showList(3000);
    const region = screen.getByTestId("students-scroll");
    region.scrollTop = 4000;
    fireEvent.scroll(region);
    // The browser's list: another region, scrolled to row 100 (4,000 px of 40 px rows), page 2 asked for.
    await waitFor(() => expect(screen.getByTestId("students-scroll")).not.toBe(region), LOADED);
    expect(screen.getByTestId("students-scroll").scrollTop).toBe(4000);
    await waitFor(() => expect(asked).toContainEqual(expect.objectContaining({ page: 2 })));
    expect(asked).not.toContainEqual(expect.objectContaining({ page: 1 }));
  });

  it("a name search hands over too, and goes to the server in a POST body", async () => {
    const asked = showList(3000);
    fireEvent.change(screen.getByLabelText("Zoek op naam"), { target: { value: "leerling 7" } });
    expect(await screen.findByText("1 leerlingen", {}, LOADED)).toBeTruthy();
    expect(asked).toContainEqual(expect.objectContaining({ q: "leerling 7", page: 1 }));
  });

  it("choosing a column hands over, and the list shows it", async () => {
    showList(30);
    fireEvent.click(screen.getByRole("checkbox", { name: "E-mail" }));
    expect(await screen.findByRole("columnheader", { name: /E-mail/ }, LOADED)).toBeTruthy();
  });
});
