import { z } from "zod";
import { ageSeconds, count, isoDay, leftOutRecords, opaqueKey, today } from "./common";
import { contract } from "./define";

/** Whether an enrollment holds on the reference date (lib/sources/reading/enrollment-status.ts EnrollmentState; lib/contracts/enrollments.test.ts keeps them equal). */
export const ENROLLMENT_STATE_NAMES = ["current", "not_current", "unknown"] as const;
/** Edu-V's enrollment types (lib/sources/reading/schemas/enrollment.ts ENROLLMENT_TYPES; kept equal by the same test). */
export const ENROLLMENT_TYPE_NAMES = ["study", "subject"] as const;

export const enrollmentState = z.enum(ENROLLMENT_STATE_NAMES);

/**
 * An enrollment as the browser sees it: the student only as an opaque key. `type` and `status` are
 * as the Source sent them (a value Edu-V does not name is kept); dates are yyyy-mm-dd, `beginDate`
 * inclusive, `endDate` exclusive.
 */
export const enrollmentRow = z.strictObject({
  id: z.string(),
  studentKey: opaqueKey,
  type: z.string(),
  offering: z.string(),
  studyYear: z.int().optional(),
  schoolPeriod: z.string(),
  location: z.string().optional(),
  beginDate: isoDay,
  endDate: isoDay.optional(),
  status: z.string(),
  /**
   * Set when the enrollment's student could not be matched to one pupil of the LAS list (an identifier
   * two pupils share, or identifiers pointing at two pupils): `studentKey` then belongs to no pupil.
   */
  studentAmbiguous: z.literal(true).optional(),
});

/** A row as a page shows it: with whether it holds on the reference date (enrollment-status.ts). */
export const enrollmentView = enrollmentRow.extend({ enrolledNow: enrollmentState });

/** A row of the enrollments list: with the pupil's name for those who may read the student list. */
export const enrollmentListRow = enrollmentView.extend({ studentName: z.string().optional() });

/**
 * One page of enrollments: `total` those shown under the filters; `toBeDeleted` (hidden unless asked
 * for), `unknownStatus` and `ambiguousStudent` counted over the filtered rows.
 */
export const enrollmentPage = z.strictObject({
  total: count,
  toBeDeleted: count,
  unknownStatus: count,
  ambiguousStudent: count,
  today,
  rows: z.array(enrollmentListRow),
  page: z.int().min(1),
  pageSize: z.int().min(1),
  ageSeconds,
  invalid: leftOutRecords,
});

/**
 * An offering the filters offer. `count`: its enrollments that hold on the reference date;
 * `unknownStatus` (only when there are any): those whose status nobody knows, never counted as current.
 */
export const studyOffering = z.strictObject({ id: z.string(), studyYear: z.int().optional(), count, unknownStatus: count.optional() });
export const subjectOffering = z.strictObject({ id: z.string(), count, unknownStatus: count.optional() });

/** What the filters offer: the periods and offerings that occur in the school's enrollments (no personal data). */
export const enrollmentOptions = z.strictObject({
  periods: z.array(z.string()),
  studyOfferings: z.array(studyOffering),
  subjectOfferings: z.array(subjectOffering),
  studyYears: z.array(z.int()),
  locations: z.array(z.string()),
});

export type EnrollmentStateName = z.infer<typeof enrollmentState>;
export type EnrollmentRow = z.infer<typeof enrollmentRow>;
export type EnrollmentView = z.infer<typeof enrollmentView>;
export type EnrollmentListRow = z.infer<typeof enrollmentListRow>;
export type EnrollmentPage = z.infer<typeof enrollmentPage>;
export type StudyOffering = z.infer<typeof studyOffering>;
export type SubjectOffering = z.infer<typeof subjectOffering>;
export type EnrollmentOptions = z.infer<typeof enrollmentOptions>;

// The filters the Source applies itself (Edu-V query options).
const sourceFilter = {
  enrollmentType: z.enum(ENROLLMENT_TYPE_NAMES).optional(),
  schoolPeriodId: z.string().min(1).max(64).optional(),
  studyOfferingId: z.string().min(1).max(128).optional(),
  subjectOfferingId: z.string().min(1).max(128).optional(),
};

/** The current school's enrollments, filtered by the Source (type, period, offering) and here (year, location), one page. No person in the URL. */
export const enrollmentsList = contract({
  method: "GET",
  path: "/api/enrollments",
  query: z.strictObject({
    ...sourceFilter,
    // Any year the Source sent can be chosen (the seeds bound none, ERRATA Reading rules); a safe integer keeps the filter exact.
    studyYear: z.coerce.number().int().min(-1_000_000).max(1_000_000).optional(),
    location: z.string().min(1).max(200).optional(),
    includeToBeDeleted: z.enum(["1"]).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
    refresh: z.enum(["1"]).optional(),
  }),
  response: enrollmentPage,
});

/** The periods and offerings of the current school, for filters; with how old the list is. */
export const enrollmentsOptions = contract({
  method: "GET",
  path: "/api/enrollments/options",
  response: enrollmentOptions.extend({ ageSeconds }),
});

/** Every enrollment matching the filters as CSV (no cap), logged as an export. */
export const enrollmentsExport = contract({
  method: "POST",
  path: "/api/enrollments/export",
  body: z.strictObject({
    ...sourceFilter,
    studyYear: z.int().min(-1_000_000).max(1_000_000).optional(),
    location: z.string().min(1).max(200).optional(),
    includeToBeDeleted: z.boolean().default(false),
  }),
  file: "text/csv",
});
