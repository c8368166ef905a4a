import "server-only";
import { personHash } from "@/lib/privacy/person-hash";

/**
 * How one pupil is named across endpoints (students, enrollments, assignments, usage): a
 * UserReference, by the ECK iD (`userMasterIdentifier`), by `userIds`, or both (seed 004:52-56,
 * "either userMasterIdentifier or userIds is required"), the entries in any order.
 */
export type PersonRef = { userMasterIdentifier?: string; userIds?: ReadonlyArray<{ userId: string; userIdType: string }> };

/** The result of matching a reference to the school's students; `key` is the opaque student key to show it under. */
export type Match = { kind: "matched" | "unmatched" | "ambiguous"; key: string };

/** The opaque key of a student: a keyed hash of the identifier `keyIdentifier` picks. */
export function studentKey(identifier: string): string {
  return personHash(identifier).slice(0, 32);
}

// An ECK iD is one identifier whether it travels as userMasterIdentifier or as a userIds entry of type eckId (ERRATA 24).
const ECK = "eckId";
const SEP = "\u0000";

/** Each identifier of a reference as type + value; the master identifier counts as type eckId. */
export function identifierTokens(ref: PersonRef): string[] {
  const out: string[] = [];
  if (ref.userMasterIdentifier) out.push(ECK + SEP + ref.userMasterIdentifier);
  for (const u of ref.userIds ?? []) if (u.userId) out.push(u.userIdType + SEP + u.userId);
  return out;
}

/**
 * The identifier a person's key is made from, the same whatever order the `userIds` come in: the ECK
 * iD (master, else an eckId entry, the smallest when several), else the smallest "TYPE:value" of the
 * entries. For a pupil named by the ECK iD this is the ECK iD itself, as it always was.
 */
export function keyIdentifier(ref: PersonRef): string | undefined {
  if (ref.userMasterIdentifier) return ref.userMasterIdentifier;
  let eck: string | undefined;
  let other: string | undefined;
  for (const u of ref.userIds ?? []) {
    if (!u.userId) continue;
    if (u.userIdType === ECK) {
      if (eck === undefined || u.userId < eck) eck = u.userId;
    } else {
      const s = `${u.userIdType}:${u.userId}`;
      if (other === undefined || s < other) other = s;
    }
  }
  return eck ?? other;
}

/** The identifiers of a raw record that could not be validated, as far as they can still be read. */
export function refOfRaw(item: unknown): PersonRef | undefined {
  if (!item || typeof item !== "object") return undefined;
  const r = item as { userMasterIdentifier?: unknown; userIds?: unknown };
  const ref: { userMasterIdentifier?: string; userIds?: Array<{ userId: string; userIdType: string }> } = {};
  if (typeof r.userMasterIdentifier === "string" && r.userMasterIdentifier) ref.userMasterIdentifier = r.userMasterIdentifier;
  if (Array.isArray(r.userIds)) {
    const ids = (r.userIds as unknown[]).flatMap((u) => {
      const v = u as { userId?: unknown; userIdType?: unknown } | null;
      return v && typeof v === "object" && typeof v.userId === "string" && v.userId && typeof v.userIdType === "string"
        ? [{ userId: v.userId, userIdType: v.userIdType }]
        : [];
    });
    if (ids.length) ref.userIds = ids;
  }
  return ref.userMasterIdentifier || ref.userIds ? ref : undefined;
}

const AMBIGUOUS = -1;

/**
 * Matches references from any endpoint to the school's student records (and the records the LAS sent
 * that could not be read): a reference is a record's when they share an identifier (same type and
 * same value; the master identifier is type eckId). No match is made, and the reference is
 * `ambiguous`, when one of its identifiers is shared by two records or its identifiers point at two
 * different records. A matched reference gets the record's key, so a pupil has one key whichever of
 * their identifiers an endpoint used; an unmatched one the key of its own `keyIdentifier`; an
 * ambiguous one a key no record has (its references still group together). Indexed on first use.
 */
export class PersonMatcher {
  private index: Map<string, number> | undefined;
  private shared = 0;
  /**
   * `refs` from index `primary` on are fall-backs (records the LAS sent that could not be read): they
   * take only identifiers no record before them has, so a readable record is never made ambiguous by a broken copy.
   */
  constructor(
    private readonly refs: readonly PersonRef[],
    private readonly keyAt: (i: number) => string,
    private readonly primary: number = refs.length,
  ) {}

  private build(): Map<string, number> {
    if (this.index) return this.index;
    const index = new Map<string, number>();
    this.refs.forEach((ref, i) => {
      for (const t of identifierTokens(ref)) {
        const prev = index.get(t);
        if (prev === undefined) index.set(t, i);
        else if (prev !== i && prev !== AMBIGUOUS && !(i >= this.primary && prev < this.primary)) {
          index.set(t, AMBIGUOUS);
          this.shared++;
        }
      }
    });
    return (this.index = index);
  }

  /** How many identifiers two or more of the records share (each matches nobody). */
  get ambiguousIdentifiers(): number {
    this.build();
    return this.shared;
  }

  match(ref: PersonRef, own?: Map<string, string>): Match {
    const index = this.build();
    let found: number | undefined;
    let ambiguous = false;
    for (const t of identifierTokens(ref)) {
      const i = index.get(t);
      if (i === undefined) continue;
      if (i === AMBIGUOUS || (found !== undefined && found !== i)) {
        ambiguous = true;
        break;
      }
      found = i;
    }
    if (found !== undefined && !ambiguous) return { kind: "matched", key: this.keyAt(found) };
    const id = ambiguous ? `ambiguous${SEP}${keyIdentifier(ref) ?? ""}` : (keyIdentifier(ref) ?? "");
    // A keyed hash costs a few µs: one answer names the same pupil many times.
    let key = own?.get(id);
    if (key === undefined) {
      key = studentKey(id);
      own?.set(id, key);
    }
    return { kind: ambiguous ? "ambiguous" : "unmatched", key };
  }

  /**
   * `match` for the many references of one answer: a Source lists a pupil's enrollments together, so
   * a reference by the same lone ECK iD as the previous one is answered without a lookup.
   */
  matcher(): (ref: PersonRef) => Match {
    const own = new Map<string, string>();
    let lastMaster: string | undefined;
    let last: Match | undefined;
    return (ref) => {
      if (ref.userMasterIdentifier !== undefined && !ref.userIds && ref.userMasterIdentifier === lastMaster) return last!;
      const m = this.match(ref, own);
      if (ref.userMasterIdentifier !== undefined && !ref.userIds) {
        lastMaster = ref.userMasterIdentifier;
        last = m;
      } else lastMaster = undefined;
      return m;
    };
  }
}

/** No student list (the LAS did not give it): every reference keeps the key of its own identifier. */
export const NO_STUDENTS = new PersonMatcher([], () => "");
