import { describe, expect, it } from "vitest";
import type { PupilUsage } from "../coverage/group";
import type { EnrollmentRow } from "../enrollments/enrollments";
import type { RegistryOutcome, UsageAnswer } from "../usage/usage";
import { heldLicences, licenceFindings, schoolPupils } from "./licence-scan";
import { scanResult } from "./run-scan";

const TODAY = "2026-03-02";
const key = (n: number) => n.toString(16).padStart(32, "0");
const eck = (n: number) => `https://ketenid.nl/201703/${String(n).padStart(4, "0")}`;

/** Pupils 1-6 in the LAS list, each with an ECK iD; pupil 7 only in the enrollments (matched to nobody). */
const students = {
  rows: [1, 2, 3, 4, 5, 6].map((n) => ({ key: key(n), name: `Leerling ${n}` })),
  identifiers: new Map([1, 2, 3, 4, 5, 6].map((n) => [key(n), { userMasterIdentifier: eck(n) }])),
  unreadable: new Map<string, readonly string[]>(),
} as unknown as Parameters<typeof schoolPupils>[0];
const enrollment = (n: number, offering: string, over: Partial<EnrollmentRow> = {}): EnrollmentRow => ({
  id: `e-${n}-${offering}`,
  studentKey: key(n),
  type: "study",
  offering,
  schoolPeriod: "2025-2026",
  beginDate: "2025-08-01",
  status: "active",
  ...over,
});
const rows: EnrollmentRow[] = [
  enrollment(1, "h3a"), // enrolled now in h3a
  enrollment(2, "h3a"), // enrolled now in h3a
  enrollment(3, "h3a", { status: "tobedeleted" }), // left h3a
  enrollment(4, "h3a", { status: "pending" }), // a status nobody knows
  enrollment(5, "h3b"), // enrolled now in h3b only
  enrollment(7, "h3a"), // not in the LAS list
  // pupil 6: in the list, enrolled nowhere
];

const registry = (sourceId: string, status: RegistryOutcome["status"]): RegistryOutcome =>
  ({
    sourceId,
    sourceName: sourceId === "lr-a" ? "Registratie A" : "Registratie B",
    sourceKind: "licentieregistratie",
    status,
  }) as RegistryOutcome;
const licence = (sourceId: string, entitlementStatus: string, productId = "9789001") => ({
  sourceId,
  sourceName: sourceId === "lr-a" ? "Registratie A" : "Registratie B",
  productId,
  entitlementStatus,
});
const answer = (registries: RegistryOutcome[], entitlements: ReturnType<typeof licence>[] = []) =>
  ({ registries, entitlements, totals: {}, scope: {}, ageMs: 0 }) as unknown as UsageAnswer;

describe("the licence scan's pupils", () => {
  it("is every pupil of the list and of the enrollments, with their state over all enrollments and the groups they are in now", () => {
    const pupils = schoolPupils(students, rows, TODAY);
    const by = new Map(pupils.map((p) => [p.key, p]));
    expect(pupils).toHaveLength(7);
    expect(by.get(key(1))).toMatchObject({
      current: true,
      groups: ["h3a"],
      masked: "ECK iD ••••0001",
      user: { userMasterIdentifier: eck(1) },
    });
    expect(by.get(key(3))).toMatchObject({ current: false, groups: [] });
    expect(by.get(key(4))).toMatchObject({ current: false, statusUnknown: true });
    expect(by.get(key(6))).toMatchObject({ current: false, noEnrollment: true, groups: [] });
    // Named only by an enrollment: cannot be asked (no identifier to send), so nothing is concluded.
    expect(by.get(key(7))!.user).toBeUndefined();
  });
});

describe("the licence checks", () => {
  const pupils = schoolPupils(students, rows, TODAY);
  const usageOf = (answers: Record<number, UsageAnswer | undefined>): PupilUsage[] =>
    pupils.map((p) => {
      const n = parseInt(p.key, 16);
      return { key: p.key, current: p.current, ...(answers[n] ? { answer: answers[n] } : {}) };
    });

  it("a pupil not enrolled now holding working or waiting licences is to cancel or reassign; expired or cancelled ones are not", () => {
    const usage = usageOf({
      1: answer([registry("lr-a", "ok")], [licence("lr-a", "licensed")]),
      3: answer(
        [registry("lr-a", "ok"), registry("lr-b", "ok")],
        [licence("lr-a", "licensed"), licence("lr-a", "entitled"), licence("lr-b", "entitled")],
      ),
      6: answer([registry("lr-a", "ok")], [licence("lr-a", "cancelled"), licence("lr-a", "expired")]),
    });
    const [left] = licenceFindings(pupils, usage, TODAY);
    expect(left!.items).toEqual([{ studentKey: key(3), masked: "ECK iD ••••0003", detail: "Registratie A: 2; Registratie B: 1" }]);
  });

  it("a pupil enrolled nowhere with a working licence is found too; one whose status nobody knows never is", () => {
    const usage = usageOf({
      4: answer([registry("lr-a", "ok")], [licence("lr-a", "licensed")]),
      6: answer([registry("lr-a", "ok")], [licence("lr-a", "licensed")]),
    });
    expect(licenceFindings(pupils, usage, TODAY)[0]!.items.map((i) => i.studentKey)).toEqual([key(6)]);
  });

  it("a registry that does not know a pupil enrolled now, while it licenses another pupil of the same group, is a finding", () => {
    const usage = usageOf({
      1: answer([registry("lr-a", "ok"), registry("lr-b", "ok")], [licence("lr-a", "licensed")]),
      2: answer([registry("lr-a", "unknown_user"), registry("lr-b", "unknown_user")]),
      // h3b: nobody there holds anything at lr-a, so pupil 5 unknown there concludes nothing.
      5: answer([registry("lr-a", "unknown_user")]),
    });
    const [, unknown] = licenceFindings(pupils, usage, TODAY);
    // lr-b licenses nobody in h3a: only lr-a is named.
    expect(unknown!.items).toEqual([{ studentKey: key(2), masked: "ECK iD ••••0002", detail: "Registratie A" }]);
  });

  it("a registry that gave no usable answer about a pupil concludes nothing about them", () => {
    const usage = usageOf({
      1: answer([registry("lr-a", "ok")], [licence("lr-a", "licensed")]),
      2: answer([registry("lr-a", "timeout")]),
      3: answer([registry("lr-a", "consent_missing")]),
    });
    expect(licenceFindings(pupils, usage, TODAY).map((f) => f.items)).toEqual([[], []]);
  });

  it("counts per registry the pupils it answered about and those it did not, and the pupils not asked", () => {
    const usage = usageOf({
      1: answer([registry("lr-a", "ok"), registry("lr-b", "timeout")]),
      2: answer([registry("lr-a", "unknown_user"), registry("lr-b", "ok")]),
      3: answer([registry("lr-a", "ok"), registry("lr-b", "ok")]),
      5: answer([registry("lr-a", "ok"), registry("lr-b", "ok")]),
      6: answer([registry("lr-a", "ok"), registry("lr-b", "ok")]),
    });
    const result = scanResult(pupils, usage, TODAY);
    expect(result.registries).toEqual([
      { sourceId: "lr-a", name: "Registratie A", answered: 5, notAnswered: 0 },
      { sourceId: "lr-b", name: "Registratie B", answered: 4, notAnswered: 1 },
    ]);
    // Pupil 4 (status unknown) and pupil 7 (not in the list) were not asked.
    expect(result.notAsked).toBe(2);
  });

  it("holds a licence per registry only while it works or waits for activation", () => {
    const held = heldLicences(
      {
        key: key(1),
        current: false,
        answer: answer([registry("lr-a", "ok")], [licence("lr-a", "licensed"), licence("lr-a", "blocked"), licence("lr-a", "mystery")]),
      },
      TODAY,
    );
    expect([...held]).toEqual([["lr-a", { name: "Registratie A", count: 1 }]]);
  });
});
