import fc from "fast-check";
import { allowedRecord } from "./seed-arbitraries";
import { ENROLLMENT_TABLE, STUDENT_TABLE } from "./seed-tables";
import * as V from "./seed-values";

/**
 * Issue 21, "records that name the same pupil by different identifiers": a student list and an
 * enrollment list whose `student` references name each pupil by a random non-empty subset of its
 * identifiers, in random order, the ECK iD as `userMasterIdentifier` or as a `userIds` entry of type
 * eckId (ERRATA 24); sometimes an identifier two pupils share, sometimes a pupil the list lacks.
 * The rest of each record is an allowed record of its seed table (seed-arbitraries.ts).
 */

/** userIdType as seeds 000, 001 and 004 list it, eckId added back by ERRATA 24 (seed-tables.ts). */
export const SEED_USER_ID_TYPES = ["NEPPI", "BPI", "eduID", "NEPRI", "ASI", "eckId"] as const;
const ECK = "eckId";

/** One identifier: a type and a value; the ECK iD is of type eckId however it travels. */
export type Identifier = { type: string; value: string };
export type UserIdItem = { userId: string; userIdType: string };
/** A UserReference as sent. */
export type SentRef = { userMasterIdentifier?: string; userIds?: UserIdItem[] };

/** A pupil's identifiers as the student list sends them: the ECK iD as master or as an entry, the others as entries. */
type Pupil = { identifiers: Identifier[]; eckAsMaster: boolean };

const identifier: fc.Arbitrary<Identifier> = fc
  .constantFrom(...SEED_USER_ID_TYPES)
  .chain((type) => (type === ECK ? V.eckId : V.textFor("userId")).map((value) => ({ type, value })));

/** A pupil with an ECK iD and/or userIds (at least one identifier). */
const pupil: fc.Arbitrary<Pupil> = fc
  .tuple(fc.option(V.eckId, { nil: undefined, freq: 3 }), fc.array(identifier, { maxLength: 3 }), fc.boolean())
  .filter(([eck, ids]) => eck !== undefined || ids.length > 0)
  .map(([eck, ids, eckAsMaster]) => ({ identifiers: eck === undefined ? ids : [{ type: ECK, value: eck }, ...ids], eckAsMaster }));

/** The identifiers of a pupil, each once. */
export function distinct(ids: readonly Identifier[]): Identifier[] {
  const seen = new Set<string>();
  return ids.filter((i) => {
    const t = `${i.type}\u0000${i.value}`;
    return !seen.has(t) && (seen.add(t), true);
  });
}

/** `ids` as a UserReference, the entries in the order given; the first ECK iD as master when `master`. */
function render(ids: readonly Identifier[], master: boolean): SentRef {
  const first = master ? ids.findIndex((i) => i.type === ECK) : -1;
  const userIds = ids.filter((_, k) => k !== first).map((i) => ({ userId: i.value, userIdType: i.type }));
  return { ...(first >= 0 ? { userMasterIdentifier: ids[first]!.value } : {}), ...(userIds.length ? { userIds } : {}) };
}

/** A student record of `p`: its identifiers in random order. */
function studentOf(p: Pupil): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(allowedRecord(STUDENT_TABLE), fc.shuffledSubarray(p.identifiers, { minLength: p.identifiers.length }))
    .map(([base, ids]) => {
      const rest = { ...base };
      delete rest.userMasterIdentifier;
      delete rest.userIds;
      return { ...rest, ...render(ids, p.eckAsMaster) };
    });
}

/** With some probability, one pupil's identifier given to another as well (the two then share it). */
function withShared(pupils: Pupil[]): fc.Arbitrary<{ pupils: Pupil[]; shared: boolean }> {
  if (pupils.length < 2) return fc.constant({ pupils, shared: false });
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant({ pupils, shared: false }) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.nat(pupils.length - 1), fc.nat(pupils.length - 2), fc.nat(), fc.nat()).map(([a, d, which, at]) => {
        const b = (a + 1 + d) % pupils.length;
        const from = pupils[a]!.identifiers;
        const given = from[which % from.length]!;
        const to = [...pupils[b]!.identifiers];
        to.splice(at % (to.length + 1), 0, given);
        return { pupils: pupils.map((p, i) => (i === b ? { ...p, identifiers: to } : p)), shared: true };
      }),
    },
  );
}

/** A reference to `p`: a random non-empty subset of its identifiers in random order, the ECK iD as master or as an entry. */
function referenceTo(ids: readonly Identifier[]): fc.Arbitrary<SentRef> {
  return fc.tuple(fc.shuffledSubarray(distinct(ids), { minLength: 1 }), fc.boolean()).map(([subset, master]) => render(subset, master));
}

export type IdentityCase = {
  /** Student records as sent (allowed by seed 003), pupil i's at index i. */
  students: Record<string, unknown>[];
  /** Enrollment records as sent (allowed by seed 004), `student` replaced by the reference. */
  enrollments: Record<string, unknown>[];
  /** Whether an identifier was given to two pupils on purpose (others may share one by chance). */
  shared: boolean;
};

/** A student list of 1-`maxPupils` pupils and 0-`maxEnrollments` enrollments naming them (sometimes a pupil the list lacks), sometimes grouped by pupil. */
export function identityCase(maxPupils = 10, maxEnrollments = 20): fc.Arbitrary<IdentityCase> {
  return fc
    .array(pupil, { minLength: 1, maxLength: maxPupils, size: "max" })
    .chain(withShared)
    .chain(({ pupils, shared }) => {
      const target = fc.oneof(
        { weight: 8, arbitrary: fc.nat(pupils.length - 1).map((i) => pupils[i]!.identifiers) },
        { weight: 1, arbitrary: pupil.map((p) => p.identifiers) },
      );
      const enrollment = fc
        .tuple(allowedRecord(ENROLLMENT_TABLE), target.chain(referenceTo))
        .map(([base, student]) => ({ ...base, student }));
      return fc.record({
        students: fc.tuple(...pupils.map(studentOf)),
        enrollments: fc.array(enrollment, { maxLength: maxEnrollments, size: "max" }),
        // A Source lists a pupil's enrollments together: the matcher's shortcut for a repeated lone ECK iD.
        grouped: fc.boolean(),
        shared: fc.constant(shared),
      });
    })
    .map(({ students, enrollments, grouped, shared }) => {
      const ordered = grouped
        ? enrollments.toSorted((x, y) => String(JSON.stringify(x.student)).localeCompare(JSON.stringify(y.student)))
        : enrollments;
      return { students, enrollments: ordered, shared };
    });
}

// ---- enrollment statuses -------------------------------------------------------------------------

/** What an enrollment's `status` is made: absent (the key left out), one of the ObjectStatus values, or another string. */
export type StatusDraw = { kind: "missing" } | { kind: "known" | "other"; value: string };

const OBJECT_STATUSES = ["active", "tobedeleted"] as const;
/** Near misses of the ObjectStatus values and other words a LAS might send. */
const NEAR = [
  "Active",
  "ACTIVE",
  " active",
  "active ",
  "tobeDeleted",
  "to be deleted",
  "toBeDeleted",
  "deleted",
  "inactive",
  "ended",
  "pending",
  "actief",
  "verwijderd",
  "null",
  "undefined",
  "0",
  "true",
];

const status: fc.Arbitrary<StatusDraw> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...OBJECT_STATUSES).map((value): StatusDraw => ({ kind: "known", value })) },
  { weight: 2, arbitrary: fc.constantFrom(...NEAR).map((value): StatusDraw => ({ kind: "other", value })) },
  {
    weight: 2,
    arbitrary: fc
      .oneof(V.unknownEnum(OBJECT_STATUSES), V.anyText)
      .filter((v) => !(OBJECT_STATUSES as readonly string[]).includes(v))
      .map((value): StatusDraw => ({ kind: "other", value })),
  },
  { weight: 1, arbitrary: fc.constant<StatusDraw>({ kind: "missing" }) },
);

export type StatusCase = { today: string; records: Record<string, unknown>[]; statuses: StatusDraw[] };

/**
 * A reference date and a list of allowed enrollments (seed 004) whose `status` is drawn from the
 * ObjectStatus values, other strings, and none; their dates the record's own, or made to hold on
 * the reference date (begun on it, or long before and ending long after), so that a status read as
 * `active` would make them current.
 */
export function statusCase(maxRecords = 40): fc.Arbitrary<StatusCase> {
  return V.fullDate.chain((today) => {
    const dates = fc.oneof(
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constant({ beginDate: today, endDate: undefined }) },
      { weight: 1, arbitrary: fc.constant({ beginDate: "1900-01-01", endDate: "9999-12-31" }) },
    );
    const entry = fc.tuple(allowedRecord(ENROLLMENT_TABLE), status, dates).map(([base, s, d]) => {
      const record: Record<string, unknown> = { ...base };
      if (s.kind === "missing") delete record.status;
      else record.status = s.value;
      if (d) {
        record.beginDate = d.beginDate;
        if (d.endDate === undefined) delete record.endDate;
        else record.endDate = d.endDate;
      }
      return { record, status: s };
    });
    return fc
      .array(entry, { minLength: 1, maxLength: maxRecords, size: "max" })
      .map((list) => ({ today, records: list.map((e) => e.record), statuses: list.map((e) => e.status) }));
  });
}
