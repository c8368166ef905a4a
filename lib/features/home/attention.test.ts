import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, type Role, type Staff } from "@/lib/auth/permissions";
import { openStore, type Store } from "@/lib/db/client";
import { accessLog } from "@/lib/db/schema";
import type { ConsentMatrix, ConsentRequestView } from "@/lib/features/consent/overview";
import { emptyCounters, HOUR_MS, type HealthDelta } from "@/lib/sources/health/contract-health";
import { summarizeSource } from "@/lib/sources/health/contract-health-summary";
import {
  accessLogCard,
  accessWindow,
  attentionParts,
  consentGapsCard,
  consentRequestsCard,
  homeCards,
  MAX_ITEMS,
  sourcesCard,
  type AccessCount,
  type AttentionCard,
  type AttentionData,
  type HomeCard,
} from "./attention";
import { countAuditedAccess } from "./read-attention";

const NOW = Date.parse("2026-03-02T10:30:00Z");
const SCHOOL = "obs-de-regenboog";
const SOURCES = [
  { id: "las-a", name: "Leerlingadministratie Alfa" },
  { id: "lr-a", name: "Licentieregistratie Uitgeverij Meridiaan" },
  { id: "lr-b", name: "Licentieregistratie Uitgeverij Kompas" },
];

/** One contract-health row (Source, operation, hour) as the store keeps it. */
function row(
  sourceId: string,
  operationId: string,
  hoursAgo: number,
  counts: Partial<Pick<HealthDelta, "calls" | "failed" | "leftOut" | "codes">>,
): HealthDelta {
  const hour = NOW - (NOW % HOUR_MS) - hoursAgo * HOUR_MS;
  return { ...emptyCounters(), sourceId, operationId, hour, calls: 1, ...counts };
}

function summaries(rows: HealthDelta[]) {
  return new Map(SOURCES.map((s) => [s.id, summarizeSource(rows, s.id, NOW)]));
}

function request(status: ConsentRequestView["status"]): ConsentRequestView {
  return {
    consumerReferenceId: `ref-${status}`,
    providerId: "",
    providerName: "",
    api: "",
    scopes: [],
    extraScopes: [],
    reason: null,
    delivery: "put",
    status,
    attempts: 0,
    lastError: null,
    providerReferenceId: null,
    createdBy: "r.vandijk@sgdehorizon.example",
    createdAt: "2026-03-01T09:00:00Z",
    changedAt: "2026-03-01T09:00:00Z",
    changes: [],
  };
}

/** A matrix as the consent overview builds it: per Provider its cells (API, offered, latest request's status). */
function matrix(
  rows: Array<{
    id: string;
    name: string;
    cells: Array<[api: string, offered: boolean, status: ConsentRequestView["status"] | null]>;
    pollError?: string;
  }>,
): ConsentMatrix {
  return {
    apis: ["students-api", "association-api", "usage-api"],
    rows: rows.map((r) => ({
      providerId: r.id,
      providerName: r.name,
      delivery: "put",
      statusPoll: { polledAt: "2026-03-02T10:00:00Z", lastError: r.pollError ?? null },
      cells: r.cells.map(([api, offered, status]) => ({
        api: api as ConsentMatrix["apis"][number],
        offered,
        request: status ? request(status) : null,
        known: null,
      })),
    })),
  };
}

const items = (card: HomeCard) => (card as AttentionCard).items.map((i) => [i.code, i.source?.name ?? i.actor, i.count, i.href]);

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

describe("the access log as an auditor sees it", () => {
  const rows: AccessCount[] = [
    { actor: "support@leermiddelen.example", dataKind: "students", action: "reveal", outcome: "refused", count: 1 },
    { actor: "p.deboer@obsderegenboog.example", dataKind: "students", action: "reveal", outcome: "served", count: 2 },
    { actor: "p.deboer@obsderegenboog.example", dataKind: "enrollments", action: "export", outcome: "served", count: 3 },
    { actor: "p.deboer@obsderegenboog.example", dataKind: "students", action: "list", outcome: "served", count: 40 },
    { actor: "support@leermiddelen.example", dataKind: "students", action: "list", outcome: "refused", count: 1 },
  ];

  it("reveals, exports and refused attempts per staff member and kind; lists served are not; links filter the log the same way", () => {
    expect(items(accessLogCard(rows, NOW))).toEqual([
      [
        "export",
        "p.deboer@obsderegenboog.example",
        3,
        "/toegangslog?dataKind=enrollments&outcome=served&actor=p.deboer%40obsderegenboog.example&from=2026-02-24",
      ],
      [
        "reveal",
        "p.deboer@obsderegenboog.example",
        2,
        "/toegangslog?dataKind=students&outcome=served&actor=p.deboer%40obsderegenboog.example&from=2026-02-24",
      ],
      [
        "refused_attempt",
        "support@leermiddelen.example",
        1,
        "/toegangslog?dataKind=students&outcome=refused&actor=support%40leermiddelen.example&from=2026-02-24",
      ],
      [
        "reveal",
        "support@leermiddelen.example",
        1,
        "/toegangslog?dataKind=students&outcome=refused&actor=support%40leermiddelen.example&from=2026-02-24",
      ],
    ]);
  });

  it("the window is today and the 6 days before, from midnight UTC as the log's page reads `from`", () => {
    expect(accessWindow(NOW)).toEqual({ from: "2026-02-24", since: new Date("2026-02-24T00:00:00Z") });
  });

  it("more staff members than fit: the largest shown, the rest counted", () => {
    const many = Array.from({ length: MAX_ITEMS + 3 }, (_, i) => ({
      actor: `m${i}@school.example`,
      dataKind: "students",
      action: "export",
      outcome: "served",
      count: i + 1,
    }));
    const card = accessLogCard(many, NOW);
    expect(card.items).toHaveLength(MAX_ITEMS);
    expect(card.items[0]!.count).toBe(MAX_ITEMS + 3);
    expect(card.more).toBe(3);
  });

  it("the log could not be read: unreadable", () => {
    expect(accessLogCard(null, NOW)).toEqual({ part: "accessLog", items: [], more: 0, unreadable: true });
  });
});

describe("what each role gets at the school", () => {
  const staff = (role: Role): Staff => ({ id: role, grants: [{ role, schoolId: SCHOOL }] });
  const partsOf = (role: Role) => attentionParts([role], (action) => can(staff(role), action, SCHOOL));
  const data: AttentionData = {
    sources: SOURCES,
    health: summaries([
      row("las-a", "get-students-for-school", 1, { leftOut: 3 }),
      row("lr-b", "get-usage-for-user-at-school", 1, { failed: 1, codes: { "0022": 1 } }),
    ]),
    matrix: matrix([{ id: "lr-a", name: "Licentieregistratie Uitgeverij Meridiaan", cells: [["usage-api", true, "refused"]] }]),
    access: [{ actor: "support@leermiddelen.example", dataKind: "students", action: "reveal", outcome: "refused", count: 1 }],
  };
  const cardsOf = (role: Role, d: AttentionData = data) => homeCards(partsOf(role), d, NOW);
  const summary = (cards: HomeCard[]) =>
    cards.map((c) => ("items" in c ? [c.part, c.items.map((i) => i.code), c.unreadable] : [c.part, c.href]));

  it("a school administrator: the Sources and consent at them (no link to the consent page they may not open)", () => {
    expect(summary(cardsOf("schooladmin"))).toEqual([
      ["sources", ["records_left_out", "source_failed"], false],
      ["consentGaps", ["consent_missing", "consent_refused"], false],
    ]);
    const gaps = cardsOf("schooladmin")[1] as AttentionCard;
    expect(gaps.items.map((i) => i.href)).toEqual(["/bronnen#health-lr-b", null]);
  });

  it("the support desk: the Sources, and the lookup of a pupil or employee", () => {
    expect(summary(cardsOf("support"))).toEqual([
      ["sources", ["records_left_out", "source_failed"], false],
      ["lookup", "/licentiegebruik"],
    ]);
  });

  it("a consent manager: the consent requests only", () => {
    expect(summary(cardsOf("consent"))).toEqual([["consentRequests", ["request_refused"], false]]);
  });

  it("an auditor: the access log only", () => {
    expect(summary(cardsOf("auditor"))).toEqual([["accessLog", ["reveal"], false]]);
  });

  it("a staff member with two roles gets both roles' parts; one with none at this school gets nothing", () => {
    const both: Staff = {
      id: "x",
      grants: [
        { role: "consent", schoolId: SCHOOL },
        { role: "auditor", schoolId: SCHOOL },
      ],
    };
    expect(
      summary(
        homeCards(
          attentionParts(["consent", "auditor"], (a) => can(both, a, SCHOOL)),
          data,
          NOW,
        ),
      ).map((c) => c[0]),
    ).toEqual(["consentRequests", "accessLog"]);
    expect(
      homeCards(
        attentionParts([], () => false),
        data,
        NOW,
      ),
    ).toEqual([]);
  });

  it("the sources file unreadable: every card about the school's Sources says so, whatever the store answered", () => {
    const cards = cardsOf("schooladmin", { ...data, sources: null });
    expect(summary(cards)).toEqual([
      ["sources", [], true],
      ["consentGaps", [], true],
    ]);
    expect(summary(cardsOf("consent", { ...data, sources: null }))).toEqual([["consentRequests", [], true]]);
    expect(summary(cardsOf("auditor", { ...data, access: null }))).toEqual([["accessLog", [], true]]);
  });
});

describe("the access log counted in the store", () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ pgliteDir: "memory://", databaseUrl: "" });
  }, 60_000);
  afterAll(async () => store?.close());

  it("reveals, exports and refused attempts of this school since the window's start, per staff member, kind, action and outcome", async () => {
    const at = (daysAgo: number) => new Date(NOW - daysAgo * 86_400_000);
    const entry = (actor: string, dataKind: string, action: string, outcome: string, daysAgo: number, schoolId = SCHOOL) => ({
      actor,
      actorRoles: "x",
      schoolId,
      dataKind,
      action,
      personCount: 1,
      outcome,
      at: at(daysAgo),
    });
    await store.db.insert(accessLog).values([
      entry("support@leermiddelen.example", "students", "reveal", "refused", 0),
      entry("p.deboer@obsderegenboog.example", "students", "reveal", "served", 1),
      entry("p.deboer@obsderegenboog.example", "students", "reveal", "served", 6),
      entry("p.deboer@obsderegenboog.example", "students", "reveal", "served", 9), // before the window
      entry("p.deboer@obsderegenboog.example", "students", "list", "served", 1), // a list: not counted
      entry("p.deboer@obsderegenboog.example", "usage", "export", "served", 2),
      entry("k.yilmaz@meridiaancollege.example", "students", "export", "served", 1, "meridiaan-college"), // another school
    ]);
    const counts = await countAuditedAccess(store.db, SCHOOL, accessWindow(NOW).since);
    expect(counts.sort((a, b) => a.actor.localeCompare(b.actor) || a.action.localeCompare(b.action))).toEqual([
      { actor: "p.deboer@obsderegenboog.example", dataKind: "usage", action: "export", outcome: "served", count: 1 },
      { actor: "p.deboer@obsderegenboog.example", dataKind: "students", action: "reveal", outcome: "served", count: 2 },
      { actor: "support@leermiddelen.example", dataKind: "students", action: "reveal", outcome: "refused", count: 1 },
    ]);
  });
});
