import { describe, expect, it } from "vitest";
import { toAssignmentRow } from "@/lib/features/employees/assignments";
import { pageEnrollments, toEnrollmentRows } from "@/lib/features/enrollments/enrollments";
import { keyIdentifier, NO_STUDENTS, PersonMatcher, studentKey } from "./identity";
import { primaryIdentifier } from "@/lib/features/students/students";

import { ECK1, ECK3, ENROLLMENTS, KEY, STUDENTS, enrollment, enrollments, students } from "../testing/identity-fixtures";

process.env.ACCESS_LOG_HASH_KEY ??= "a-test-key-for-person-hashes-of-32-chars";

/**
 * Issue 21, item 1: one pupil, one key. A pupil is matched across endpoints on any shared identifier
 * (the ECK iD, as userMasterIdentifier or as a userIds entry of type eckId, or any userIds entry of
 * the same type and value), whatever order the userIds come in (seed 004:52-56). Expected values are
 * written out by hand.
 */
describe("one pupil, one key", () => {
  it("every enrollment row carries its pupil's key and name, however the enrollment names them", () => {
    const list = students(STUDENTS);
    expect(list.rows.map((r) => r.key)).toEqual([KEY.sem, KEY.noa, KEY.lotte]);
    const names = new Map(list.rows.map((r) => [r.key, r.name]));
    const rows = toEnrollmentRows(enrollments(ENROLLMENTS), list.identity);
    expect(rows.map((r) => [r.id, r.studentKey, names.get(r.studentKey), r.studentAmbiguous ?? false])).toEqual([
      ["e1", KEY.sem, "Sem Bakker", false],
      ["e2", KEY.sem, "Sem Bakker", false],
      ["e3", KEY.noa, "Noa Visser", false],
      ["e4", KEY.noa, "Noa Visser", false],
      ["e5", KEY.lotte, "Lotte de Jong", false],
      ["e6", KEY.lotte, "Lotte de Jong", false],
    ]);
    expect(list.identity.ambiguousIdentifiers).toBe(0);
  });

  it("the key does not depend on the order of userIds, and stays the ECK iD's for a pupil named by it", () => {
    expect(
      keyIdentifier({
        userIds: [
          { userId: "n-0002", userIdType: "NEPPI" },
          { userId: "a-0002", userIdType: "ASI" },
        ],
      }),
    ).toBe("ASI:a-0002");
    expect(
      keyIdentifier({
        userIds: [
          { userId: "a-0002", userIdType: "ASI" },
          { userId: "n-0002", userIdType: "NEPPI" },
        ],
      }),
    ).toBe("ASI:a-0002");
    expect(
      keyIdentifier({
        userIds: [
          { userId: "b-0003", userIdType: "BPI" },
          { userId: ECK3, userIdType: "eckId" },
        ],
      }),
    ).toBe(ECK3);
    expect(primaryIdentifier({ userMasterIdentifier: ECK1, userIds: [{ userId: "a-0001", userIdType: "ASI" }] })).toBe(ECK1);
    // Without a student list a reference keeps the key of its own identifier: the same for the same pupil however ordered.
    const [a, b] = toEnrollmentRows(
      enrollments([
        ENROLLMENTS[3]!,
        enrollment("e7", {
          userIds: [
            { userId: "n-0002", userIdType: "NEPPI" },
            { userId: "a-0002", userIdType: "ASI" },
          ],
        }),
      ]),
      NO_STUDENTS,
    );
    expect([a!.studentKey, b!.studentKey]).toEqual([KEY.noa, KEY.noa]);
  });

  it("matches on same type and same value only", () => {
    const list = students(STUDENTS);
    // Sem's NEPPI value sent as an ASI, and a value of a type nobody has: nobody.
    expect(list.identity.match({ userIds: [{ userId: "n-0001", userIdType: "ASI" }] })).toEqual({
      kind: "unmatched",
      key: studentKey("ASI:n-0001"),
    });
    expect(list.identity.match({ userIds: [{ userId: "n-0001", userIdType: "NEPPI" }] })).toEqual({ kind: "matched", key: KEY.sem });
    // An ECK iD in userIds is the ECK iD.
    expect(list.identity.match({ userIds: [{ userId: ECK1, userIdType: "eckId" }] })).toEqual({ kind: "matched", key: KEY.sem });
  });

  it("an identifier two pupils share, or identifiers pointing at two pupils, is counted and matched to nobody", () => {
    const twin = {
      userMasterIdentifier: "https://ketenid.nl/201703/twin-0004",
      userIds: [{ userId: "n-0002", userIdType: "NEPPI" }],
      givenName: "Tim",
      familyName: "Visser",
    };
    const list = students([...STUDENTS, twin]);
    expect(list.identity.ambiguousIdentifiers).toBe(1); // NEPPI n-0002: Noa's and Tim's
    const rows = toEnrollmentRows(
      enrollments([
        enrollment("x1", { userIds: [{ userId: "n-0002", userIdType: "NEPPI" }] }), // the shared NEPPI
        enrollment("x2", { userIds: [{ userId: "a-0002", userIdType: "ASI" }] }), // Noa's own ASI: still Noa
        enrollment("x3", { userMasterIdentifier: ECK1, userIds: [{ userId: "b-0003", userIdType: "BPI" }] }), // Sem's ECK iD with Lotte's BPI
      ]),
      list.identity,
    );
    const keys = new Set(list.rows.map((r) => r.key));
    expect(rows.map((r) => [r.id, r.studentAmbiguous ?? false, keys.has(r.studentKey)])).toEqual([
      ["x1", true, false],
      ["x2", false, true],
      ["x3", true, false],
    ]);
    expect(rows[1]!.studentKey).toBe(KEY.noa);
    expect(pageEnrollments(rows, { includeToBeDeleted: false, page: 1, pageSize: 10, today: "2026-03-02" }).ambiguousStudent).toBe(2);
    // A coached pupil is matched the same way.
    const base = {
      employee: { userIds: [{ userId: "jbakker3@school", userIdType: "NEPRI" as const }] },
      assignmentType: "coach" as const,
      schoolPeriod: "2025-2026",
      beginDate: "2025-08-01",
      status: "active" as const,
      dateCreated: "2025-06-15T08:00:00Z",
      dateLastModified: "2025-06-15T08:00:00Z",
    };
    const match = list.identity.matcher();
    expect(
      toAssignmentRow({ ...base, assignmentId: "a1", student: { userIds: [{ userId: "b-0003", userIdType: "BPI" }] } }, match),
    ).toMatchObject({ studentKey: KEY.lotte });
    expect(
      toAssignmentRow({ ...base, assignmentId: "a2", student: { userIds: [{ userId: "n-0002", userIdType: "NEPPI" }] } }, match),
    ).toMatchObject({ studentAmbiguous: true });
  });

  it("a pupil whose LAS record could not be read is found by any identifier, and a broken copy does not make a readable record ambiguous", () => {
    const broken = {
      userIds: [
        { userId: "n-0005", userIdType: "NEPPI" },
        { userId: "a-0005", userIdType: "ASI" },
      ],
      familyName: "Smit",
    }; // no givenName
    const brokenCopyOfSem = { userMasterIdentifier: ECK1, familyName: "Bakker" };
    const list = students([...STUDENTS, broken, brokenCopyOfSem]);
    expect([...list.unreadable.keys()]).toEqual([studentKey("ASI:a-0005"), KEY.sem]);
    expect(list.identity.match({ userIds: [{ userId: "n-0005", userIdType: "NEPPI" }] })).toEqual({
      kind: "matched",
      key: studentKey("ASI:a-0005"),
    });
    expect(list.identity.match({ userMasterIdentifier: ECK1 })).toEqual({ kind: "matched", key: KEY.sem });
    expect(list.identity.ambiguousIdentifiers).toBe(0);
  });

  it("matches with a pupil's references interleaved (the last-pupil shortcut is only taken for the same lone ECK iD)", () => {
    const m = new PersonMatcher(
      [{ userMasterIdentifier: "A" }, { userMasterIdentifier: "B", userIds: [{ userId: "1", userIdType: "NEPPI" }] }],
      (i) => `k${i}`,
    ).matcher();
    expect(
      [
        m({ userMasterIdentifier: "A" }),
        m({ userMasterIdentifier: "A" }),
        m({ userIds: [{ userId: "1", userIdType: "NEPPI" }] }),
        m({ userMasterIdentifier: "A", userIds: [{ userId: "1", userIdType: "NEPPI" }] }),
      ].map((x) => [x.kind, x.key]),
    ).toEqual([
      ["matched", "k0"],
      ["matched", "k0"],
      ["matched", "k1"],
      ["ambiguous", studentKey("ambiguous\u0000A")],
    ]);
  });
});
