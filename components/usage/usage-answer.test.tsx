import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderNl } from "@/components/ui/testing/render";
import type { Entitlement, Registry, UsageAnswer } from "./queries";
import { UsageSources } from "./usage-sources";
import { NoEntitlements, UsageTotals } from "./usage-totals";

const KEY = "0123456789abcdef0123456789abcdef";
const zero = { entitled: 0, licensed: 0, cancelled: 0, blocked: 0, expired: 0 };
const registry = (sourceId: string, sourceName: string, rest: Partial<Registry>): Registry => ({
  sourceId,
  sourceName,
  sourceKind: "licentieregistratie",
  status: "ok",
  count: 0,
  ageSeconds: 0,
  ...rest,
});
const item = (sourceId: string, entitlementStatus: string | undefined, meaning: Entitlement["meaning"]): Entitlement => ({
  sourceId,
  sourceName: sourceId,
  productId: "9789001",
  entitlementStatus,
  meaning,
});

function answer(over: Partial<UsageAnswer>): UsageAnswer {
  return {
    person: { kind: "student", key: KEY, name: "Bram de Vries", maskedId: "ECK iD ••••1234" },
    today: "2026-09-01",
    ageSeconds: 0,
    totals: zero,
    scope: { counted: [], notCounted: [], withoutEntitlements: [] },
    registries: [],
    entitlements: [],
    ...over,
  };
}

describe("UsageTotals: the totals speak only for the registries that answered", () => {
  it("names the registries counted and those that are not, and shows each status's total", () => {
    const data = answer({
      totals: { entitled: 1, licensed: 2, cancelled: 0, blocked: 0, expired: 0 },
      scope: { counted: ["Kompas"], notCounted: ["Meridiaan"], withoutEntitlements: [] },
      entitlements: [item("lr-b", "licensed", "ok"), item("lr-b", "licensed", "ok"), item("lr-b", "entitled", "not_activated")],
    });
    renderNl(<UsageTotals data={data} />);
    expect(screen.getByRole("figure").textContent).toContain("Totalen van: Kompas");
    expect(screen.getByTestId("not-counted").textContent).toBe("Meridiaan gaf geen bruikbaar antwoord en telt niet mee.");
    expect(screen.getByTestId("total-licensed").textContent).toBe("2");
    expect(screen.getByTestId("total-entitled").textContent).toBe("1");
    expect(screen.getByTestId("total-expired").textContent).toBe("0");
  });

  it("with no registry answering there are no totals at all, not zeros", () => {
    renderNl(<UsageTotals data={answer({ scope: { counted: [], notCounted: ["Meridiaan", "Kompas"], withoutEntitlements: [] } })} />);
    expect(screen.getByRole("figure").textContent).toContain(
      "Geen totalen: geen enkele licentieregistratie gaf een bruikbaar antwoord over deze persoon.",
    );
    expect(screen.getByTestId("not-counted").textContent).toBe("Meridiaan en Kompas gaven geen bruikbaar antwoord en tellen niet mee.");
    expect(screen.queryByTestId("total-licensed")).toBeNull();
  });

  it("entitlements whose status nobody knows are counted apart, as not working", () => {
    const data = answer({
      scope: { counted: ["Kompas"], notCounted: [], withoutEntitlements: [] },
      entitlements: [item("lr-b", "pending", "unknown"), item("lr-b", undefined, "unknown"), item("lr-b", "licensed", "ok")],
    });
    renderNl(<UsageTotals data={data} />);
    expect(screen.getByRole("figure").textContent).toContain("2 aanspraken hebben een onbekende status; die tellen niet als werkend.");
  });
});

describe("NoEntitlements: 'none' only where a registry answered", () => {
  it("says none anywhere only when every registry answered", () => {
    renderNl(
      <NoEntitlements
        data={answer({ scope: { counted: ["Meridiaan", "Kompas"], notCounted: [], withoutEntitlements: ["Meridiaan", "Kompas"] } })}
      />,
    );
    expect(screen.getByTestId("no-entitlements").textContent).toBe("Geen enkele licentieregistratie meldt aanspraken voor deze persoon.");
  });

  it("with one registry silent: none only at the one that answered, and the other may have some", () => {
    renderNl(
      <NoEntitlements data={answer({ scope: { counted: ["Kompas"], notCounted: ["Meridiaan"], withoutEntitlements: ["Kompas"] } })} />,
    );
    expect(screen.getByTestId("no-entitlements").textContent).toBe(
      "Geen aanspraken voor deze persoon bij: Kompas. Meridiaan gaf geen bruikbaar antwoord: daar kunnen wel aanspraken staan.",
    );
  });

  it("with no registry answering it is unknown, never 'no licences'", () => {
    renderNl(<NoEntitlements data={answer({ scope: { counted: [], notCounted: ["Meridiaan", "Kompas"], withoutEntitlements: [] } })} />);
    const text = screen.getByTestId("no-entitlements").textContent;
    expect(text).toBe("Geen enkele licentieregistratie gaf een bruikbaar antwoord: of deze persoon aanspraken heeft, is onbekend.");
    expect(text).not.toContain("meldt aanspraken");
  });
});

describe("UsageSources: each registry's answer, or why there is none", () => {
  const registries: Registry[] = [
    registry("lr-a", "Meridiaan", { status: "ok", count: 3 }),
    registry("lr-b", "Kompas", { status: "unknown_user" }),
    registry("lr-c", "Delta", { status: "consent_missing", statusCode: "0022", message: "Toestemming ontbreekt bij de bron (0022)." }),
    registry("am", "Aanspraakmanager", {
      sourceKind: "aanspraakmanager",
      status: "method_not_allowed",
      statusCode: "405",
      message: "Deze bron levert dit gegeven niet (405).",
    }),
  ];

  it("an answer is a plain line; a registry without a usable answer is a warning with its reason, never 'no entitlements'", () => {
    renderNl(<UsageSources registries={registries} />);
    expect(screen.getByTestId("source-lr-a").textContent).toBe("Meridiaan antwoordde: 3 aanspraken");
    expect(screen.getByTestId("source-lr-b").textContent).toBe("Kompas kent deze persoon niet (geen aanspraken hier)");
    for (const id of ["lr-a", "lr-b"]) expect(within(screen.getByTestId(`source-${id}`)).queryByRole("status")).toBeNull();
    for (const [id, reason] of [
      ["lr-c", "Toestemming ontbreekt bij de bron (0022)."],
      ["am", "Deze bron levert dit gegeven niet (405)."],
    ] as const) {
      const warning = within(screen.getByTestId(`source-${id}`)).getByRole("status");
      expect(warning.textContent).toContain(reason);
      expect(warning.textContent).not.toMatch(/geen aanspraken|antwoordde/);
    }
  });

  it("missing consent links to a consent request for that registry's usage API", () => {
    renderNl(<UsageSources registries={registries} />);
    const consent = within(screen.getByTestId("source-lr-c")).getByRole("link", { name: "Toestemmingsverzoek starten" });
    expect(consent.getAttribute("href")).toBe("/toestemming?requestApi=usage-api&requestProvider=lr-c");
    expect(within(screen.getByTestId("source-am")).queryByRole("link")).toBeNull();
  });

  it("says which of an answer's items could not be read, by field path", () => {
    renderNl(
      <UsageSources
        registries={[
          registry("lr-a", "Meridiaan", { status: "ok", count: 1, leftOutItems: { count: 2, paths: { "entitlements[].productId": 2 } } }),
        ]}
      />,
    );
    expect(screen.getByTestId("source-lr-a").textContent).toBe(
      "Meridiaan antwoordde: 1 aanspraak 2 aanspraken die de bron stuurde, konden niet worden gelezen: veld entitlements[].productId.",
    );
  });
});
