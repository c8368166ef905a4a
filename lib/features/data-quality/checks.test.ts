import { describe, expect, it } from "vitest";
import { dataQualityCheck, type DataQualityCheck, type DataQualityItem } from "@/lib/contracts/data-quality";
import { studentKey } from "@/lib/sources/reading/identity";
import { checkItems, checksFor, ITEM_CAP, prepare, runChecks, type CheckInput, type EnrollmentRecord, type PupilRecord } from "./checks";

/** Hand-made pupils and enrollments of one school; each defect is planted once, and the expected findings are written out below. */
const eck = (tail: string) => `https://ketenid.nl/201703/${"5a".repeat(60)}${tail}`;
const ECK = { anna: eck("a001"), cas: eck("c003"), dan1: eck("d004"), dan2: eck("e005"), eva1: eck("f006"), eva2: eck("f007") };
const MORE = { finn1: eck("f008"), finn2: eck("f009"), gijs: eck("a010"), stranger: eck("b011") };
const NEPPI_ANNA = { userIdType: "NEPPI", userId: "200731@1.school.nl" };
const NEPPI_BRAM = { userIdType: "NEPPI", userId: "100731@1.school.nl" };

const PUPILS: PupilRecord[] = [
  {
    userMasterIdentifier: ECK.anna,
    userIds: [NEPPI_ANNA],
    givenName: "Anna",
    familyNamePrefix: "de",
    familyName: "Vries",
    dateOfBirth: "2015-04-01",
  },
  { userIds: [NEPPI_BRAM], givenName: "Bram", familyName: "Bakker", dateOfBirth: "2016-01-01" }, // no ECK iD
  { userMasterIdentifier: ECK.cas, givenName: "Cas", familyName: "Jansen", dateOfBirth: "2015-05-05" }, // ECK iD shared…
  { userMasterIdentifier: ECK.cas, givenName: "Kees", familyName: "Smit", dateOfBirth: "2014-09-09" }, // …with this record
  { userMasterIdentifier: ECK.dan1, givenName: "Daan", familyNamePrefix: "van", familyName: "Dijk", dateOfBirth: "2014-02-02" }, // twice…
  { userMasterIdentifier: ECK.dan2, givenName: " daan", familyNamePrefix: "Van", familyName: "DIJK ", dateOfBirth: "2014-02-02" }, // …as this
  { userMasterIdentifier: ECK.eva1, givenName: "Eva", familyName: "Visser" }, // same name, no birth date: never a match
  { userMasterIdentifier: ECK.eva2, givenName: "Eva", familyName: "Visser" },
  { userMasterIdentifier: MORE.finn1, givenName: "Finn", familyName: "Mulder", dateOfBirth: "2015-06-06" }, // same name, other birth date
  { userMasterIdentifier: MORE.finn2, givenName: "Finn", familyName: "Mulder", dateOfBirth: "2015-07-07" },
  { userIds: [{ userIdType: "eckId", userId: MORE.gijs }], givenName: "Gijs", familyName: "Bos", dateOfBirth: "2016-03-03" }, // ECK iD in userIds
];

const YEAR = { beginDate: "2025-08-01", endDate: "2026-08-01" };
const enrollment = (
  enrollmentId: string,
  student: EnrollmentRecord["student"],
  rest: Partial<EnrollmentRecord> & Pick<EnrollmentRecord, "enrollmentType">,
): EnrollmentRecord => ({ enrollmentId, student, schoolPeriod: "2025-2026", ...YEAR, status: "active", ...rest });
const ENROLLMENTS: EnrollmentRecord[] = [
  enrollment("e01", { userMasterIdentifier: ECK.anna }, { enrollmentType: "study", studyYear: 5 }),
  enrollment("e02", { userIds: [NEPPI_ANNA] }, { enrollmentType: "subject" }), // Anna by her NEPPI: her study above counts
  enrollment("e03", { userMasterIdentifier: ECK.anna }, { enrollmentType: "subject", schoolPeriod: "2024-2025" }), // no study in 2024-2025
  enrollment("e04", { userIds: [NEPPI_BRAM] }, { enrollmentType: "study", studyYear: 9 }), // beyond groep 8
  enrollment("e14", { userIds: [NEPPI_BRAM] }, { enrollmentType: "subject" }),
  enrollment("e05", { userMasterIdentifier: ECK.dan1 }, { enrollmentType: "study", beginDate: "2025-08-01", endDate: "2025-07-01" }),
  enrollment("e06", { userMasterIdentifier: MORE.finn1 }, { enrollmentType: "study", beginDate: "2001-03-01", endDate: undefined }),
  enrollment("e07", { userMasterIdentifier: MORE.finn1 }, { enrollmentType: "study", beginDate: "2001-03-02", endDate: undefined }),
  enrollment("e08", { userMasterIdentifier: MORE.finn2 }, { enrollmentType: "study", endDate: "2031-03-03" }),
  enrollment("e09", { userMasterIdentifier: MORE.finn2 }, { enrollmentType: "study", endDate: "2031-03-02" }),
  enrollment("e10", { userMasterIdentifier: MORE.stranger }, { enrollmentType: "subject" }), // a pupil the list does not have
  enrollment("e11", { userMasterIdentifier: ECK.anna }, { enrollmentType: "study", studyYear: 12, status: "tobedeleted" }), // withdrawn
  enrollment("e12", { userMasterIdentifier: ECK.cas }, { enrollmentType: "study", studyYear: 0 }), // ambiguous pupil, instroom
  enrollment("e13", { userIds: [{ userIdType: "eckId", userId: MORE.gijs }] }, { enrollmentType: "study", studyYear: 8 }),
];

const TODAY = "2026-03-02";
const input = (sector: CheckInput["sector"] = "PO"): CheckInput => ({ pupils: PUPILS, enrollments: ENROLLMENTS, sector, today: TODAY });
const byId = (checks: DataQualityCheck[]) => Object.fromEntries(checks.map((c) => [c.id, c]));
const byKey = (a: DataQualityItem, b: DataQualityItem) =>
  a.studentKey < b.studentKey ? -1 : a.studentKey > b.studentKey ? 1 : (a.enrollmentId ?? "") < (b.enrollmentId ?? "") ? -1 : 1;

const K = {
  anna: studentKey(ECK.anna),
  bram: studentKey("NEPPI:100731@1.school.nl"),
  cas: studentKey(ECK.cas),
  dan1: studentKey(ECK.dan1),
  dan2: studentKey(ECK.dan2),
  finn1: studentKey(MORE.finn1),
  finn2: studentKey(MORE.finn2),
  stranger: studentKey(MORE.stranger),
};

describe("the data-quality checks over hand-made records", () => {
  const checks = byId(runChecks(input()));

  it("runs the seven checks, all acted on by the school, each in the contract's shape", () => {
    expect(Object.keys(checks)).toEqual([
      "no_eck",
      "duplicate_eck",
      "duplicate_pupil",
      "ends_before_start",
      "study_year_out_of_range",
      "date_far_off",
      "subject_without_study",
    ]);
    for (const c of Object.values(checks)) {
      expect(dataQualityCheck.parse(c)).toEqual(c);
      expect(c.actor).toBe("school");
      expect(c.count).toBe(c.items.length);
    }
  });

  it("no_eck: Bram alone (Gijs's ECK iD travels in userIds, which counts)", () => {
    expect(checks.no_eck!.items).toEqual([{ studentKey: K.bram, masked: "NEPPI ••••l.nl" }]);
  });

  it("duplicate_eck: both records of the shared ECK iD, with how many share it", () => {
    expect(checks.duplicate_eck!.items).toEqual([
      { studentKey: K.cas, masked: "ECK iD ••••c003", detail: "2" },
      { studentKey: K.cas, masked: "ECK iD ••••c003", detail: "2" },
    ]);
  });

  it("duplicate_pupil: Daan van Dijk twice (case and spaces aside), not the Eva's without a birth date nor the Finns born apart", () => {
    expect(checks.duplicate_pupil!.items).toEqual(
      [
        { studentKey: K.dan1, masked: "ECK iD ••••d004", detail: "2" },
        { studentKey: K.dan2, masked: "ECK iD ••••e005", detail: "2" },
      ].sort(byKey),
    );
  });

  it("ends_before_start: e05 with its dates", () => {
    expect(checks.ends_before_start!.items).toEqual([
      { studentKey: K.dan1, masked: "ECK iD ••••d004", enrollmentId: "e05", detail: "2025-08-01 → 2025-07-01" },
    ]);
  });

  it("study_year_out_of_range in PO (0-8): year 9 only, masked as the list masks Bram; the withdrawn year 12 is left out", () => {
    expect(checks.study_year_out_of_range!.items).toEqual([
      { studentKey: K.bram, masked: "NEPPI ••••l.nl", enrollmentId: "e04", detail: "9" },
    ]);
  });

  it("study_year_out_of_range in VO (1-6): 0, 8 and 9; the ambiguous pupil keeps a key no record has", () => {
    const vo = byId(runChecks(input("VO"))).study_year_out_of_range!;
    expect(vo.items.map((i) => [i.enrollmentId, i.detail])).toEqual(
      expect.arrayContaining([
        ["e04", "9"],
        ["e12", "0"],
        ["e13", "8"],
      ]),
    );
    expect(vo.count).toBe(3);
    expect(vo.items).toEqual([...vo.items].sort(byKey));
    const ambiguous = vo.items.find((i) => i.enrollmentId === "e12")!;
    expect(ambiguous.studentKey).not.toBe(K.cas);
    expect(ambiguous.masked).toBe("ECK iD ••••c003");
  });

  it("date_far_off: more than 25 years back or 5 ahead of 2026-03-02, the boundaries themselves not", () => {
    expect(checks.date_far_off!.items).toEqual(
      [
        { studentKey: K.finn1, masked: "ECK iD ••••f008", enrollmentId: "e06", detail: "2001-03-01" },
        { studentKey: K.finn2, masked: "ECK iD ••••f009", enrollmentId: "e08", detail: "2031-03-03" },
      ].sort(byKey),
    );
  });

  it("subject_without_study: Anna's 2024-2025 subject, and the pupil the list lacks, masked by the enrollment's own reference", () => {
    expect(checks.subject_without_study!.items).toEqual(
      [
        { studentKey: K.anna, masked: "ECK iD ••••a001", enrollmentId: "e03", detail: "2024-2025" },
        { studentKey: K.stranger, masked: "ECK iD ••••b011", enrollmentId: "e10", detail: "2025-2026" },
      ].sort(byKey),
    );
  });

  it("puts no name, ECK iD, other identifier or birth date in any item", () => {
    const text = JSON.stringify([runChecks(input("PO")), runChecks(input("VO"))]);
    expect(text).not.toMatch(/ketenid|100731|200731|Anna|Bram|Cas\b|Kees|Daan|Dijk|Eva|Visser|Finn|Mulder|Gijs|Bos\b|Vries|Bakker/i);
    for (const born of PUPILS.flatMap((p) => p.dateOfBirth ?? [])) expect(text).not.toContain(born);
  });

  it("leaves the study-year check out where no range is known (MBO)", () => {
    expect(checksFor("MBO")).not.toContain("study_year_out_of_range");
    expect(runChecks(input("MBO")).map((c) => c.id)).toHaveLength(6);
  });
});

describe("the cap", () => {
  it("gives at most 500 items, the first 500 in order, and the full count", () => {
    const pupils: PupilRecord[] = Array.from({ length: 1203 }, (_, i) => ({
      userIds: [{ userIdType: "NEPPI", userId: `${i}@1.school.nl` }],
      givenName: "X",
      familyName: `Y${i}`,
    }));
    const enrollments = Array.from({ length: 600 }, (_, i) =>
      enrollment(`s${i}`, { userIds: [{ userIdType: "NEPPI", userId: `${i}@1.school.nl` }] }, { enrollmentType: "study", studyYear: 9 }),
    );
    const all: CheckInput = { pupils, enrollments, sector: "PO", today: TODAY };
    const checks = byId(runChecks(all));
    expect(ITEM_CAP).toBe(500);
    expect([checks.no_eck!.count, checks.no_eck!.items.length]).toEqual([1203, 500]);
    expect([checks.study_year_out_of_range!.count, checks.study_year_out_of_range!.items.length]).toEqual([600, 500]);
    const full = checkItems("no_eck", prepare(all));
    expect(full).toHaveLength(1203);
    expect(checks.no_eck!.items).toEqual(full.slice(0, 500));
    expect(full).toEqual([...full].sort(byKey));
  });
});
