import { describe, expect, it } from "vitest";
import type { EduvClient } from "@/lib/sources/transport/client";
import { coverageOf } from "./coverage";
import { coveragePupils, fanOut, groupStates, type PupilUsage } from "./group";
import { enrollmentsOfStudent, pageEnrollments, type EnrollmentRow } from "../enrollments/enrollments";
import type { SchoolConfig } from "@/lib/sources/config";
import { IdentifierIndex, type StudentRow } from "../students/students";
import { scopeOf, type EntitlementRow, type RegistryOutcome } from "../usage/usage";

/**
 * Issue 21, item 2: the enrollments list and class coverage read an enrollment's status one way, and
 * a status nobody knows yields no conclusion (no "left the class", no licence to reclaim). Expected
 * values are written out by hand.
 */
const TODAY = "2026-03-02";
const OFFERING = "sub-900B201-ne-h4b-2526";
const SCHOOL = { id: "meridiaan" } as SchoolConfig;

/** A client that fails the test when anything of it is used: no Source may be asked. */
const noCalls = new Proxy(
  {},
  {
    get: (_t, p) => {
      throw new Error(`the client was used (${String(p)})`);
    },
  },
) as EduvClient;

const row = (studentKey: string, extra: Partial<EnrollmentRow>): EnrollmentRow =>
  ({
    id: `e-${studentKey}-${extra.beginDate ?? ""}-${extra.status ?? "none"}`,
    studentKey,
    type: "subject",
    offering: OFFERING,
    schoolPeriod: "2025-2026",
    beginDate: "2025-08-01",
    status: "active",
    ...extra,
  }) as EnrollmentRow;

const DATES = {
  beforeBegin: { beginDate: "2026-04-20", endDate: "2026-08-01" },
  within: { beginDate: "2025-08-01", endDate: "2026-08-01" },
  afterEnd: { beginDate: "2025-08-01", endDate: "2026-01-05" },
  noEnd: { beginDate: "2025-08-01", endDate: undefined },
};
const STATUSES = { active: "active", tobedeleted: "tobedeleted", pending: "pending", missing: undefined };

/** By hand: what the list says of the one enrollment, and where coverage counts its pupil. */
const EXPECTED: Record<string, [list: string, coverage: "pupils" | "formerPupils" | "statusUnknown"]> = {
  "active × beforeBegin": ["not_current", "formerPupils"],
  "active × within": ["current", "pupils"],
  "active × afterEnd": ["not_current", "formerPupils"],
  "active × noEnd": ["current", "pupils"],
  "tobedeleted × beforeBegin": ["not_current", "formerPupils"],
  "tobedeleted × within": ["not_current", "formerPupils"],
  "tobedeleted × afterEnd": ["not_current", "formerPupils"],
  "tobedeleted × noEnd": ["not_current", "formerPupils"],
  "pending × beforeBegin": ["unknown", "statusUnknown"],
  "pending × within": ["unknown", "statusUnknown"],
  "pending × afterEnd": ["unknown", "statusUnknown"],
  "pending × noEnd": ["unknown", "statusUnknown"],
  "missing × beforeBegin": ["unknown", "statusUnknown"],
  "missing × within": ["unknown", "statusUnknown"],
  "missing × afterEnd": ["unknown", "statusUnknown"],
  "missing × noEnd": ["unknown", "statusUnknown"],
};

const NO_STUDENTS = {
  rows: [] as StudentRow[],
  identifiers: new IdentifierIndex([], []),
  unreadable: new Map<string, readonly string[]>(),
};

describe("the enrollments list and class coverage agree on every status × dates", () => {
  const cells = Object.entries(STATUSES).flatMap(([s, status]) =>
    Object.entries(DATES).map(([d, dates]) => ({ name: `${s} × ${d}`, row: row(`${s}-${d}`, { ...dates, status: status as string }) })),
  );

  for (const { name, row: r } of cells) {
    it(name, async () => {
      const [list, counted] = EXPECTED[name]!;
      // The list (tobedeleted shown on request) and the student page.
      const page = pageEnrollments([r], { includeToBeDeleted: true, page: 1, pageSize: 10, today: TODAY });
      expect(page.rows.map((x) => x.enrolledNow)).toEqual([list]);
      expect(page.unknownStatus).toBe(list === "unknown" ? 1 : 0);
      expect(enrollmentsOfStudent([r], r.studentKey, TODAY).map((x) => x.enrolledNow)).toEqual([list]);
      // Coverage: the same state per pupil; the pupil is not in the student list, so nobody is asked.
      expect([...groupStates([r], OFFERING, TODAY).values()]).toEqual([list]);
      const results = await fanOut(noCalls, SCHOOL, coveragePupils(groupStates([r], OFFERING, TODAY), NO_STUDENTS), { concurrency: 1 });
      const c = coverageOf(results, TODAY);
      expect({ pupils: c.pupils, formerPupils: c.formerPupils, statusUnknown: c.statusUnknown }).toEqual({
        pupils: 0,
        formerPupils: 0,
        statusUnknown: 0,
        [counted]: 1,
      });
    });
  }

  it("the list hides only tobedeleted records, and counts those of unknown status apart", () => {
    const rows = [
      row("a", { status: "active" }),
      row("b", { status: "pending" }),
      row("c", { status: "tobedeleted" }),
      row("d", { status: "Active" }),
    ];
    const page = pageEnrollments(rows, { includeToBeDeleted: false, page: 1, pageSize: 10, today: TODAY });
    expect(page).toMatchObject({ total: 3, toBeDeleted: 1, unknownStatus: 2, today: TODAY });
    expect(page.rows.map((r) => [r.studentKey, r.enrolledNow])).toEqual([
      ["a", "current"],
      ["b", "unknown"],
      ["d", "unknown"],
    ]);
  });
});

describe("coverage of a group where one pupil's enrollment has an unknown status", () => {
  const ECK = (n: number) => `https://ketenid.nl/201703/${String(n).padStart(2, "0").repeat(64)}`;
  const rows = [
    row("now", { status: "active" }),
    row("left", { status: "active", endDate: "2026-01-05" }),
    row("odd", { status: "pending" }),
    // Ended last term and now listed with an unknown status: it may be the one that holds.
    row("mixed", { status: "active", endDate: "2026-01-05" }),
    row("mixed", { status: "pending", beginDate: "2026-01-05" }),
    // One enrollment holds: current, whatever the other says.
    row("back", { status: "pending" }),
    row("back", { status: "active", beginDate: "2026-01-05" }),
  ];
  const keys = ["now", "left", "odd", "mixed", "back"];
  const students = {
    rows: keys.map((key) => ({ key, name: `Leerling ${key}` }) as StudentRow),
    identifiers: new IdentifierIndex(
      keys.map((key) => ({ key }) as StudentRow),
      keys.map((_, i) => ({ userMasterIdentifier: ECK(i + 1) })),
    ),
    unreadable: new Map<string, readonly string[]>(),
  };
  const licensed = (key: string): EntitlementRow =>
    ({
      entitlementId: `E-${key}`,
      productId: "978A",
      productTitle: "Nederlands 4H",
      entitlementStatus: "licensed",
      sourceId: "lr-a",
      sourceName: "Alfa",
    }) as EntitlementRow;
  const answered = (key: string) => {
    const registries: RegistryOutcome[] = [
      { sourceId: "lr-a", sourceName: "Alfa", sourceKind: "licentieregistratie", status: "ok", entitlements: [licensed(key)] },
    ];
    return {
      registries,
      entitlements: registries.flatMap((r) => r.entitlements),
      totals: { entitled: 0, licensed: 1, cancelled: 0, blocked: 0, expired: 0 },
      scope: scopeOf(registries),
      ageMs: 0,
    };
  };

  it("reads each pupil's state over their enrollments in the group", () => {
    expect(Object.fromEntries(groupStates(rows, OFFERING, TODAY))).toEqual({
      now: "current",
      left: "not_current",
      odd: "unknown",
      mixed: "unknown",
      back: "current",
    });
    expect(coveragePupils(groupStates(rows, OFFERING, TODAY), students).map((p) => [p.key, p.current, p.statusUnknown ?? false])).toEqual([
      ["now", true, false],
      ["left", false, false],
      ["odd", false, true],
      ["mixed", false, true],
      ["back", true, false],
    ]);
  });

  it("does not ask the registries about pupils of unknown status", async () => {
    const pupils = coveragePupils(groupStates(rows, OFFERING, TODAY), students).filter((p) => p.statusUnknown);
    const progress: number[] = [];
    const results = await fanOut(noCalls, SCHOOL, pupils, { concurrency: 2, onProgress: (done) => progress.push(done) });
    expect(results).toEqual([
      { key: "odd", name: "Leerling odd", current: false, statusUnknown: true },
      { key: "mixed", name: "Leerling mixed", current: false, statusUnknown: true },
    ]);
    expect(progress).toEqual([1, 2]);
  });

  it("draws no reclaim candidate for them and says how many there are; a leaver's licence still is one", () => {
    const results: PupilUsage[] = [
      { key: "now", name: "Leerling now", current: true, answer: answered("now") },
      { key: "left", name: "Leerling left", current: false, answer: answered("left") },
      { key: "odd", name: "Leerling odd", current: false, statusUnknown: true },
      // Even with an answer in hand (say, from an older caller) it is not used.
      { key: "mixed", name: "Leerling mixed", current: false, statusUnknown: true, answer: answered("mixed") },
    ];
    const c = coverageOf(results, TODAY);
    expect(c.candidates.map((x) => [x.key, x.why])).toEqual([["left", "left_class"]]);
    expect(c.statusUnknown).toBe(2);
    expect(c.pupils).toBe(1);
    expect(c.formerPupils).toBe(1);
    expect(c.asked).toBe(2);
    expect(c.registries).toEqual([{ sourceId: "lr-a", sourceName: "Alfa", answered: 2, asked: 2, percent: 100, complete: true }]);
    expect(c.products).toEqual([expect.objectContaining({ productId: "978A", licensed: 1, without: 0 })]);
    expect(c.conclusions).toMatchObject({ allAssignedAndActivated: false, unknownStatus: 0 });
  });

  it("with only that pupil's licence left, nothing is to be reclaimed and the pupil is still reported", () => {
    const c = coverageOf(
      [
        { key: "now", current: true, answer: answered("now") },
        { key: "odd", current: false, statusUnknown: true },
      ],
      TODAY,
    );
    expect(c.candidates).toEqual([]);
    expect(c.statusUnknown).toBe(1);
    expect(c.formerPupils).toBe(0);
  });
});
