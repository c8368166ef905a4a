import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AccessLogTable } from "@/components/access-log/access-log-table";
import { renderIn, renderNl } from "@/components/ui/testing/render";
import type { AccessLogEntry } from "@/lib/contracts/access-log";
import type { AvgRecordAnswer } from "@/lib/contracts/access-log";
import { AvgRecord } from "./avg-record";

const KEY = "0123456789abcdef0123456789abcdef";
const record: AvgRecordAnswer = {
  pupil: { key: KEY, name: "Mila van Wijk", maskedId: "ECK iD ••••8f7d" },
  accesses: [
    {
      at: "2026-11-24T09:01:02.000Z",
      actor: "p.deboer@obsderegenboog.example",
      actorRoles: "schooladmin",
      dataKind: "students",
      action: "reveal",
      outcome: "served",
    },
    {
      at: "2026-11-24T09:00:00.000Z",
      actor: "support@leermiddelen.example",
      actorRoles: "support",
      dataKind: "usage",
      action: "lookup",
      outcome: "served",
    },
  ],
  truncated: false,
  limit: 500,
  unnamed: [
    { dataKind: "students", action: "list", count: 12, since: "2026-09-01T08:00:00.000Z" },
    { dataKind: "usage", action: "export", count: 3, since: "2026-10-01T08:00:00.000Z" },
  ],
  providers: [
    {
      providerId: "las-a",
      providerName: "Leerlingadministratie Alfa",
      api: "students-api",
      scopes: ["eduv.student.basic"],
      state: "given",
      since: "2026-08-20T10:00:00.000Z",
      askedAboutPupil: null,
    },
    {
      providerId: "lr-a",
      providerName: "Licentieregistratie Uitgeverij Meridiaan",
      api: "usage-api",
      scopes: ["eduv.usage.dashboard"],
      state: "none",
      since: null,
      askedAboutPupil: 1,
    },
    {
      providerId: "am",
      providerName: "Aanspraakmanager Distributie Delta",
      api: "usage-api",
      scopes: ["eduv.usage.dashboard"],
      state: "unmanaged",
      since: null,
      askedAboutPupil: 0,
    },
  ],
  readAt: "2026-11-24T10:00:00.000Z",
};
const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole("cell")
    .map((c) => c.textContent);
const bodyRows = (name: string) => within(screen.getByRole("table", { name })).getAllByRole("row").slice(1);

describe("the pupil's AVG record", () => {
  it("says whose record it is by name and masked identifier, when and by whom it was drawn up, and can be printed", () => {
    renderNl(<AvgRecord record={record} schoolName="OBS De Regenboog" reader="f.ali@bestuur.example" />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("AVG-overzicht van Mila van Wijk");
    expect(screen.getByText("ECK iD ••••8f7d")).toBeTruthy();
    expect(screen.getByText("OBS De Regenboog")).toBeTruthy();
    expect(screen.getByText("24-11-2026 11:00").getAttribute("datetime")).toBe(record.readAt);
    expect(screen.getByText(/Opgesteld door f\.ali@bestuur\.example/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Afdrukken" }).className).toContain("print:hidden");
  });

  it("lists the accesses naming the pupil in words, newest first", () => {
    renderNl(<AvgRecord record={record} schoolName="OBS De Regenboog" reader="f.ali@bestuur.example" />);
    const rows = bodyRows("Inzages van deze leerling, nieuwste eerst");
    expect(rows.map(cells)).toEqual([
      ["24-11-2026 10:01:02", "p.deboer@obsderegenboog.example", "schooladmin", "Leerlingen · kenmerk getoond", "Getoond"],
      ["24-11-2026 10:00:00", "support@leermiddelen.example", "support", "Licentiegebruik · opzoeken", "Getoond"],
    ]);
    expect(screen.queryByText(/Alleen de nieuwste/)).toBeNull();
  });

  it("counts the lists that may have held the pupil, saying they are not recorded per pupil", () => {
    renderNl(<AvgRecord record={record} schoolName="OBS De Regenboog" reader="f.ali@bestuur.example" />);
    expect(screen.getByTestId("avg-unnamed-total").textContent).toBe(
      "Lijsten en exports die deze leerling kunnen bevatten: 15, niet per leerling vastgelegd.",
    );
    const rows = bodyRows("Lijsten en exports van deze school, per soort");
    expect(rows.map((r) => [within(r).getByRole("rowheader").textContent, ...cells(r)])).toEqual([
      ["Leerlingen · lijst", "12", "01-09-2026"],
      ["Licentiegebruik · export", "3", "01-10-2026"],
    ]);
  });

  it("names each Provider with the data, the consent and whether it was asked about the pupil", () => {
    renderNl(<AvgRecord record={record} schoolName="OBS De Regenboog" reader="f.ali@bestuur.example" />);
    const rows = bodyRows("Aanbieders en toestemming per gegevensdienst");
    expect(rows.map((r) => [within(r).getByRole("rowheader").textContent, ...cells(r)])).toEqual([
      [
        "Leerlingadministratie Alfa",
        "Leerlingen",
        "naam en kenmerken van leerlingen (eduv.student.basic)",
        "Toestemming gegeven (sinds 20-08-2026)",
        "alleen in lijsten van de hele school",
      ],
      [
        "Licentieregistratie Uitgeverij Meridiaan",
        "Licentiegebruik",
        "licentiegebruik (aanspraken) (eduv.usage.dashboard)",
        "Niet gevraagd",
        "1 keer",
      ],
      [
        "Aanspraakmanager Distributie Delta",
        "Licentiegebruik",
        "licentiegebruik (aanspraken) (eduv.usage.dashboard)",
        "Buiten de toestemmingsdienst van Edu-V geregeld",
        "niet",
      ],
    ]);
  });

  it("says so when older accesses were left out, and when the log names the pupil nowhere; in English too", () => {
    renderIn("en", <AvgRecord record={{ ...record, accesses: [], truncated: true }} schoolName="OBS De Regenboog" reader="x@y.example" />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Privacy record (AVG) of Mila van Wijk");
    expect(screen.getByText("Only the newest 500 accesses are listed; the access log holds more.")).toBeTruthy();
    expect(screen.getByText("The access log names this pupil nowhere.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Print" })).toBeTruthy();
  });
});

describe("the access log's rows naming a pupil link to their AVG record", () => {
  const entry: AccessLogEntry = {
    id: 1,
    at: "2026-11-24T09:01:02.000Z",
    actor: "p.deboer@obsderegenboog.example",
    actorRoles: "schooladmin",
    schoolId: "s1",
    dataKind: "students",
    action: "detail",
    personCount: 1,
    personHash: `${KEY}${"f".repeat(32)}`,
    outcome: "served",
  };
  const rows: AccessLogEntry[] = [
    entry,
    { ...entry, id: 2, dataKind: "accesslog" },
    // A lookup may name an employee, or a pupil by another identifier: no key to link.
    { ...entry, id: 3, dataKind: "usage", action: "lookup" },
    { ...entry, id: 4, action: "list", personCount: 50, personHash: null },
    { ...entry, id: 5, schoolId: "s2" },
  ];

  it("for the school whose records the reader may open, by the key the hash begins with", () => {
    renderNl(<AccessLogTable rows={rows} schoolNames={{}} filtered={false} avgSchoolId="s1" />);
    const links = within(screen.getByRole("table")).getAllByRole("link", { name: "AVG-overzicht" });
    expect(links.map((a) => a.getAttribute("href"))).toEqual([`/avg/${KEY}`, `/avg/${KEY}`]);
    expect(screen.getByRole("columnheader", { name: "Leerling" })).toBeTruthy();
  });

  it("not for a reader without the permission: no column at all", () => {
    renderNl(<AccessLogTable rows={rows} schoolNames={{}} filtered={false} />);
    expect(screen.queryByRole("link")).toBeNull();
    expect(screen.queryByRole("columnheader", { name: "Leerling" })).toBeNull();
  });
});
