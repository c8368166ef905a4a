import { z } from "zod";
import { ageSeconds, count, isoDay, leftOutRecords, opaqueKey, pathCounts } from "./common";
import { contract } from "./define";
import { enrollmentView } from "./enrollments";
import { sourceErrorKind } from "./sources";

/** What the browser may see of a student: names, and identifiers only masked ("ECK iD ••••1234"). */
export const studentRow = z.strictObject({
  /** Opaque, stable key for this student (keyed hash): safe in a URL or a log. */
  key: opaqueKey,
  /** "Bram de Vries": the roepnaam when known, the tussenvoegsel before the family name. */
  name: z.string(),
  givenName: z.string(),
  preferredFirstName: z.string().optional(),
  familyNamePrefix: z.string().optional(),
  familyName: z.string(),
  dateOfBirth: isoDay.optional(),
  email: z.string().optional(),
  maskedId: z.string(),
});

/** One page of the school's students, with what the LAS sent that could not be read or named an enum value Edu-V does not know. */
export const studentPage = z.strictObject({
  total: count,
  rows: z.array(studentRow),
  page: z.int().min(1),
  pageSize: z.int().min(1),
  ageSeconds,
  invalid: leftOutRecords,
  /** Enum values the spec does not know, per field; the records were kept. */
  unknownEnumValues: pathCounts,
});

/** A teacher of the pupil's lessons or their coach: name and masked identifier from the school's employee list. */
export const teacherOfStudent = z.strictObject({
  name: z.string(),
  maskedId: z.string(),
  type: z.enum(["class-teacher", "teacher", "coach"]),
  subjectOffering: z.string().optional(),
});

/**
 * The teachers found through the school's employee list; `failed` the employees whose assignments
 * could not be asked, `message` why, when none could.
 */
export const teachersAnswer = z.strictObject({
  teachers: z.array(teacherOfStudent),
  knownEmployees: count,
  failed: count,
  message: z.string().optional(),
});

/** A section of the page that comes from another call and failed on its own: the Source error kind and the words for it. */
export const sectionError = z.strictObject({ error: z.strictObject({ code: sourceErrorKind, message: z.string() }) });

export const studentDetailAnswer = z.strictObject({
  student: studentRow,
  /** For those who may read enrollments (else no rows): the pupil's, or why the LAS could not give them. */
  enrollments: z.union([z.strictObject({ rows: z.array(enrollmentView), ageSeconds }), sectionError]),
  /** Null for those who may not read assignments. */
  teachers: teachersAnswer.nullable(),
  ageSeconds,
});

export const revealedIdentifiers = z.strictObject({ identifiers: z.array(z.strictObject({ type: z.string(), value: z.string() })) });

export type StudentRow = z.infer<typeof studentRow>;
export type StudentPage = z.infer<typeof studentPage>;
export type TeacherOfStudent = z.infer<typeof teacherOfStudent>;
export type TeachersAnswer = z.infer<typeof teachersAnswer>;
export type StudentDetailAnswer = z.infer<typeof studentDetailAnswer>;

// The filters travel in the body: a name search is (part of) a pupil's name, and a query string ends up in proxy and access logs.
const filters = {
  q: z.string().max(100).optional(),
  schoolPeriodId: z.string().min(1).max(64).optional(),
  studyOfferingId: z.string().min(1).max(128).optional(),
  subjectOfferingId: z.string().min(1).max(128).optional(),
  sort: z.enum(["name", "familyName", "dateOfBirth"]).default("familyName"),
  dir: z.enum(["asc", "desc"]).default("asc"),
};

const studentKeyInput = z.string().regex(/^[0-9a-f]{32}$/, "an opaque student key");

/** One page of the current school's students: filtered by the Source (period, offerings), searched and sorted here. Only the school may be in the URL. */
export const studentsList = contract({
  method: "POST",
  path: "/api/students",
  // Anything else in the URL is refused, so a client that still sends ?q= learns it at once.
  query: z.strictObject({}),
  body: z.strictObject({
    ...filters,
    page: z.int().min(1).default(1),
    pageSize: z.int().min(1).max(200).default(50),
    refresh: z.boolean().optional(),
  }),
  response: studentPage,
});

/** Every student matching the filters as CSV (no cap), logged as an export. */
export const studentsExport = contract({
  method: "POST",
  path: "/api/students/export",
  body: z.strictObject(filters),
  file: "text/csv",
});

/** One student (masked), their enrollments and the teachers of their lessons. The key is opaque. */
export const studentsDetail = contract({
  method: "GET",
  path: "/api/students/detail",
  query: z.strictObject({ key: studentKeyInput }),
  response: studentDetailAnswer,
});

/** The full identifiers of one student, on an explicit click; always logged as a reveal. */
export const studentsReveal = contract({
  method: "POST",
  path: "/api/students/reveal",
  body: z.strictObject({ key: studentKeyInput }),
  response: revealedIdentifiers,
});
