// Three pupils named differently by the students list and the enrollments (identity.test.ts and
// identity-calls.test.ts): their identifiers, their enrollments and the lenient readers of both.
import { indexStudents } from "@/lib/features/students/students";
import { parseList } from "../reading/parse-list";
import { studentKey } from "../reading/identity";
import type { Enrollment } from "../reading/schemas/enrollment";
import { enrollmentSchema } from "../reading/schemas/enrollment";
import { studentSchema } from "../reading/schemas/student";

export const ECK1 = "https://ketenid.nl/201703/sem-bakker-0001";
export const ECK3 = "https://ketenid.nl/201703/lotte-de-jong-0003";

// Three pupils as the students list names them: by ECK iD and userIds; by userIds only; by an eckId userIds entry and a BPI.
export const STUDENTS = [
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
export const KEY = { sem: studentKey(ECK1), noa: studentKey("ASI:a-0002"), lotte: studentKey(ECK3) };

export const OFFERING = "sub-900B201-ne-h4b-2526";
export const enrollment = (enrollmentId: string, student: object, extra: object = {}) => ({
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
export const ENROLLMENTS = [
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

export const studentsLenient = studentSchema("lenient");
export const enrollmentsLenient = enrollmentSchema("lenient");
export const students = (raw: unknown[]) => {
  const leftOut: Array<{ item: unknown; paths: readonly string[] }> = [];
  const { records } = parseList(studentsLenient, raw, { onInvalid: (item, paths) => leftOut.push({ item, paths }) });
  return indexStudents(records, leftOut);
};
export const enrollments = (raw: unknown[]) => parseList(enrollmentsLenient, raw).records as Enrollment[];
