import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderNl } from "@/components/ui/testing/render";
import { CoverageCandidates } from "./coverage-candidates";
import { CoverageProducts } from "./coverage-products";
import { CoverageResult } from "./coverage-result";
import { CoverageScope } from "./coverage-scope";
import type { Candidate, Coverage, Product } from "./queries";

const key = (n: number) => n.toString(16).padStart(32, "0");
const ALL = { from: ["Meridiaan", "Kompas"], others: [], noEntitlements: false, allAssignedAndActivated: true, unknownStatus: 0 };

function coverage(over: Partial<Coverage>): Coverage {
  return {
    pupils: 5,
    formerPupils: 0,
    asked: 5,
    notInLas: 0,
    ambiguousInLas: 0,
    statusUnknown: 0,
    unreadableInLas: { count: 0, fields: [] },
    unreadableEnrollments: { count: 0, fields: [] },
    registries: [],
    conclusions: ALL,
    itemsWithoutProduct: 0,
    dataAgeSeconds: 0,
    oldestAnswerAt: "2026-09-01T08:00:00.000Z",
    products: [],
    candidates: [],
    refusals: [],
    pupilsWithErrors: 0,
    ...over,
  };
}

const product: Product = {
  productId: "9789001234567",
  productTitle: "Getal & Ruimte 4 havo",
  sources: ["Meridiaan"],
  sourceIds: ["lr-a"],
  licensed: 3,
  without: 2,
  unknown: 1,
  byReason: { no_entitlement: 1, source_error: 1 },
  pupils: [
    { key: key(1), name: "Bram de Vries", reason: "no_entitlement", sourceName: "Meridiaan" },
    { key: key(2), name: "Anna Jansen", reason: "source_error" },
  ],
};

describe("CoverageProducts: per product, who has no working licence and why", () => {
  it("counts the pupils whose state is unknown apart from those known to lack a licence", () => {
    renderNl(<CoverageProducts coverage={coverage({ products: [product] })} />);
    const item = screen.getByTestId("coverage-product");
    expect(item.textContent).toContain("Getal & Ruimte 4 havo");
    expect(item.textContent).toContain("(Meridiaan)");
    // 2 without a working licence, of whom 1 unknown: 1 known without of 5.
    expect(within(item).getByTestId("coverage-line").textContent).toBe(
      "1 van 5 leerlingen hebben geen werkende licentie; van 1 is dat onbekend.",
    );
  });

  it("lists the pupils with their reasons, the reasons counted in the summary", async () => {
    renderNl(<CoverageProducts coverage={coverage({ products: [product] })} />);
    const item = screen.getByTestId("coverage-product");
    expect(item.querySelector("summary")!.textContent).toBe("Welke leerlingen? (geen aanspraak: 1, bron gaf geen antwoord: 1)");
    // The table's code loads on its own (components/ui/lazy-data-table.tsx): wait for it.
    const rows = (await within(item).findAllByRole("row")).slice(1).map((r) =>
      within(r)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    );
    expect(rows).toEqual([
      ["Bram de Vries", "geen aanspraak", "Meridiaan"],
      ["Anna Jansen", "bron gaf geen antwoord", "—"],
    ]);
  });

  it("a product everyone holds has no list of pupils", () => {
    renderNl(
      <CoverageProducts
        coverage={coverage({ products: [{ ...product, licensed: 5, without: 0, unknown: 0, byReason: {}, pupils: [] }] })}
      />,
    );
    expect(screen.getByTestId("coverage-line").textContent).toBe("0 van 5 leerlingen hebben geen werkende licentie.");
    expect(screen.getByTestId("coverage-product").querySelector("details")).toBeNull();
  });

  it("'nobody has entitlements' only from the registries that answered for every pupil", () => {
    const { unmount } = renderNl(
      <CoverageProducts coverage={coverage({ conclusions: { ...ALL, from: ["Kompas"], others: ["Meridiaan"], noEntitlements: true } })} />,
    );
    expect(screen.getByTestId("no-products").textContent).toBe("Geen enkele leerling van deze groep heeft aanspraken bij Kompas.");
    unmount();
    renderNl(<CoverageProducts coverage={coverage({ conclusions: null })} />);
    expect(screen.getByTestId("no-products").textContent).toMatch(
      /^In de antwoorden die er zijn, staan geen aanspraken\. .*volgt daaruit niet dat er geen aanspraken zijn\.$/,
    );
  });

  it("says nothing about products when some are listed and no conclusion is allowed", () => {
    renderNl(<CoverageProducts coverage={coverage({ conclusions: null, products: [product] })} />);
    expect(screen.queryByTestId("no-products")).toBeNull();
  });
});

describe("CoverageCandidates: licences to reassign or return", () => {
  const candidates: Candidate[] = [
    {
      key: key(3),
      name: "Cor Bakker",
      productId: "9789001234567",
      productTitle: "Getal & Ruimte 4 havo",
      sourceId: "lr-a",
      sourceName: "Meridiaan",
      entitlementStatus: "licensed",
      why: "left_class",
    },
    {
      key: key(4),
      productId: "9789009999999",
      sourceId: "lr-b",
      sourceName: "Kompas",
      entitlementStatus: "entitled",
      why: "never_activated",
    },
  ];
  const table = () => screen.findByRole("table", { name: "Licenties om opnieuw toe te wijzen of te retourneren" });

  it("shows each with why it is listed", async () => {
    renderNl(<CoverageCandidates coverage={coverage({ candidates, conclusions: { ...ALL, allAssignedAndActivated: false } })} />);
    const rows = within(await table())
      .getAllByRole("row")
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole("cell")
          .map((c) => c.textContent),
      );
    expect(rows).toEqual([
      ["Cor Bakker", "Getal & Ruimte 4 havo", "leerling staat niet meer in deze groep", "Meridiaan"],
      ["—", "9789009999999", "nooit geactiveerd", "Kompas"],
    ]);
    expect(screen.queryByTestId("candidates-conclusion")).toBeNull();
  });

  it("'none' only of the registries that answered for every pupil", () => {
    renderNl(<CoverageCandidates coverage={coverage({ conclusions: { ...ALL, from: ["Kompas"], others: ["Meridiaan"] } })} />);
    expect(screen.getByTestId("candidates-conclusion").textContent).toBe(
      "Geen bij Kompas: alle licenties daar horen bij leerlingen van deze groep en zijn geactiveerd.",
    );
  });

  it("licences of unknown status make 'none' impossible to say", () => {
    renderNl(<CoverageCandidates coverage={coverage({ conclusions: { ...ALL, allAssignedAndActivated: false, unknownStatus: 2 } })} />);
    expect(screen.getByTestId("candidates-conclusion").textContent).toBe(
      "2 licenties bij Meridiaan en Kompas hebben een onbekende status: of die bij de groep horen en geactiveerd zijn, is niet vast te stellen.",
    );
  });

  it("without a registry that answered for every pupil, nothing is concluded", () => {
    renderNl(<CoverageCandidates coverage={coverage({ conclusions: null })} />);
    expect(screen.getByTestId("candidates-conclusion").textContent).toMatch(
      /^Of alle licenties .* is niet vast te stellen: geen enkele licentieregistratie antwoordde voor alle leerlingen\.$/,
    );
  });
});

describe("CoverageScope: what the conclusions rest on", () => {
  it("each registry's share of the pupils asked, and for which registries the conclusions hold", () => {
    renderNl(
      <CoverageScope
        coverage={coverage({
          registries: [
            { sourceId: "lr-a", sourceName: "Meridiaan", answered: 2, asked: 5, percent: 40, complete: false },
            { sourceId: "lr-b", sourceName: "Kompas", answered: 5, asked: 5, percent: 100, complete: true },
          ],
          conclusions: { ...ALL, from: ["Kompas"], others: ["Meridiaan"] },
        })}
      />,
    );
    const shares = within(screen.getByTestId("registry-shares"))
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(shares).toEqual(["Meridiaan antwoordde voor 2 van 5 leerlingen (40 %)", "Kompas antwoordde voor 5 van 5 leerlingen (100 %)"]);
    expect(screen.getByTestId("conclusion-scope").textContent).toBe("De conclusies hieronder gelden alleen voor Kompas.");
    expect(screen.getByTestId("coverage-age").textContent).toBe("Alle antwoorden zijn zojuist opgehaald.");
  });

  it("no conclusions at all when no registry answered for every pupil; LAS records it could not read", () => {
    renderNl(
      <CoverageScope
        coverage={coverage({ conclusions: null, unreadableInLas: { count: 1, fields: ["givenName"] }, asked: 4, formerPupils: 1 })}
      />,
    );
    expect(screen.getByTestId("conclusion-scope").textContent).toMatch(/^Geen enkele licentieregistratie antwoordde voor alle leerlingen/);
    expect(screen.getByTestId("unreadable-in-las").textContent).toContain("givenName");
    expect(screen.getByText(/^Nagevraagd: 4 van de 6 leerlingen/)).toBeTruthy();
  });
});

describe("CoverageResult: who of the group nothing is concluded about", () => {
  it("pupils held back while a mass change of the LAS lists waits for review are counted, and said to be neither asked nor concluded about", () => {
    const held = 3;
    renderNl(<CoverageResult coverage={coverage({ heldForReview: held })} onExport={() => {}} />);
    expect(screen.getByTestId("held-for-review").textContent).toBe(
      `${held} leerlingen zijn niet nagevraagd en er is niets over hen geconcludeerd: ze lijken niet meer ingeschreven of staan niet in de LAS, maar het laatste antwoord van de LAS wacht op beoordeling.`,
    );
  });

  it("one pupil in the singular; none held back, no notice", () => {
    const { unmount } = renderNl(<CoverageResult coverage={coverage({ heldForReview: 1 })} onExport={() => {}} />);
    expect(screen.getByTestId("held-for-review").textContent).toMatch(/^1 leerling is niet nagevraagd/);
    unmount();
    renderNl(<CoverageResult coverage={coverage({})} onExport={() => {}} />);
    expect(screen.queryByTestId("held-for-review")).toBeNull();
  });
});
