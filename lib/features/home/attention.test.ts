import { describe, expect, it } from "vitest";
import { consentGapsCard, consentRequestsCard, sourcesCard } from "./attention";
import { items, matrix, row, SOURCES, summaries } from "./testing/attention-fixtures";

describe("Sources of the school: failing or leaving records out in the last 7 days", () => {
  const health = summaries([
    row("las-a", "get-students-for-school", 2, { calls: 1, leftOut: 3 }),
    row("las-a", "get-enrollments-for-school", 30, { calls: 1, leftOut: 1 }),
    row("lr-a", "get-usage-for-user-at-school", 1, { calls: 4, failed: 2 }),
    // Outside the 7 days, and a Source of another school: neither counts.
    row("lr-b", "get-usage-for-user-at-school", 24 * 7 + 2, { calls: 5, failed: 5 }),
    row("las-b", "get-students-for-school", 1, { calls: 1, failed: 1, leftOut: 9 }),
  ]);

  it("per Source the failed calls and the records left out, largest first, each linking to the Source's contract health", () => {
    expect(items(sourcesCard(SOURCES, health))).toEqual([
      ["records_left_out", "Leerlingadministratie Alfa", 4, "/bronnen#health-las-a"],
      ["source_failed", "Licentieregistratie Uitgeverij Meridiaan", 2, "/bronnen#health-lr-a"],
    ]);
    expect(sourcesCard(SOURCES, health).unreadable).toBe(false);
  });

  it("nothing failed or left out: an empty card that is readable (the page says so)", () => {
    expect(sourcesCard(SOURCES, summaries([row("las-a", "get-students-for-school", 1, { calls: 3 })]))).toEqual({
      part: "sources",
      items: [],
      more: 0,
      unreadable: false,
    });
  });

  it("the store could not be read: unreadable, not empty-and-fine", () => {
    expect(sourcesCard(SOURCES, null)).toEqual({ part: "sources", items: [], more: 0, unreadable: true });
  });
});

describe("consent as a school administrator sees it", () => {
  const health = summaries([row("lr-b", "get-usage-for-user-at-school", 3, { calls: 2, failed: 2, codes: { "0022": 2 } })]);
  const consent = matrix([
    {
      id: "las-a",
      name: "Leerlingadministratie Alfa",
      cells: [
        ["students-api", true, "confirmed"],
        ["association-api", true, null],
        ["usage-api", false, null],
      ],
    },
    {
      id: "lr-a",
      name: "Licentieregistratie Uitgeverij Meridiaan",
      cells: [
        ["students-api", false, null],
        ["association-api", false, null],
        ["usage-api", true, "refused"],
      ],
    },
  ]);

  it("Sources that answered 0022 (per API) and Providers that refused; nothing for a pair never asked or confirmed", () => {
    expect(items(consentGapsCard(SOURCES, health, consent, { canOpenConsent: false }))).toEqual([
      ["consent_missing", "Licentieregistratie Uitgeverij Kompas", 2, "/bronnen#health-lr-b"],
      ["consent_refused", "Licentieregistratie Uitgeverij Meridiaan", 1, null],
    ]);
    expect(consentGapsCard(SOURCES, health, consent, { canOpenConsent: false }).items[0]!.api).toBe("usage-api");
  });

  it("a viewer who may open the consent page gets links there: a prefilled request, the list filtered", () => {
    expect(items(consentGapsCard(SOURCES, health, consent, { canOpenConsent: true })).map((i) => i[3])).toEqual([
      "/toestemming?requestApi=usage-api&requestProvider=lr-b",
      "/toestemming?provider=lr-a&status=refused",
    ]);
  });

  it("with the consent requests unreadable the 0022 answers still show, and the card says a part could not be read", () => {
    const card = consentGapsCard(SOURCES, health, null, { canOpenConsent: false });
    expect(card.items.map((i) => i.code)).toEqual(["consent_missing"]);
    expect(card.unreadable).toBe(true);
  });
});

describe("consent requests as a consent manager sees them", () => {
  const consent = matrix([
    {
      id: "las-b",
      name: "Leerlingadministratie Beta",
      cells: [
        ["students-api", true, "concept"],
        ["association-api", true, "sent"],
        ["usage-api", false, "refused"],
      ],
    },
    {
      id: "lr-b",
      name: "Licentieregistratie Uitgeverij Kompas",
      cells: [
        ["students-api", false, null],
        ["association-api", false, null],
        ["usage-api", true, "refused"],
      ],
      pollError: "De bron is niet bereikbaar.",
    },
    {
      id: "lr-a",
      name: "Licentieregistratie Uitgeverij Meridiaan",
      cells: [
        ["students-api", false, null],
        ["association-api", false, null],
        ["usage-api", true, "confirmed"],
      ],
    },
  ]);

  it("per Provider what waits, was refused or revoked (latest request per API, offered APIs only), and a status poll that fails", () => {
    expect(items(consentRequestsCard(consent))).toEqual([
      ["request_concept", "Leerlingadministratie Beta", 1, "/toestemming?provider=las-b&status=concept"],
      ["request_sent", "Leerlingadministratie Beta", 1, "/toestemming?provider=las-b&status=sent"],
      ["request_refused", "Licentieregistratie Uitgeverij Kompas", 1, "/toestemming?provider=lr-b&status=refused"],
      ["status_poll_failed", "Licentieregistratie Uitgeverij Kompas", 1, "/toestemming"],
    ]);
  });

  it("all confirmed: empty and readable; the store down: unreadable", () => {
    expect(
      consentRequestsCard(
        matrix([{ id: "lr-a", name: "Licentieregistratie Uitgeverij Meridiaan", cells: [["usage-api", true, "confirmed"]] }]),
      ),
    ).toMatchObject({ items: [], unreadable: false });
    expect(consentRequestsCard(null)).toMatchObject({ items: [], unreadable: true });
  });
});
