import { eckId, prng } from "../prng";
import { subjectOfferingId } from "./generate";
import { FAMILY_NAMES, GIVEN_NAMES_BOYS, GIVEN_NAMES_GIRLS } from "./names";
import { className, type Track } from "./people";
import { SCHOOL_PERIODS, SCHOOLS, vestigingOf, type SandboxSchool } from "./schools";

/**
 * The `seedAnomalies` knob (knobs.ts): records a LAS adds to a school's students and enrollments
 * answers, each tripping exactly one of the data-quality checks (the dashboard's issue 25) and no
 * other. The generated records stay as they are; these come after them. Every added record is valid
 * (spec/openapi.yaml, the seed rules) and marked: its `enrollmentId` and `userIds` start with
 * "anomaly-". Deterministic per school, the same whatever the sandbox's seed or scale. A pupil's
 * date of birth falls on the 30th, a day the generator never draws (people.ts: 1–28), so no added
 * pupil shares name and birth date with a generated one; the ECK iDs hash "anomaly/…". The other
 * knobs treat them as any record (the invalid, variance and unknownEnrollmentStatus knobs), except
 * enrollmentStudentByUserIds, which knows the generated pupils only and leaves these as they are.
 */

type Json = Record<string, unknown>;

export type AnomalyCheck =
  | "no_eck"
  | "duplicate_eck"
  | "duplicate_pupil"
  | "ends_before_start"
  | "study_year_out_of_range"
  | "date_far_off"
  | "subject_without_study";

/**
 * Per check, how many items the dashboard should find per school when only the added records trip
 * it: pupil records for the first three, enrollments for the others (lib/contracts/data-quality.ts).
 */
export const ANOMALY_COUNTS = {
  no_eck: 2,
  duplicate_eck: 2,
  duplicate_pupil: 2,
  ends_before_start: 1,
  study_year_out_of_range: 1,
  date_far_off: 2,
  subject_without_study: 1,
} as const satisfies Record<AnomalyCheck, number>;

/** How many student records and enrollments the knob adds to each school's answers. */
export const ADDED_PER_SCHOOL = { pupils: 11, enrollments: 12 } as const;

/**
 * How an added pupil is known: "neppi"/"bpi" only by `userIds` (no ECK iD); "shared" by the ECK iD
 * the school's two "shared" pupils carry; "eck" by an ECK iD of its own. A pupil with `userIds` only
 * or a shared ECK iD is named in its enrollments by its first `userIds` entry, so each record is
 * enrolled unambiguously; the others by the ECK iD, as the generated enrollments are.
 */
type Identity = "neppi" | "bpi" | "shared" | "eck";
type Variant = "normal" | "endsBeforeStart" | "yearOutOfRange" | "beginFarBack" | "endFarAhead" | "subjectOnly";
type Plan = { key: string; check: AnomalyCheck; identity: Identity; variant: Variant; twinOf?: string };

const PLAN: readonly Plan[] = [
  { key: "p01", check: "no_eck", identity: "neppi", variant: "normal" },
  { key: "p02", check: "no_eck", identity: "bpi", variant: "normal" },
  { key: "p03", check: "duplicate_eck", identity: "shared", variant: "normal" },
  { key: "p04", check: "duplicate_eck", identity: "shared", variant: "normal" },
  { key: "p05", check: "duplicate_pupil", identity: "eck", variant: "normal" },
  { key: "p06", check: "duplicate_pupil", identity: "eck", variant: "normal", twinOf: "p05" },
  { key: "p07", check: "ends_before_start", identity: "eck", variant: "endsBeforeStart" },
  { key: "p08", check: "study_year_out_of_range", identity: "eck", variant: "yearOutOfRange" },
  { key: "p09", check: "date_far_off", identity: "eck", variant: "beginFarBack" },
  { key: "p10", check: "date_far_off", identity: "eck", variant: "endFarAhead" },
  { key: "p11", check: "subject_without_study", identity: "eck", variant: "subjectOnly" },
];

/** One added pupil: the check it exists for, the vestiging it is registered at, its record and enrollments. */
export type AddedPupil = { key: string; check: AnomalyCheck; vestiging: string; student: Json; enrollments: Json[] };
export type SchoolAnomalies = { pupils: AddedPupil[]; students: Json[]; enrollments: Json[] };

const CREATED = "2025-06-15T08:00:00Z";
const MODIFIED = "2025-08-20T06:30:00Z";
/** The months of the birth dates, one per pupil (no February: the 30th must exist). */
const MONTHS = [1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const CURRENT = { beginDate: "2025-08-01", endDate: "2026-08-01" };

/** The pupil's track and study year: PO group 5 (7 for the subject), VO havo 3; out of range PO 9, VO vwo 7. */
function placement(school: SandboxSchool, variant: Variant): { track: Track; studyYear: number } {
  if (school.sector === "PO") return { track: "po", studyYear: variant === "yearOutOfRange" ? 9 : variant === "subjectOnly" ? 7 : 5 };
  return variant === "yearOutOfRange" ? { track: "vwo", studyYear: 7 } : { track: "havo", studyYear: 3 };
}

function identifiers(school: SandboxSchool, plan: Plan): { master?: string; userIds: Json[] } {
  const first =
    plan.identity === "bpi"
      ? { userId: `anomaly-bpi-${school.orgMasterId}-${plan.key}`, userIdType: "BPI" }
      : { userId: `anomaly-${plan.key}@1.${school.domain}.nl`, userIdType: "NEPPI" };
  const userIds = [first, { userId: `anomaly-${school.asId}-${plan.key}`, userIdType: "ASI" }];
  if (plan.identity === "neppi" || plan.identity === "bpi") return { userIds };
  const master = eckId(`anomaly/${school.orgMasterId}/${plan.identity === "shared" ? "shared" : plan.key}`);
  return { master, userIds };
}

/** A name from the generator's lists, drawn per school and pupil. */
function name(school: SandboxSchool, key: string) {
  const r = prng(`anomaly/${school.orgMasterId}/${key}`);
  const gender = r.chance(0.5) ? "female" : "male";
  const givenName = r.pick(gender === "female" ? GIVEN_NAMES_GIRLS : GIVEN_NAMES_BOYS);
  const [familyNamePrefix, familyName] = r.pick(FAMILY_NAMES);
  return { gender, givenName, familyNamePrefix, familyName };
}

function birthDate(school: SandboxSchool, index: number, studyYear: number): string {
  const age = school.sector === "PO" ? studyYear + 3 : studyYear + 11;
  return `${2025 - age}-${String(MONTHS[index]).padStart(2, "0")}-30`;
}

function student(school: SandboxSchool, plan: Plan, index: number, person: ReturnType<typeof name>, dateOfBirth: string): Json {
  const ids = identifiers(school, plan);
  return {
    ...(ids.master ? { userMasterIdentifier: ids.master } : {}),
    userIds: ids.userIds,
    givenName: person.givenName,
    familyName: person.familyName,
    ...(person.familyNamePrefix ? { familyNamePrefix: person.familyNamePrefix } : {}),
    dateOfBirth,
    gender: person.gender,
    email: `anomaly-${plan.key}@${school.domain}.nl`,
    language: "nld",
    accessibility: [],
    address: {
      street: "Schoolstraat",
      houseNumber: 200 + index,
      zipCode: "9999 ZZ",
      city: "Demodorp",
      countryCode: "NL",
      country: "Nederland",
    },
  };
}

/** The enrollment's reference to its pupil: the ECK iD when it is the pupil's alone, else the first `userIds` entry. */
function reference(record: Json, plan: Plan): Json {
  if (plan.identity === "eck") return { userMasterIdentifier: record.userMasterIdentifier };
  return { userIds: [{ ...(record.userIds as Json[])[0] }] };
}

function enrollment(school: SandboxSchool, plan: Plan, suffix: string, ref: Json, fields: Json): Json {
  return {
    enrollmentId: `anomaly-${school.orgMasterId}-${plan.key}-${suffix}`,
    student: ref,
    ...fields,
    location: { locationIds: [{ locationId: school.vId, locationIdType: "VE_CODE" }], name: school.name },
    dateCreated: CREATED,
    dateLastModified: MODIFIED,
  };
}

function study(
  school: SandboxSchool,
  track: Track,
  studyYear: number,
  period: string,
  dates: { beginDate: string; endDate: string },
): Json {
  return {
    enrollmentType: "study",
    study: `so-${school.orgMasterId}-${track}-${studyYear}`,
    studyPublicId: `RIO-${track.toUpperCase()}-${studyYear}`,
    studyYear,
    schoolPeriod: period,
    ...dates,
    status: "active",
  };
}

const DATES: Partial<Record<Variant, { beginDate: string; endDate: string }>> = {
  endsBeforeStart: { beginDate: "2025-08-01", endDate: "2025-07-01" },
  beginFarBack: { beginDate: "1990-08-01", endDate: "2026-08-01" },
  endFarAhead: { beginDate: "2025-08-01", endDate: "2035-07-31" },
};

/**
 * One study enrollment this school year; "subjectOnly": last year's study enrollment and a subject
 * enrollment this year (Engels in PO group 7, Nederlands in VO), with no study enrollment this year.
 */
function enrollmentsOf(school: SandboxSchool, plan: Plan, ref: Json, track: Track, studyYear: number): Json[] {
  if (plan.variant !== "subjectOnly") {
    return [
      enrollment(school, plan, "study", ref, study(school, track, studyYear, SCHOOL_PERIODS.current, DATES[plan.variant] ?? CURRENT)),
    ];
  }
  const previous = { beginDate: "2024-08-01", endDate: "2025-08-01" };
  const code = school.sector === "PO" ? "en" : "ne";
  const subject = subjectOfferingId(school, code, className(school, track, studyYear, 0));
  return [
    enrollment(school, plan, "study-previous", ref, study(school, track, studyYear - 1, SCHOOL_PERIODS.previous, previous)),
    enrollment(school, plan, `subject-${code}`, ref, {
      enrollmentType: "subject",
      subject,
      schoolPeriod: SCHOOL_PERIODS.current,
      ...CURRENT,
      status: "active",
    }),
  ];
}

function schoolAnomalies(school: SandboxSchool): SchoolAnomalies {
  const pupils: AddedPupil[] = [];
  const people = new Map<string, { person: ReturnType<typeof name>; dateOfBirth: string }>();
  PLAN.forEach((plan, index) => {
    const { track, studyYear } = placement(school, plan.variant);
    const own = { person: name(school, plan.key), dateOfBirth: birthDate(school, index, studyYear) };
    const { person, dateOfBirth } = (plan.twinOf && people.get(plan.twinOf)) || own;
    people.set(plan.key, { person, dateOfBirth });
    const record = student(school, plan, index, person, dateOfBirth);
    const enrollments = enrollmentsOf(school, plan, reference(record, plan), track, studyYear);
    pupils.push({ key: plan.key, check: plan.check, vestiging: vestigingOf(school, { track }), student: record, enrollments });
  });
  return { pupils, students: pupils.map((p) => p.student), enrollments: pupils.flatMap((p) => p.enrollments) };
}

/** The added records per school (orgMasterId). Shared: a route copies a record before changing it. */
export const ANOMALIES: Readonly<Record<string, SchoolAnomalies>> = Object.fromEntries(
  SCHOOLS.map((s) => [s.orgMasterId, schoolAnomalies(s)]),
);

type Match = (enrollment: Json) => boolean;

/** The added student records an answer holds: at `vestiging` if narrowed, and with an enrollment `match` keeps if given. */
export function addedStudents(orgMasterId: string, vestiging?: string, match?: Match): Json[] {
  return (ANOMALIES[orgMasterId]?.pupils ?? [])
    .filter((p) => (!vestiging || p.vestiging === vestiging) && (!match || p.enrollments.some(match)))
    .map((p) => p.student);
}

/** The added enrollments an answer holds: of the pupils at `vestiging` if narrowed, those `match` keeps. */
export function addedEnrollments(orgMasterId: string, vestiging: string | undefined, match: Match): Json[] {
  return (ANOMALIES[orgMasterId]?.pupils ?? [])
    .filter((p) => !vestiging || p.vestiging === vestiging)
    .flatMap((p) => p.enrollments.filter(match));
}
