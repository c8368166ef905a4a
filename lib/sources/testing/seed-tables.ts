/**
 * The field tables of the seed documents (`shared/seeds/*.txt`), written out by hand for the
 * conformance test: what a Source may send in one record of a 200 list. They are read from the
 * seeds' "Veldspecificaties" (Veld, Type, Verplicht, Beperkingen) and the raw YAML, corrected only
 * where spec/ERRATA.md decides so, and are deliberately NOT derived from our zod schemas or
 * spec/openapi.yaml: the test holds the client to these tables, not to itself.
 *
 * Path notation: keys joined with ".", a list's items as "[]" (`student.userIds[].userId`).
 * Types: Tekenreeks = string, Geheel getal = int, Datum = date (RFC 3339 full-date),
 * Datum/tijd = date-time (RFC 3339 §5.6), Keuzelijst = enum, Object = object, Lijst = array,
 * Boolean = bool; `any` is an item the seeds do not describe (ERRATA 20).
 */

export type SeedType = "string" | "int" | "date" | "date-time" | "enum" | "object" | "array" | "bool" | "any";

export type SeedField = {
  path: string;
  type: SeedType;
  /** Verplicht: "Ja" (after the ERRATA decisions named with the table). */
  required: boolean;
  /** Keuzelijst "toegestaan" values, after the ERRATA decisions; others are read as unknown values. */
  values?: readonly string[];
  /** A required Tekenreeks the seeds give no minimum length: `""` is a value (ERRATA "Reading rules"). */
  emptyAllowed?: true;
  /** The identifier of a list item: an item whose identifier is `""` identifies nobody and is left out of its list. */
  identifier?: true;
  /**
   * Required metadata nobody reads (`dateCreated`, `dateLastModified`): read loosely (any RFC 3339
   * form, a leap second included) and never deciding a record's life (issue 21 item 5).
   */
  metadata?: true;
  /** A lower bound the ERRATA decide for an integer: totals are counts (issue 21 item 5). */
  min?: number;
};

export type SeedRule =
  /** "(either a or b is required)", at the object `at` ("" is the record), after the reading rules. */
  | { kind: "either"; at: string; fields: readonly [string, string] }
  /** A list whose items are read one by one: any object is kept with all it carries; a bad item is left out alone. */
  | { kind: "itemsOneByOne"; list: string }
  /** A list of OAuth scope strings; an object `{scope}` or `{name}` is read as its string (ERRATA 17). */
  | { kind: "scopeItems"; list: string };

export type SeedTable = { name: string; seed: string; fields: readonly SeedField[]; rules: readonly SeedRule[] };

/** userIdType as 000, 001 and 004 list it; 003 lacks "eckId", which ERRATA 24 adds back. */
const USER_ID_TYPES = ["NEPPI", "BPI", "eduID", "NEPRI", "ASI", "eckId"] as const;
/** organisationIdType as 001, 003 and 004 list it; 000 and 002 lack "V_ID", which ERRATA 23 adds back. */
const ORGANISATION_ID_TYPES = ["OIE_CODE", "BP_ID", "DD_ID", "AS_ID", "V_ID"] as const;
/** Enrollment/Assignment `status`: the seeds copied the type enum there (ERRATA 6, 7); OneRoster's StatusType. */
const OBJECT_STATUSES = ["active", "tobedeleted"] as const;

/** The UserReference rows every seed repeats (000, 001, 004; 003 at the record's top level). */
function userReference(at: string, required: boolean): SeedField[] {
  const p = at ? `${at}.` : "";
  return [
    ...(at ? [{ path: at, type: "object", required } as SeedField] : []),
    { path: `${p}userMasterIdentifier`, type: "string", required: false },
    { path: `${p}userIds`, type: "array", required: false },
    { path: `${p}userIds[]`, type: "object", required: false },
    { path: `${p}userIds[].userId`, type: "string", required: true, identifier: true },
    { path: `${p}userIds[].userIdType`, type: "enum", required: true, values: USER_ID_TYPES },
  ];
}

/** The SchoolReference rows of 000 and 002 (organisationMasterIdentifier's description is cut off: ERRATA 1). */
function schoolReference(at: string): SeedField[] {
  return [
    { path: at, type: "object", required: true },
    { path: `${at}.organisationMasterIdentifier`, type: "string", required: false },
    { path: `${at}.organisationIds`, type: "array", required: false },
    { path: `${at}.organisationIds[]`, type: "object", required: false },
    { path: `${at}.organisationIds[].organisationId`, type: "string", required: true, identifier: true },
    { path: `${at}.organisationIds[].organisationIdType`, type: "enum", required: true, values: ORGANISATION_ID_TYPES },
  ];
}

const eitherUser = (at: string): SeedRule => ({ kind: "either", at, fields: ["userMasterIdentifier", "userIds"] });
const eitherSchool = (at: string): SeedRule => ({ kind: "either", at, fields: ["organisationMasterIdentifier", "organisationIds"] });

/**
 * 003 GET /students/school, `response.200` (a Student). ERRATA 18 (address nested), 19 (one
 * `country`, not required), 20 (`accessibility[]` items undescribed), 22 (scope fields optional, as
 * the table already says), 24 (eckId); Reading rules (names may be "").
 */
export const STUDENT_TABLE: SeedTable = {
  name: "students",
  seed: "003",
  fields: [
    ...userReference("", false),
    { path: "givenName", type: "string", required: true, emptyAllowed: true },
    { path: "preferredFirstName", type: "string", required: false },
    { path: "familyName", type: "string", required: true, emptyAllowed: true },
    { path: "familyNamePrefix", type: "string", required: false },
    { path: "dateOfBirth", type: "date", required: false },
    { path: "gender", type: "enum", required: false, values: ["female", "male", "other", "unspecified"] },
    { path: "email", type: "string", required: false },
    { path: "language", type: "string", required: false },
    { path: "accessibility", type: "array", required: false },
    { path: "accessibility[]", type: "any", required: false },
    { path: "address", type: "object", required: false },
    // Required inside an address that is sent. Tekenreeks Ja without a minimum length, as the names.
    { path: "address.street", type: "string", required: true, emptyAllowed: true },
    { path: "address.houseNumber", type: "int", required: true },
    { path: "address.houseNumberSuffix", type: "string", required: false },
    { path: "address.zipCode", type: "string", required: true, emptyAllowed: true },
    { path: "address.city", type: "string", required: true, emptyAllowed: true },
    { path: "address.countryCode", type: "string", required: false },
    { path: "address.country", type: "string", required: false },
  ],
  rules: [eitherUser("")],
};

/** Location, Enrollment's only: both identifiers optional, no either-rule (ERRATA 2); `name` required. */
const LOCATION: SeedField[] = [
  { path: "location", type: "object", required: false },
  { path: "location.locationMasterIdentifier", type: "string", required: false },
  { path: "location.locationIds", type: "array", required: false },
  { path: "location.locationIds[]", type: "object", required: false },
  { path: "location.locationIds[].locationId", type: "string", required: true, identifier: true },
  { path: "location.locationIds[].locationIdType", type: "enum", required: true, values: ["VE_CODE"] },
  { path: "location.name", type: "string", required: true, emptyAllowed: true },
];

/** What 001 and 004 share after the type-specific fields (ERRATA 5, 6/7, 25). */
const PERIOD_OBJECT: SeedField[] = [
  { path: "schoolPeriod", type: "string", required: true, emptyAllowed: true },
  { path: "beginDate", type: "date", required: true },
  { path: "endDate", type: "date", required: false },
  { path: "status", type: "enum", required: true, values: OBJECT_STATUSES },
  { path: "dateCreated", type: "date-time", required: true, metadata: true },
  { path: "dateLastModified", type: "date-time", required: true, metadata: true },
];

/**
 * 004 GET /enrollments/school, `response.200` (an Enrollment). ERRATA 2, 4, 7 (status enum),
 * 25 (dates); 26: the table types studyYear "Geheel getal" without a bound, so any integer (the
 * spec's `minimum: 0` is ours); Reading rules (enrollmentId, schoolPeriod, location.name may be "").
 */
export const ENROLLMENT_TABLE: SeedTable = {
  name: "enrollments",
  seed: "004",
  fields: [
    { path: "enrollmentId", type: "string", required: true, emptyAllowed: true },
    ...userReference("student", true),
    { path: "enrollmentType", type: "enum", required: true, values: ["study", "subject"] },
    { path: "study", type: "string", required: false },
    { path: "studyPublicId", type: "string", required: false },
    { path: "studyYear", type: "int", required: false },
    ...LOCATION,
    { path: "subject", type: "string", required: false },
    ...PERIOD_OBJECT,
  ],
  rules: [eitherUser("student")],
};

/**
 * 001 POST /assignments/school/employee, `response.200` (an Assignment). The rows under the empty
 * "response." code are the request body (ERRATA 9), not the answer; ERRATA 3, 6 (status enum),
 * 10 (the 200 is a list), 25, 28 (an employee's userMasterIdentifier is empty); Reading rules
 * (assignmentId, schoolPeriod may be "").
 */
export const ASSIGNMENT_TABLE: SeedTable = {
  name: "assignments",
  seed: "001",
  fields: [
    { path: "assignmentId", type: "string", required: true, emptyAllowed: true },
    ...userReference("employee", true),
    { path: "assignmentType", type: "enum", required: true, values: ["class-teacher", "teacher", "coach"] },
    { path: "group", type: "string", required: false },
    { path: "subject", type: "string", required: false },
    ...userReference("student", false),
    ...PERIOD_OBJECT,
  ],
  rules: [eitherUser("employee"), eitherUser("student")],
};

/**
 * 000 POST /usage/school/user, `response.200` (a SchoolUserUsage). ERRATA 9 (the "response."
 * rows are the request body), 10 (the 200 is a list), 11 and "Where the seeds are silent"
 * (EntitlementUsage, EntitlementStatus: the reconstructed item fields; the seed's item is only
 * "Object", so none of them is required there), 23 (V_ID); Reading rules (entitlement items read
 * one by one). `entitlements` is "Lijst Ja": `[]` is a value (no entitlements).
 */
export const USAGE_TABLE: SeedTable = {
  name: "usage",
  seed: "000",
  fields: [
    ...schoolReference("school"),
    ...userReference("user", true),
    { path: "totalEntitled", type: "int", required: false, min: 0 },
    { path: "totalLicensed", type: "int", required: false, min: 0 },
    { path: "totalCancelled", type: "int", required: false, min: 0 },
    { path: "totalBlocked", type: "int", required: false, min: 0 },
    { path: "totalExpired", type: "int", required: false, min: 0 },
    { path: "entitlements", type: "array", required: true },
    { path: "entitlements[]", type: "object", required: false },
    { path: "entitlements[].entitlementId", type: "string", required: false },
    { path: "entitlements[].productId", type: "string", required: false },
    { path: "entitlements[].productTitle", type: "string", required: false },
    {
      path: "entitlements[].entitlementStatus",
      type: "enum",
      required: false,
      values: ["entitled", "licensed", "cancelled", "blocked", "expired"],
    },
    {
      path: "entitlements[].entitlementType",
      type: "enum",
      required: false,
      values: ["school-student", "school-employee", "school-activationcode", "customer-student", "customer-activationcode"],
    },
    { path: "entitlements[].deliveryOrderId", type: "string", required: false },
    { path: "entitlements[].startDate", type: "date", required: false },
    { path: "entitlements[].activationUntilDate", type: "date", required: false },
    { path: "entitlements[].activationDate", type: "date", required: false },
    { path: "entitlements[].endDate", type: "date", required: false },
    { path: "entitlements[].expirationDate", type: "date", required: false },
  ],
  rules: [eitherSchool("school"), eitherUser("user"), { kind: "itemsOneByOne", list: "entitlements" }],
};

/**
 * ConsentStatus (GET /consent/statuses), which no seed holds: ERRATA 35 names its fields and
 * requires only `school` and `api`; the SchoolReference rows and the `api` values are 002's
 * (ERRATA 23: V_ID); scopes as ERRATA 17 reads them. `providerReferenceId: ""` is a value the
 * Edu-V pages name ("empty while not yet confirmed"): read as absent, the status waiting.
 */
export const CONSENT_STATUS_TABLE: SeedTable = {
  name: "consent statuses",
  seed: "002 + ERRATA 35",
  fields: [
    { path: "providerReferenceId", type: "string", required: false },
    { path: "consumerReferenceId", type: "string", required: false },
    ...schoolReference("school"),
    {
      path: "api",
      type: "enum",
      required: true,
      values: [
        "students-api",
        "employees-api",
        "education-api",
        "association-api",
        "delivery-api",
        "entitlement-api",
        "usage-api",
        "progress-api",
        "results-api",
      ],
    },
    { path: "scopes", type: "array", required: false },
    { path: "scopes[]", type: "string", required: false },
    { path: "providerStatus", type: "enum", required: false, values: ["requested", "confirmed", "refused", "revoked"] },
    { path: "changedAt", type: "date-time", required: false },
  ],
  rules: [eitherSchool("school"), { kind: "scopeItems", list: "scopes" }],
};

export const SEED_TABLES = [STUDENT_TABLE, ENROLLMENT_TABLE, ASSIGNMENT_TABLE, USAGE_TABLE, CONSENT_STATUS_TABLE] as const;
