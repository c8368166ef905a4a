/**
 * The seed documents' rules for a 200 record, written from their field tables (Verplicht "Ja" = required)
 * for the sandbox's tests: a varied record must still keep them. Independent of the sandbox's own code.
 * A value "" or [] counts as absent for the either-identifier rule; "" in a required field is allowed
 * only for a name (the reading rules keep such a record); a Datum must exist; a Datum/tijd must be
 * RFC 3339 (lower-case t/z and a space allowed).
 */

type Json = Record<string, unknown>;
export type Rule = {
  required?: string[];
  either?: [string, string];
  objects?: Record<string, Rule>;
  arrays?: Record<string, Rule>;
  dates?: string[];
  dateTimes?: string[];
  integers?: string[];
};

const USER_REF: Rule = { either: ["userMasterIdentifier", "userIds"], arrays: { userIds: { required: ["userId", "userIdType"] } } };
const SCHOOL_REF: Rule = {
  either: ["organisationMasterIdentifier", "organisationIds"],
  arrays: { organisationIds: { required: ["organisationId", "organisationIdType"] } },
};
const PERIOD_OBJECT = ["schoolPeriod", "beginDate", "status", "dateCreated", "dateLastModified"];

export const SEED_RULES: Record<"students" | "enrollments" | "assignments" | "usage", Rule> = {
  // 003 GET /students/school
  students: {
    required: ["givenName", "familyName"],
    either: ["userMasterIdentifier", "userIds"],
    arrays: { userIds: { required: ["userId", "userIdType"] } },
    objects: { address: { required: ["street", "houseNumber", "zipCode", "city", "country"], integers: ["houseNumber"] } },
    dates: ["dateOfBirth"],
  },
  // 004 GET /enrollments/school
  enrollments: {
    required: ["enrollmentId", "student", "enrollmentType", ...PERIOD_OBJECT],
    objects: {
      student: USER_REF,
      location: { required: ["name"], arrays: { locationIds: { required: ["locationId", "locationIdType"] } } },
    },
    dates: ["beginDate", "endDate"],
    dateTimes: ["dateCreated", "dateLastModified"],
    integers: ["studyYear"],
  },
  // 001 POST /assignments/school/employee
  assignments: {
    required: ["assignmentId", "employee", "assignmentType", ...PERIOD_OBJECT],
    objects: { employee: USER_REF, student: USER_REF },
    dates: ["beginDate", "endDate"],
    dateTimes: ["dateCreated", "dateLastModified"],
  },
  // 000 POST /usage/school/user
  usage: {
    required: ["school", "user", "entitlements"],
    objects: { school: SCHOOL_REF, user: USER_REF },
    // The entitlement item has no fields in the seed (ERRATA 11): any object.
    arrays: { entitlements: {} },
    integers: ["totalEntitled", "totalLicensed", "totalCancelled", "totalBlocked", "totalExpired"],
  },
};

/** Required strings that may be "" and the record still be kept: names (the "emptyRequired" variation). */
export const EMPTY_ALLOWED_REQUIRED = new Set(["givenName", "familyName", "location.name"]);

/** The required field paths of a rule, in the dashboard's notation. */
export function requiredPaths(rule: Rule, prefix = ""): Set<string> {
  const out = new Set<string>();
  const join = (k: string) => (prefix ? `${prefix}.${k}` : k);
  for (const k of rule.required ?? []) out.add(join(k));
  for (const [k, r] of Object.entries(rule.objects ?? {})) for (const p of requiredPaths(r, join(k))) out.add(p);
  for (const [k, r] of Object.entries(rule.arrays ?? {})) for (const p of requiredPaths(r, `${join(k)}[]`)) out.add(p);
  return out;
}

const absent = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function realDate(ymd: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** The seed rules a record breaks, as "path: what"; empty when it keeps them all. */
export function seedViolations(record: unknown, rule: Rule, prefix = ""): string[] {
  const out: string[] = [];
  const join = (k: string) => (prefix ? `${prefix}.${k}` : k);
  if (!isObject(record)) return [`${prefix || "(record)"}: not an object`];
  for (const k of rule.required ?? []) {
    const v = record[k];
    if (v === undefined || v === null) out.push(`${join(k)}: required`);
    else if (v === "" && !EMPTY_ALLOWED_REQUIRED.has(join(k))) out.push(`${join(k)}: required, empty`);
  }
  if (rule.either && rule.either.every((k) => absent(record[k]))) out.push(`${join(rule.either[0])}: neither identifier`);
  for (const [k, r] of Object.entries(rule.objects ?? {})) {
    const v = record[k];
    if (isObject(v)) out.push(...seedViolations(v, r, join(k)));
    else if (v !== undefined && v !== null) out.push(`${join(k)}: not an object`);
  }
  for (const [k, r] of Object.entries(rule.arrays ?? {})) {
    const v = record[k];
    if (Array.isArray(v)) v.forEach((item) => out.push(...seedViolations(item, r, `${join(k)}[]`)));
    else if (v !== undefined && v !== null) out.push(`${join(k)}: not a list`);
  }
  for (const k of rule.dates ?? []) {
    const v = record[k];
    if (!absent(v) && !(typeof v === "string" && realDate(v))) out.push(`${join(k)}: not a date`);
  }
  for (const k of rule.dateTimes ?? []) {
    const m = typeof record[k] === "string" ? DATE_TIME.exec(record[k]) : null;
    if (!m || !realDate(m[1]!) || +m[2]! > 23 || +m[3]! > 59 || +m[4]! > 60) out.push(`${join(k)}: not a date-time`);
  }
  for (const k of rule.integers ?? []) {
    const v = record[k];
    if (v !== undefined && v !== null && !Number.isInteger(v)) out.push(`${join(k)}: not an integer`);
  }
  return out;
}
