// The auditor's card and which cards each role gets; the Sources and consent cards are in attention.test.ts.
import { describe, expect, it } from "vitest";
import { can, type Role, type Staff } from "@/lib/auth/permissions";
import {
  accessLogCard,
  accessWindow,
  attentionParts,
  homeCards,
  MAX_ITEMS,
  type AccessCount,
  type AttentionCard,
  type AttentionData,
  type HomeCard,
} from "./attention";
import { items, matrix, NOW, row, SCHOOL, SOURCES, summaries } from "./testing/attention-fixtures";

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
