import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/components/lists/api-error";
import { renderIn } from "@/components/ui/testing/render";
import { LicenceScan } from "./licence-scan";
import type { DataQualityItem, Scan } from "./queries";

const router = vi.hoisted(() => ({ refresh: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => router }));

const SCHOOL = { id: "obs-de-regenboog", name: "OBS De Regenboog" };
const A = "Licentieregistratie Uitgeverij Meridiaan";
const B = "Licentieregistratie Uitgeverij Kompas";
const key = (n: number) => n.toString(16).padStart(32, "0");
const item = (n: number, detail: string): DataQualityItem => ({
  studentKey: key(n),
  masked: `ECK iD ••••${(0x8c20 + n).toString(16)}`,
  detail,
});
const common = { id: "scan-1", startedAt: "2026-03-02T09:00:00.000Z", total: 480 };
type Done = Extract<Scan, { state: "done" }>;

/** A finished scan: two pupils with licences but no enrollment (one shown), none unknown at a registry; both registries answered about all. */
function finished(over: Partial<Done> = {}): Done {
  return {
    ...common,
    state: "done",
    finishedAt: "2026-03-02T09:04:00.000Z",
    checks: [
      { id: "licences_without_enrollment", actor: "school", count: 2, items: [item(1, `${A}: 2; ${B}: 1`)] },
      { id: "unknown_at_registry", actor: "publisher", count: 0, items: [] },
    ],
    registries: [
      { sourceId: "lr-a", name: A, answered: 480, notAnswered: 0 },
      { sourceId: "lr-b", name: B, answered: 480, notAnswered: 0 },
    ],
    notAsked: 0,
    ...over,
  };
}

function setup(scan: Scan | null, { lang = "nl" as "nl" | "en", pupilLinks = true, error = undefined as unknown } = {}) {
  const fetch = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>(
    async () => new Response("kenmerk\n", { headers: { "content-type": "text/csv" } }),
  );
  vi.stubGlobal("fetch", fetch);
  renderIn(lang, <LicenceScan scan={scan} school={SCHOOL} pupilLinks={pupilLinks} error={error} />);
  return fetch;
}
const scanSection = () => screen.getByRole("region", { name: "Licenties bij de registraties" });
const check = (name: string) => screen.getByRole("region", { name });

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  router.refresh.mockReset();
});

describe("Licenties bij de registraties", () => {
  it("without a scan says what it does, how long it may take and that it keeps to the Sources' limits, with a start", () => {
    const fetch = setup(null);
    const section = scanSection();
    expect(within(section).getByRole("heading", { level: 2 }).textContent).toBe("Licenties bij de registraties");
    expect(within(section).getByText(/^Deze controle vraagt elke Licentieregistratie van de school/)).toBeTruthy();
    expect(
      within(section).getByText(/kan de controle even duren\. Het dashboard blijft daarbij binnen de grenzen van elke bron/),
    ).toBeTruthy();
    expect(within(section).getByRole("button", { name: "Start de controle" })).toBeTruthy();
    expect(within(section).queryByRole("progressbar")).toBeNull();
    expect(section.textContent).not.toMatch(/bevinding/i);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("while it runs: since when, the progress as a polite status over a labelled bar, and a stop", () => {
    setup({ ...common, state: "running", done: 123 });
    const section = scanSection();
    expect(within(section).getByText("De controle loopt sinds 02-03-2026 10:00.")).toBeTruthy();
    expect(within(section).getByRole("status").textContent).toBe("123 van 480 leerlingen gevraagd");
    expect(within(section).getByRole<HTMLProgressElement>("progressbar", { name: "123 van 480 leerlingen gevraagd" }).value).toBe(123);
    expect(within(section).getByRole("button", { name: "Stoppen" })).toBeTruthy();
    expect(within(section).queryByRole("button", { name: /controle|controleren/ })).toBeNull();
  });

  it("done: when, what each registry answered, and each check as the LAS checks are shown, with a new start", () => {
    setup(finished());
    const section = scanSection();
    expect(within(section).getByText("Gecontroleerd op 02-03-2026 10:04: 480 leerlingen uit de leerlingadministratie.")).toBeTruthy();
    expect(within(section).getByRole("heading", { level: 3, name: "Antwoorden per registratie" })).toBeTruthy();
    expect(within(section).getByText(`${A}: antwoord over 480 leerlingen.`)).toBeTruthy();
    expect(within(section).getByText(`${B}: antwoord over 480 leerlingen.`)).toBeTruthy();
    expect(within(section).queryByText("Niet over elke leerling is iets bekend")).toBeNull();
    expect(within(section).getByRole("button", { name: "Opnieuw controleren" })).toBeTruthy();

    const leavers = check("Licenties van leerlingen die niet ingeschreven zijn");
    expect(within(leavers).getByRole("heading", { level: 3 })).toBeTruthy();
    expect(leavers.dataset.count).toBe("2");
    expect(within(leavers).getByText("2 bevindingen")).toBeTruthy();
    expect(within(leavers).getByText(/^Een Licentieregistratie heeft voor deze leerlingen licenties die nog werken/)).toBeTruthy();
    expect(within(leavers).getByText(/^De school: bij de uitgever of distributeur/)).toBeTruthy();
    expect(
      within(leavers).getByText(/^Is de leerling vertrokken, zeg de licenties dan op.* Klik daarna hier op Opnieuw controleren\./),
    ).toBeTruthy();
    const table = within(leavers).getByRole("table", { name: "Bevindingen bij ‘Licenties van leerlingen die niet ingeschreven zijn’" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Kenmerk", "Licenties die werken of wachten, per registratie"]);
    expect(within(table).getByRole("link", { name: "ECK iD ••••8c21" }).getAttribute("href")).toBe(`/leerlingen/${key(1)}`);
    expect(within(table).getByRole("cell").textContent).toBe(`${A}: 2; ${B}: 1`);
    expect(within(leavers).getByText("En nog 1 bevinding die hier niet staat. De CSV-export bevat ze allemaal.")).toBeTruthy();
    expect(
      within(leavers).getByRole("button", { name: "Exporteer CSV van ‘Licenties van leerlingen die niet ingeschreven zijn’" }),
    ).toBeTruthy();

    const unknown = check("Leerlingen die een Licentieregistratie niet kent");
    expect(within(unknown).getByText("Geen bevindingen.")).toBeTruthy();
    expect(within(unknown).queryByRole("table")).toBeNull();
  });

  it("the ticket names the check, the count, the school and the day, and no pupil", () => {
    const scan = finished();
    setup(scan);
    const ticket = within(check("Licenties van leerlingen die niet ingeschreven zijn")).getByRole<HTMLTextAreaElement>("textbox", {
      name: "Tekst voor een melding (zonder namen of kenmerken van leerlingen)",
    });
    expect(ticket.value).toContain("Onderwerp: licenties OBS De Regenboog: Licenties van leerlingen die niet ingeschreven zijn");
    expect(ticket.value).toContain("heeft op 02-03-2026 bij de Licentieregistraties nagevraagd");
    expect(ticket.value).toContain("Bij de controle ‘Licenties van leerlingen die niet ingeschreven zijn’ zijn 2 bevindingen gevonden.");
    for (const i of scan.checks.flatMap((c) => c.items))
      for (const value of [i.studentKey, i.masked, i.masked.slice(-4)]) expect(ticket.value).not.toContain(value);
  });

  it("a registry that did not answer about some pupils, or pupils not asked, make the checks partial: never 'no findings'", () => {
    setup(
      finished({ registries: [finished().registries[0]!, { sourceId: "lr-b", name: B, answered: 468, notAnswered: 12 }], notAsked: 3 }),
    );
    const section = scanSection();
    expect(within(section).getByText(`${B}: antwoord over 468 leerlingen, geen bruikbaar antwoord over 12.`)).toBeTruthy();
    expect(within(section).getByText(/^3 leerlingen zijn niet nagevraagd: de status van hun inschrijving is onbekend/)).toBeTruthy();
    expect(within(section).getByText("Niet over elke leerling is iets bekend")).toBeTruthy();
    expect(
      within(section).getByText(/^Over leerlingen die niet zijn nagevraagd, of over wie een registratie geen bruikbaar antwoord gaf/),
    ).toBeTruthy();
    const unknown = check("Leerlingen die een Licentieregistratie niet kent");
    expect(unknown.textContent).toContain(
      "0 bevindingen bij de leerlingen over wie elke registratie antwoordde. Over de andere leerlingen is niets geconcludeerd.",
    );
    expect(section.textContent).not.toMatch(/geen bevindingen/i);
  });

  it("a scan that ran while a mass change waited: who is not enrolled is not known, said instead of a count", () => {
    const held = 7;
    const scan = finished({
      checks: [
        { id: "licences_without_enrollment", actor: "school", count: 0, items: [], notKnown: "mass_change" },
        { id: "unknown_at_registry", actor: "publisher", count: 0, items: [] },
      ],
      notAsked: held,
    });
    setup(scan);
    const leavers = check("Licenties van leerlingen die niet ingeschreven zijn");
    expect(leavers.dataset.notKnown).toBe("mass_change");
    expect(leavers.dataset.count).toBeUndefined();
    expect(within(leavers).getByText(/^Niet bekend: het laatste antwoord van de LAS wacht op beoordeling\./)).toBeTruthy();
    expect(leavers.textContent).not.toMatch(/bevinding/i);
    expect(within(leavers).queryByRole("button")).toBeNull();
    // The pupils held back were not asked: the other check is partial, never "no findings".
    expect(within(scanSection()).getByText(new RegExp(`^${held} leerlingen zijn niet nagevraagd`))).toBeTruthy();
    expect(scanSection().textContent).not.toMatch(/geen bevindingen/i);
  });

  it("the CSV of a licence check posts its id to the export of this school", async () => {
    const fetch = setup(finished());
    vi.spyOn(URL, "createObjectURL").mockReturnValue("blob:scan");
    vi.spyOn(URL, "revokeObjectURL").mockReturnValue(undefined);
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockReturnValue(undefined);
    await userEvent.click(screen.getByRole("button", { name: "Exporteer CSV van ‘Licenties van leerlingen die niet ingeschreven zijn’" }));
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`/api/data-quality/export?school=${SCHOOL.id}`);
    expect(JSON.parse(String(init!.body))).toEqual({ check: "licences_without_enrollment" });
  });

  it("for whom may not open a pupil's page, the identifier is not a link", () => {
    setup(finished(), { pupilLinks: false });
    const table = within(check("Licenties van leerlingen die niet ingeschreven zijn")).getByRole("table");
    expect(within(table).getByRole("rowheader").textContent).toBe("ECK iD ••••8c21");
    expect(within(table).queryByRole("link")).toBeNull();
  });

  it("cancelled: when it was stopped and how far it got, nothing concluded, and a new start", () => {
    setup({ ...common, state: "cancelled", finishedAt: "2026-03-02T09:02:00.000Z", done: 123 });
    const section = scanSection();
    expect(
      within(section).getByText("De controle is gestopt op 02-03-2026 10:02, na 123 van 480 leerlingen. Er is niets geconcludeerd."),
    ).toBeTruthy();
    expect(within(section).getByRole("button", { name: "Opnieuw controleren" })).toBeTruthy();
    expect(within(section).queryByRole("region", { name: /Licenties van leerlingen/ })).toBeNull();
  });

  it("failed: the error in the page's words for that kind, and a new start", () => {
    setup({ ...common, state: "failed", finishedAt: "2026-03-02T09:01:00.000Z", error: "timeout" });
    const section = scanSection();
    expect(within(section).getByRole("heading", { level: 3, name: "De controle is mislukt" })).toBeTruthy();
    expect(within(section).getByText("De bron antwoordde niet op tijd. De controle stopte op 02-03-2026 10:01.")).toBeTruthy();
    expect(within(section).getByRole("button", { name: "Opnieuw controleren" })).toBeTruthy();
  });

  it("failed with an error the page has no words for: the dashboard's own failure", () => {
    setup({ ...common, state: "failed", finishedAt: "2026-03-02T09:01:00.000Z", error: "internal" });
    expect(screen.getByText("Er ging iets mis in het dashboard. De controle stopte op 02-03-2026 10:01.")).toBeTruthy();
  });

  it("a scan that could not be read says why, and offers nothing to start", () => {
    setup(null, {
      error: new ApiError(500, { code: "internal", message: "Er ging iets mis in het dashboard. Probeer het later opnieuw." }),
    });
    const section = scanSection();
    expect(within(section).getByText("De licentiecontrole kon niet worden gelezen")).toBeTruthy();
    expect(within(section).queryByRole("button")).toBeNull();
  });

  it("speaks English", () => {
    setup(finished({ registries: [{ sourceId: "lr-a", name: A, answered: 470, notAnswered: 10 }] }), { lang: "en" });
    const section = screen.getByRole("region", { name: "Licences at the registries" });
    expect(within(section).getByText(`${A}: answered about 470 students, no usable answer about 10.`)).toBeTruthy();
    expect(within(section).getByRole("button", { name: "Check again" })).toBeTruthy();
    const leavers = screen.getByRole("region", { name: "Licences of students who are not enrolled" });
    expect(within(leavers).getByText("2 findings")).toBeTruthy();
    expect(
      within(screen.getByRole("region", { name: "Students a Licentieregistratie does not know" })).getByText(
        /^0 findings among the students/,
      ),
    ).toBeTruthy();
  });
});
