import { describe, expect, it } from "vitest";
import { toAssignmentRow } from "@/lib/features/employees/assignments";
import type { EduvClient } from "../transport/client";
import { coverageOf } from "@/lib/features/coverage/coverage";
import { fanOut, groupOf } from "@/lib/features/coverage/group";
import { listSchoolEnrollments, pageEnrollments, toEnrollmentRows } from "@/lib/features/enrollments/enrollments";
import { SourceError } from "../errors";
import { keyIdentifier, NO_STUDENTS, PersonMatcher, studentKey } from "./identity";
import { parseList } from "./parse-list";
import type { AnyOperation } from "../operations/define";
import type { Enrollment } from "./schemas/enrollment";
import { enrollmentSchema } from "./schemas/enrollment";
import { studentSchema } from "./schemas/student";
import { parseSourcesConfig } from "../config";
import { indexStudents, primaryIdentifier } from "@/lib/features/students/students";

process.env.ACCESS_LOG_HASH_KEY ??= "a-test-key-for-person-hashes-of-32-chars";

/**
 * Issue 21, item 1: one pupil, one key. A pupil is matched across endpoints on any shared identifier
 * (the ECK iD, as userMasterIdentifier or as a userIds entry of type eckId, or any userIds entry of
 * the same type and value), whatever order the userIds come in (seed 004:52-56). Expected values are
 * written out by hand.
 */
const ECK1 = "https://ketenid.nl/201703/sem-bakker-0001";
const ECK3 = "https://ketenid.nl/201703/lotte-de-jong-0003";

// Three pupils as the students list names them: by ECK iD and userIds; by userIds only; by an eckId userIds entry and a BPI.
const STUDENTS = [
  {
    userMasterIdentifier: ECK1,
    userIds: [
      { userId: "n-0001", userIdType: "NEPPI" },
      { userId: "a-0001", userIdType: "ASI" },
    ],
    givenName: "Sem",
    familyName: "Bakker",
  },
  {
    userIds: [
      { userId: "n-0002", userIdType: "NEPPI" },
      { userId: "a-0002", userIdType: "ASI" },
    ],
    givenName: "Noa",
    familyName: "Visser",
  },
  {
    userIds: [
      { userId: ECK3, userIdType: "eckId" },
      { userId: "b-0003", userIdType: "BPI" },
    ],
    givenName: "Lotte",
    familyNamePrefix: "de",
    familyName: "Jong",
  },
];
// Their keys, by hand: the ECK iD; else the smallest "TYPE:value" ("ASI:…" before "NEPPI:…"); an eckId entry is the ECK iD.
const KEY = { sem: studentKey(ECK1), noa: studentKey("ASI:a-0002"), lotte: studentKey(ECK3) };

const OFFERING = "sub-900B201-ne-h4b-2526";
const enrollment = (enrollmentId: string, student: object, extra: object = {}) => ({
  enrollmentId,
  student,
  enrollmentType: "subject",
  subject: OFFERING,
  schoolPeriod: "2025-2026",
  beginDate: "2025-08-01",
  status: "active",
  dateCreated: "2025-06-15T08:00:00Z",
  dateLastModified: "2025-06-15T08:00:00Z",
  ...extra,
});
// The same three pupils named six ways.
const ENROLLMENTS = [
  enrollment("e1", { userMasterIdentifier: ECK1 }), // ECK iD only
  enrollment(
    "e2",
    {
      userIds: [
        { userId: "a-0001", userIdType: "ASI" },
        { userId: "n-0001", userIdType: "NEPPI" },
      ],
    },
    { subject: "sub-other" },
  ), // userIds only, other order
  enrollment("e3", { userIds: [{ userId: "n-0002", userIdType: "NEPPI" }] }), // one NEPPI only
  enrollment(
    "e4",
    {
      userIds: [
        { userId: "a-0002", userIdType: "ASI" },
        { userId: "n-0002", userIdType: "NEPPI" },
      ],
    },
    { subject: "sub-other" },
  ), // both, other order
  enrollment("e5", { userMasterIdentifier: ECK3 }), // ECK iD as master, where the list has it as an eckId entry
  enrollment("e6", { userIds: [{ userId: "b-0003", userIdType: "BPI" }] }, { subject: "sub-other" }), // BPI only
];

const studentsLenient = studentSchema("lenient");
const enrollmentsLenient = enrollmentSchema("lenient");
const students = (raw: unknown[]) => {
  const leftOut: Array<{ item: unknown; paths: readonly string[] }> = [];
  const { records } = parseList(studentsLenient, raw, { onInvalid: (item, paths) => leftOut.push({ item, paths }) });
  return indexStudents(records, leftOut);
};
const enrollments = (raw: unknown[]) => parseList(enrollmentsLenient, raw).records as Enrollment[];

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

describe("through the LAS calls: the enrollments answer and class coverage", () => {
  const config = parseSourcesConfig({
    client: { clientId: "ldb" },
    schools: [{ id: "school", name: "School", sector: "VO", organisationMasterIdentifier: "900B201" }],
    sources: [
      {
        id: "las",
        name: "LAS",
        kind: "las",
        baseUrl: "https://x.example/las",
        tokenEndpoint: "https://x.example/las/token",
        auth: { method: "private_key_jwt" },
        apis: ["students", "enrollments"],
        scopes: ["eduv.student.basic", "eduv.association"],
        schools: ["school"],
      },
      {
        id: "lr",
        name: "Licentieregistratie",
        kind: "licentieregistratie",
        baseUrl: "https://x.example/lr",
        tokenEndpoint: "https://x.example/lr/token",
        auth: { method: "private_key_jwt" },
        apis: ["usage"],
        scopes: ["eduv.usage.dashboard"],
        schools: ["school"],
      },
    ],
  });
  const school = config.schools[0]!;
  /** A LAS answering `students` and `enrollments` (read by the client's lenient parser), and a registry that knows nobody. */
  const clientOf = (studentsRaw: unknown[] | SourceError, enrollmentsRaw: unknown[]) => {
    const asked: string[] = [];
    const client = {
      config,
      async call(
        op: AnyOperation,
        sourceId: string,
        input: { onInvalid?: (item: unknown, paths: readonly string[]) => void; body?: { user?: unknown } },
      ) {
        asked.push(op.operationId);
        if (op.operationId === "get-usage-for-user-at-school") throw new SourceError("not_found", sourceId);
        const raw = op.operationId === "get-students-for-school" ? studentsRaw : enrollmentsRaw;
        if (raw instanceof SourceError) throw raw;
        const { records, report } = parseList(op.operationId === "get-students-for-school" ? studentsLenient : enrollmentsLenient, raw, {
          onInvalid: input.onInvalid,
        });
        return { records, report, meta: { sourceId, httpStatus: 200, latencyMs: 1, apiVersion: "1", grantedScopes: [], bytes: 100 } };
      },
    } as unknown as EduvClient;
    return { client, asked };
  };

  it("the enrollments answer keys every row by the student list and counts nobody ambiguous", async () => {
    const { client } = clientOf(STUDENTS, ENROLLMENTS);
    const list = await listSchoolEnrollments(client, school, {}, { refresh: true });
    expect(list.rows.map((r) => r.studentKey)).toEqual([KEY.sem, KEY.sem, KEY.noa, KEY.noa, KEY.lotte, KEY.lotte]);
    expect(list.ambiguous).toBe(0);
  });

  it("without the student list (refused) the enrollments still stand, each keyed by its own identifier", async () => {
    const { client } = clientOf(new SourceError("consent_missing", "las"), ENROLLMENTS);
    const list = await listSchoolEnrollments(client, school, {}, { refresh: true });
    expect(list.rows.map((r) => r.studentKey)).toEqual([
      KEY.sem,
      studentKey("ASI:a-0001"),
      studentKey("NEPPI:n-0002"),
      KEY.noa,
      KEY.lotte,
      studentKey("BPI:b-0003"),
    ]);
  });

  it("class coverage counts nobody of the group as not in the LAS", async () => {
    const { client } = clientOf(STUDENTS, ENROLLMENTS);
    const today = "2026-03-02";
    const { pupils } = await groupOf(client, school, { subjectOfferingId: OFFERING }, today, { refresh: true });
    // e1, e3, e5 are in the group: Sem by ECK iD, Noa by one NEPPI, Lotte by an ECK iD the list has as an eckId entry.
    expect(pupils.map((p) => [p.key, p.name, p.user])).toEqual([
      [KEY.sem, "Sem Bakker", { userMasterIdentifier: ECK1 }],
      [KEY.noa, "Noa Visser", { userIds: STUDENTS[1]!.userIds }],
      [KEY.lotte, "Lotte de Jong", { userIds: STUDENTS[2]!.userIds }],
    ]);
    const coverage = coverageOf(await fanOut(client, school, pupils, { concurrency: 1, refresh: true }), today);
    expect([coverage.pupils, coverage.asked, coverage.notInLas, coverage.ambiguousInLas]).toEqual([3, 3, 0, 0]);
  });

  it("class coverage counts a pupil named ambiguously apart: not asked, not 'not in the LAS'", async () => {
    const twin = {
      userMasterIdentifier: "https://ketenid.nl/201703/twin-0004",
      userIds: [{ userId: "n-0002", userIdType: "NEPPI" }],
      givenName: "Tim",
      familyName: "Visser",
    };
    const stranger = enrollment("e8", { userIds: [{ userId: "n-9999", userIdType: "NEPPI" }] });
    const { client } = clientOf([...STUDENTS, twin], [...ENROLLMENTS, stranger]);
    const today = "2026-03-02";
    const list = await listSchoolEnrollments(client, school, {}, { refresh: true });
    // e3 (by the NEPPI Noa and Tim share) and e4 (Noa's ASI with that NEPPI: it points at Tim too).
    expect(list.ambiguous).toBe(2);
    const { pupils } = await groupOf(client, school, { subjectOfferingId: OFFERING }, today, { refresh: true });
    const coverage = coverageOf(await fanOut(client, school, pupils, { concurrency: 1, refresh: true }), today);
    expect([coverage.pupils, coverage.asked, coverage.notInLas, coverage.ambiguousInLas]).toEqual([4, 2, 1, 1]);
  });
});
