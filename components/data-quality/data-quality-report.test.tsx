import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/components/lists/api-error";
import { renderIn } from "@/components/ui/testing/render";
import { DataQualityFailed, DataQualityReport } from "./data-quality-report";
import type { DataQuality, DataQualityCheck, DataQualityItem } from "./queries";

const router = vi.hoisted(() => ({ refresh: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => router }));

const SCHOOL = { id: "sg-de-horizon", name: "De Horizon" };
const key = (n: number) => n.toString(16).padStart(32, "0");
const item = (n: number, over: Partial<DataQualityItem> = {}): DataQualityItem => ({
  studentKey: key(n),
  masked: `ECK iD ••••${(0x8c20 + n).toString(16)}`,
  ...over,
});
const check = (id: DataQualityCheck["id"], count: number, items: DataQualityItem[] = [], actor: DataQualityCheck["actor"] = "school") => ({
  id,
  actor,
  count,
  items,
});

/** Seven checks, 12 findings: five pupils without an ECK iD (two shown), the rest with all their records. */
function answer(over: Partial<DataQuality> = {}): DataQuality {
  return {
    checks: [
      check("no_eck", 5, [item(1, { masked: "BSN ••••1234" }), item(2, { masked: "BSN ••••5678" })]),
      check("duplicate_eck", 2, [item(3, { detail: "2" }), item(4, { detail: "2" })], "las_vendor"),
      check("duplicate_pupil", 2, [item(5), item(6)]),
      check("ends_before_start", 1, [item(7, { enrollmentId: "inschr-0077", detail: "2026-09-01 → 2026-08-01" })]),
      check("study_year_out_of_range", 2, [
        item(8, { enrollmentId: "inschr-0081", detail: "9" }),
        item(9, { enrollmentId: "inschr-0082", detail: "12" }),
      ]),
      check("date_far_off", 0),
      check("subject_without_study", 0),
    ],
    sources: [{ sourceId: "las-a", name: "Leerlingadministratie Alfa", ok: true }],
    pupils: 240,
    enrollments: 610,
    referenceDate: "2026-09-01",
    checkedAt: "2026-09-01T12:05:00.000Z",
    ...over,
  };
}
const failedBeta = { sourceId: "las-b", name: "Leerlingadministratie Beta", ok: false, error: "timeout" };

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** The answer `d` as the server renders it, in Dutch or English; returns the fetch spy (the refresh's and the exports' requests). */
function setup(d: DataQuality, { lang = "nl" as "nl" | "en", pupilLinks = true, refreshAnswer = json(d) } = {}) {
  const fetch = vi.fn(async (_url: string, init?: RequestInit) =>
    init?.method === "POST" ? new Response("kenmerk\n", { headers: { "content-type": "text/csv" } }) : refreshAnswer,
  );
  vi.stubGlobal("fetch", fetch);
  renderIn(lang, <DataQualityReport d={d} school={SCHOOL} pupilLinks={pupilLinks} />);
  return fetch;
}

const section = (name: string) => screen.findByRole("region", { name });

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  router.refresh.mockReset();
});

describe("the Datakwaliteit answer", () => {
  it("sums the checks up, and per check says how many, what it means, who acts and what to do", async () => {
    const fetch = setup(answer());
    expect((await screen.findByText(/^7 controles, 12 bevindingen/)).textContent).toBe(
      "7 controles, 12 bevindingen240 leerlingen en 610 inschrijvingen · peildatum 01-09-2026 · gecontroleerd op 01-09-2026 14:05",
    );
    // The answer came with the page: the browser asks for nothing to show it.
    expect(fetch).not.toHaveBeenCalled();
    expect(screen.getByText("Gecontroleerde leerlingadministraties: Leerlingadministratie Alfa.")).toBeTruthy();
    expect(screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent)).toHaveLength(7);

    const noEck = await section("Leerlingen zonder ECK iD");
    expect(within(noEck).getByText("5 bevindingen")).toBeTruthy();
    expect(within(noEck).getByText(/^Deze leerlingen zijn ingeschreven, maar hebben in de leerlingadministratie geen ECK iD/)).toBeTruthy();
    expect(within(noEck).getByText("De school, in de eigen leerlingadministratie (LAS).")).toBeTruthy();
    expect(within(noEck).getByText(/^Zorg dat de leerling een ECK iD krijgt\..* Pas het aan in de LAS/)).toBeTruthy();
    // Two of the five shown, each linking to the pupil's page; the rest counted.
    const table = await within(noEck).findByRole("table", { name: "Bevindingen bij ‘Leerlingen zonder ECK iD’" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getByRole("link").getAttribute("href"))).toEqual([`/leerlingen/${key(1)}`, `/leerlingen/${key(2)}`]);
    expect(within(rows[0]!).getByRole("rowheader").textContent).toBe("BSN ••••1234");
    // A check about pupils has no enrollment or detail column.
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Kenmerk"]);
    expect(within(noEck).getByText("En nog 3 bevindingen die hier niet staan. De CSV-export bevat ze allemaal.")).toBeTruthy();

    const duplicate = await section("Hetzelfde ECK iD bij meer leerlingen");
    expect(within(duplicate).getByText("De leverancier van de leerlingadministratie (LAS).")).toBeTruthy();
    expect(within(duplicate).queryByText(/^En nog/)).toBeNull();
    expect(
      within(await within(duplicate).findByRole("table"))
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Kenmerk", "Records met dit ECK iD"]);
    const late = await section("Einddatum vóór begindatum");
    expect(within(late).getByText("1 bevinding")).toBeTruthy();
    expect((await within(late).findAllByRole("cell")).map((c) => c.textContent)).toEqual(["inschr-0077", "01-09-2026 → 01-08-2026"]);
    expect(within(late).getByRole("columnheader", { name: "Begin → einde" })).toBeTruthy();
  });

  it("a check without findings says so in one line, without a table", async () => {
    setup(answer());
    const far = await section("Datum ver in het verleden of de toekomst");
    expect(within(far).getByText("Geen bevindingen.")).toBeTruthy();
    expect(within(far).queryByRole("table")).toBeNull();
    expect(within(far).queryByRole("button")).toBeNull();
    expect(within(far).queryByRole("textbox")).toBeNull();
  });

  it("a LAS that could not be read is named, its pupils said to be unchecked, and no check claims 'no findings'", async () => {
    setup(answer({ sources: [answer().sources[0]!, failedBeta] }));
    expect(await screen.findByText(/^7 controles, 12 bevindingen in de lijsten die konden worden gelezen/)).toBeTruthy();
    expect(screen.getByText("Een leerlingadministratie kon niet worden gelezen").tagName).toBe("H2");
    expect(
      screen.getByText(
        /^Leerlingadministratie Beta: De bron antwoordde niet op tijd\. De leerlingen en inschrijvingen uit deze LAS zijn niet gecontroleerd/,
      ),
    ).toBeTruthy();
    expect(screen.getByRole("link", { name: "Naar Bronnen" }).getAttribute("href")).toBe("/bronnen");
    const far = await section("Datum ver in het verleden of de toekomst");
    expect(far.textContent).toContain(
      "0 bevindingen in de lijsten die konden worden gelezen. De leerlingen uit Leerlingadministratie Beta zijn niet gecontroleerd.",
    );
    expect(document.body.textContent).not.toMatch(/geen bevindingen/i);
  });

  it("a check that concludes nothing while a mass change waits says so, with neither a count nor 'no findings'", async () => {
    const d = answer();
    const held = { ...check("subject_without_study", 0), notKnown: "mass_change" as const };
    const checks = d.checks.map((c) => (c.id === held.id ? held : c));
    const findings = checks.reduce((n, c) => n + c.count, 0);
    setup({ ...d, checks });
    const section = await screen.findByRole("region", { name: "Vakinschrijving zonder studie-inschrijving" });
    expect(section.getAttribute("data-not-known")).toBe("mass_change");
    expect(section.hasAttribute("data-count")).toBe(false);
    expect(section.textContent).toContain(
      "Niet bekend: het laatste antwoord van de LAS wacht op beoordeling. Deze controle trekt geen conclusies over ontbrekende leerlingen of inschrijvingen",
    );
    expect(section.textContent).not.toMatch(/bevinding/i);
    expect(within(section).queryByRole("textbox")).toBeNull();
    // The summary counts what was found, and says that one check concluded nothing.
    expect(
      screen.getByText(
        `${checks.length} controles, ${findings} bevindingen; 1 controle trekt geen conclusie, omdat het laatste antwoord van de LAS op beoordeling wacht`,
        { exact: false },
      ),
    ).toBeTruthy();
  });

  it("with no finding anywhere and a check that concludes nothing, nothing says 'no findings' for that check or the whole", async () => {
    const d = answer();
    setup({
      ...d,
      checks: d.checks.map((c) =>
        c.id === "subject_without_study" ? { ...c, notKnown: "mass_change" as const } : { ...c, count: 0, items: [] },
      ),
    });
    expect(await screen.findByText(/^7 controles, 0 bevindingen; 1 controle trekt geen conclusie/)).toBeTruthy();
    expect(screen.getAllByText("Geen bevindingen.")).toHaveLength(6);
    expect(screen.queryByText(/geen bevindingen;/i)).toBeNull();
  });

  it("with no LAS read at all, nothing is said to be checked", async () => {
    const nothing = answer({ sources: [{ ...failedBeta, error: "something_new" }] });
    setup({ ...nothing, checks: nothing.checks.map((c) => ({ ...c, count: 0, items: [] })) });
    expect(await screen.findByText(/^Niets gecontroleerd: er kon geen lijst uit een leerlingadministratie worden gelezen/)).toBeTruthy();
    expect(screen.getByText(/^Leerlingadministratie Beta: De lijst kon niet worden gelezen\./)).toBeTruthy();
    expect(screen.getAllByText("Niet gecontroleerd: er kon geen lijst uit een leerlingadministratie worden gelezen.")).toHaveLength(7);
    expect(document.body.textContent).not.toMatch(/geen bevindingen/i);
  });

  it("the ticket text has the check, the count, the school and the date, and no pupil's key, identifier or enrollment", async () => {
    const d = answer();
    setup(d);
    const noEck = await section("Leerlingen zonder ECK iD");
    const ticket = within(noEck).getByRole<HTMLTextAreaElement>("textbox", {
      name: "Tekst voor een melding (zonder namen of kenmerken van leerlingen)",
    });
    expect(ticket.readOnly).toBe(true);
    expect(ticket.value).toContain("Onderwerp: datakwaliteit De Horizon: Leerlingen zonder ECK iD");
    expect(ticket.value).toContain("(peildatum 01-09-2026). Bij de controle ‘Leerlingen zonder ECK iD’ zijn 5 bevindingen gevonden.");
    for (const textbox of screen.getAllByRole<HTMLTextAreaElement>("textbox"))
      for (const i of d.checks.flatMap((c) => c.items))
        for (const value of [i.studentKey, i.masked, i.masked.slice(-4), i.enrollmentId].filter((v): v is string => Boolean(v)))
          expect(textbox.value).not.toContain(value);
    // The copy button puts that text on the clipboard.
    const writeText = vi.fn(async () => {});
    vi.spyOn(navigator, "clipboard", "get").mockReturnValue({ writeText } as unknown as Clipboard);
    await userEvent.click(within(noEck).getByRole("button", { name: "Kopieer tekst" }));
    expect(writeText).toHaveBeenCalledWith(ticket.value);
    expect(within(noEck).getByText("De tekst is gekopieerd.")).toBeTruthy();
  });

  it("the CSV button posts the check to the export of this school and downloads the file", async () => {
    const fetch = setup(answer());
    vi.spyOn(URL, "createObjectURL").mockReturnValue("blob:dq");
    vi.spyOn(URL, "revokeObjectURL").mockReturnValue(undefined);
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockReturnValue(undefined);
    const duplicate = await section("Hetzelfde ECK iD bij meer leerlingen");
    await userEvent.click(within(duplicate).getByRole("button", { name: "Exporteer CSV van ‘Hetzelfde ECK iD bij meer leerlingen’" }));
    const [url, init] = fetch.mock.calls.find(([, i]) => i?.method === "POST")!;
    expect(url).toBe("/api/data-quality/export?school=sg-de-horizon");
    expect(JSON.parse(String(init!.body))).toEqual({ check: "duplicate_eck" });
    expect(click).toHaveBeenCalledTimes(1);
  });

  it("the refresh asks the Sources again, then renders the page anew from that answer", async () => {
    const fetch = setup(answer());
    await userEvent.click(await screen.findByRole("button", { name: "Vernieuwen" }));
    expect(fetch.mock.calls.map(([url]) => url)).toEqual(["/api/data-quality?school=sg-de-horizon&refresh=1"]);
    expect(router.refresh).toHaveBeenCalledTimes(1);
    expect(screen.queryByText(/^Opnieuw controleren is mislukt/)).toBeNull();
  });

  it("a refresh that fails keeps the answer shown, says why, and does not render the page anew", async () => {
    const refused = {
      error: { code: "rate_limited", message: "Te veel verzoeken; probeer het om 14:10 opnieuw.", retryAt: "2026-09-01T12:10:00.000Z" },
    };
    setup(answer(), { refreshAnswer: json(refused, 429) });
    await userEvent.click(await screen.findByRole("button", { name: "Vernieuwen" }));
    expect(await screen.findByText("Te veel verzoeken; probeer het om 14:10 opnieuw.")).toBeTruthy();
    expect(screen.getByText(/^Opnieuw controleren is mislukt/)).toBeTruthy();
    expect(router.refresh).not.toHaveBeenCalled();
    expect(screen.getByText(/^7 controles, 12 bevindingen/)).toBeTruthy();
  });

  it("a long check's records are all in the page, in a region that scrolls with its header row kept", async () => {
    const many = Array.from({ length: 120 }, (_, i) => item(100 + i));
    setup(answer({ checks: [check("duplicate_pupil", 120, many), ...answer().checks.filter((c) => c.id !== "duplicate_pupil")] }));
    const table = await within(await section("Dubbele leerlingen")).findByRole("table");
    expect(within(table).getAllByRole("row")).toHaveLength(121);
    const region = screen.getByRole("region", { name: "Bevindingen bij ‘Dubbele leerlingen’" });
    expect(region.tabIndex).toBe(0);
    expect(region.className).toContain("overflow-auto");
    expect(table.querySelector("thead")!.className).toContain("sticky");
  });

  it("without an answer it says why, with the refresh to try again", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => json(answer())),
    );
    const down = new ApiError(504, { code: "timeout", message: "De bron antwoordde niet op tijd.", sourceId: "las-a" });
    renderIn("nl", <DataQualityFailed error={down} schoolId={SCHOOL.id} />);
    expect(screen.getByText("De datakwaliteit kon niet worden gecontroleerd")).toBeTruthy();
    expect(screen.getByText("De bron antwoordde niet op tijd.")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Vernieuwen" }));
    expect(router.refresh).toHaveBeenCalledTimes(1);
  });

  it("for whom may not open a pupil's page, the identifier is not a link", async () => {
    setup(answer(), { pupilLinks: false });
    const noEck = await section("Leerlingen zonder ECK iD");
    const table = await within(noEck).findByRole("table");
    expect(
      within(table)
        .getAllByRole("rowheader")
        .map((c) => c.textContent),
    ).toEqual(["BSN ••••1234", "BSN ••••5678"]);
    expect(within(table).queryByRole("link")).toBeNull();
  });

  it("speaks English", async () => {
    setup(answer(), { lang: "en" });
    expect(await screen.findByText(/^7 checks, 12 findings/)).toBeTruthy();
    const noEck = await section("Students without an ECK iD");
    expect(within(noEck).getByText("5 findings")).toBeTruthy();
    expect(within(noEck).getByText("The school, in its own student administration (LAS).")).toBeTruthy();
    expect(within(noEck).getByRole<HTMLTextAreaElement>("textbox").value).toContain(
      "The check ‘Students without an ECK iD’ found 5 findings.",
    );
    expect(within(await section("Date far in the past or the future")).getByText("No findings.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Export CSV of ‘Students without an ECK iD’" })).toBeTruthy();
  });
});
