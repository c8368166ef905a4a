import "server-only";
import { AnswerCache } from "@/lib/sources/answer-cache";
import { EduvClient, type CallResult } from "@/lib/sources/transport/client";
import { SourceError } from "@/lib/sources/errors";
import { keyIdentifier, NO_STUDENTS, PersonMatcher, refOfRaw, studentKey, type PersonRef } from "@/lib/sources/reading/identity";
import type { ListReport } from "@/lib/sources/reading/parse-list";
import { listStudents } from "@/lib/sources/operations";
import { schoolQueryFor } from "@/lib/sources/transport/request-params";
import type { Student } from "@/lib/sources/reading/schemas/student";
import type { SchoolConfig } from "@/lib/sources/config";
import type { StudentRow } from "@/lib/contracts/students";
import { filteredFlags, flagsOf, guardWholeList, wholeSchool, type MassChangeFlags } from "../mass-change/guard";

/** What the browser may see of a student: names, and identifiers only masked (the contract, lib/contracts/students.ts). */
export type { StudentRow } from "@/lib/contracts/students";

/** A student's identifiers as the Source sent them: kept on the server, shown only on a logged reveal. */
export type StudentIdentifiers = Pick<Student, "userMasterIdentifier" | "userIds">;

/**
 * Students whose record the Source sent but that could not be read, by the key the record would have
 * had (when its identifier could still be read), with the failing field paths: such a pupil is
 * "unreadable", never "not found".
 */
export type UnreadableStudents = ReadonlyMap<string, readonly string[]>;

/**
 * `identity` matches a reference from any endpoint (an enrollment's or assignment's student, a typed
 * identifier) to these students, on any shared identifier: see `PersonMatcher`. `held`/`suspect`:
 * the list stands under the mass-change guard (lib/features/mass-change/guard.ts).
 */
export type StudentList = {
  rows: StudentRow[];
  report: ListReport;
  ageMs: number;
  sourceId: string;
  identifiers: IdentifierIndex;
  unreadable: UnreadableStudents;
  identity: PersonMatcher;
} & MassChangeFlags;

/** The answer as cached, with its size as the Source sent it (the mass-change guard keeps the last good one within a byte budget). */
type Cached = Omit<StudentList, "ageMs" | keyof MassChangeFlags> & { bytes: number };

export { studentKey } from "@/lib/sources/reading/identity";

/** Filters the Source applies itself (query options of GET /students/school): never repeated here. */
export type StudentSourceFilter = { schoolPeriodId?: string; studyOfferingId?: string; subjectOfferingId?: string };

/**
 * The identifier the opaque key and the access log's person hash are made from: the ECK iD, else the
 * smallest "TYPE:value" of the userIds, so the order the LAS lists them in does not change the key.
 */
export function primaryIdentifier(s: StudentIdentifiers): string {
  return keyIdentifier(s) ?? "";
}

/** "Bram de Vries": the roepnaam when known, the tussenvoegsel in lower case before the family name. */
export function displayName(s: Pick<Student, "givenName" | "preferredFirstName" | "familyNamePrefix" | "familyName">): string {
  // Joined by hand, not with an array's filter and join: this runs for every pupil of a cold list.
  let out = s.preferredFirstName || s.givenName || "";
  if (s.familyNamePrefix) out = out ? `${out} ${s.familyNamePrefix}` : s.familyNamePrefix;
  if (s.familyName) out = out ? `${out} ${s.familyName}` : s.familyName;
  return out;
}

/** Shows the kind of identifier and its last four characters, never more (of a record, or of a reference naming a pupil). */
export function maskIdentifier(s: PersonRef): string {
  const id = s.userMasterIdentifier ?? s.userIds?.[0]?.userId ?? "";
  const kind = s.userMasterIdentifier ? "ECK iD" : (s.userIds?.[0]?.userIdType ?? "id");
  return `${kind} ••••${id.slice(-4)}`;
}

/** The key a left-out student record would have had, when its identifier can still be read (as primaryIdentifier reads it). */
export function keyOfUnreadable(item: unknown): string | undefined {
  const ref = refOfRaw(item);
  return ref ? studentKey(keyIdentifier(ref)!) : undefined;
}

/**
 * The browser's row. Its `key` is computed on first read (a keyed hash costs about 2 µs, and a
 * first page of 50 needs 50 of them, not 3,000); the getter is an own enumerable property, so
 * JSON and spreads carry it like any field.
 */
export function toRow(s: Student): StudentRow {
  const identifier = primaryIdentifier(s);
  let key: string | undefined;
  return {
    get key() {
      return (key ??= studentKey(identifier));
    },
    name: displayName(s),
    givenName: s.givenName,
    preferredFirstName: s.preferredFirstName,
    familyNamePrefix: s.familyNamePrefix,
    familyName: s.familyName,
    dateOfBirth: s.dateOfBirth,
    email: s.email,
    maskedId: maskIdentifier(s),
  };
}

/** A school's identifiers by student key, indexed on the first lookup (a detail page or a reveal), not on every list. */
export class IdentifierIndex {
  private index: Map<string, StudentIdentifiers> | undefined;
  constructor(
    private readonly rows: readonly StudentRow[],
    private readonly identifiers: readonly StudentIdentifiers[],
  ) {}
  get(key: string): StudentIdentifiers | undefined {
    this.index ??= new Map(this.rows.map((r, i) => [r.key, this.identifiers[i]!]));
    return this.index.get(key);
  }
  /** The identifiers of the i-th row: records that share an ECK iD share a key, so only the position tells them apart (data quality). */
  at(i: number): StudentIdentifiers | undefined {
    return this.identifiers[i];
  }
}

/**
 * A school's student records as the list keeps them: the browser's rows, their identifiers by key,
 * the records the LAS sent that could not be read (by the key they would have had), and the matcher
 * over both, so an enrollment naming such a pupil by any identifier finds "unreadable", not "not in the LAS".
 */
export function indexStudents(
  records: readonly Student[],
  leftOut: ReadonlyArray<{ item: unknown; paths: readonly string[] }> = [],
): Pick<StudentList, "rows" | "identifiers" | "unreadable" | "identity"> {
  const rows = records.map(toRow);
  const refs = records.map((r) => ({ userMasterIdentifier: r.userMasterIdentifier, userIds: r.userIds }));
  const unreadable = new Map<string, readonly string[]>();
  const unreadableRefs: PersonRef[] = [];
  const unreadableKeys: string[] = [];
  for (const { item, paths } of leftOut) {
    const ref = refOfRaw(item);
    if (!ref) continue;
    const key = studentKey(keyIdentifier(ref)!);
    unreadable.set(key, paths);
    unreadableRefs.push(ref);
    unreadableKeys.push(key);
  }
  const identity = new PersonMatcher(
    [...refs, ...unreadableRefs],
    (i) => (i < rows.length ? rows[i]!.key : unreadableKeys[i - rows.length]!),
    rows.length,
  );
  return { rows, identifiers: new IdentifierIndex(rows, refs), unreadable, identity };
}

const cache = AnswerCache.shared<Cached>("students");

/**
 * All students of a school from the LAS that serves it (filtered by the Source): fetched once,
 * validated, cached briefly. The whole school's list passes the mass-change guard: an answer that lost
 * too many pupils is not served while the last good one is held (see `StudentList` for the flags).
 */
export async function listSchoolStudents(
  client: EduvClient,
  school: SchoolConfig,
  filter: StudentSourceFilter = {},
  opts: { refresh?: boolean } = {},
): Promise<StudentList> {
  const source = client.config.sources.find((s) => s.apis.includes("students") && s.schools.includes(school.id));
  if (!source) throw new SourceError("not_configured", "(none)", { detail: "no Source serves students for this school" });
  const query = { ...schoolQueryFor(school), ...filter };
  const key = AnswerCache.key({
    sourceId: source.id,
    schoolId: school.id,
    operationId: listStudents.operationId,
    query,
    scopes: EduvClient.scopesFor(listStudents, source),
  });
  const { value, ageMs } = await cache.get(
    key,
    async () => {
      const leftOut: Array<{ item: unknown; paths: readonly string[] }> = [];
      const result: CallResult<Student> = await client.call(listStudents, source.id, {
        query,
        onInvalid: (item, paths) => leftOut.push({ item, paths }),
      });
      return {
        value: { ...indexStudents(result.records, leftOut), report: result.report!, sourceId: source.id, bytes: result.meta.bytes },
        bytes: result.meta.bytes,
      };
    },
    opts,
  );
  const at = Date.now() - ageMs;
  // Pupils the LAS sent, those it sent unreadable included: a record that could not be read is no pupil lost.
  const served = wholeSchool(filter)
    ? await guardWholeList(school.id, "students", { value, count: value.report.received, at, bytes: value.bytes, sourceId: source.id })
    : { value, at, ...(await filteredFlags(school.id, "students")) };
  const { rows, report, sourceId, identifiers, unreadable, identity } = served.value;
  return { rows, report, sourceId, identifiers, unreadable, identity, ageMs: Date.now() - served.at, ...flagsOf(served) };
}

/**
 * The matcher over the whole school's students (unfiltered, the cached list), for an endpoint that
 * names pupils; when the LAS cannot give the list, a matcher without students (every reference keeps
 * the key of its own identifier), so the other answer still stands.
 */
export async function studentIdentity(client: EduvClient, school: SchoolConfig, opts: { refresh?: boolean } = {}): Promise<PersonMatcher> {
  try {
    return (await listSchoolStudents(client, school, {}, opts)).identity;
  } catch (err) {
    if (err instanceof SourceError) return NO_STUDENTS;
    throw err;
  }
}

const namesOf = new WeakMap<readonly StudentRow[], ReadonlyMap<string, string>>();

/**
 * Student names by opaque key, for lists that name pupils (enrollments, assignments): built once
 * per cached answer, and empty when the LAS cannot give the list (the names are left out, not the answer).
 */
export async function studentNames(client: EduvClient, school: SchoolConfig): Promise<ReadonlyMap<string, string>> {
  const rows = await listSchoolStudents(client, school).then(
    (l) => l.rows,
    () => undefined,
  );
  if (!rows) return new Map();
  let names = namesOf.get(rows);
  if (!names) namesOf.set(rows, (names = new Map(rows.map((r) => [r.key, r.name]))));
  return names;
}

export type StudentQuery = { q?: string; sort: "name" | "familyName" | "dateOfBirth"; dir: "asc" | "desc"; page: number; pageSize: number };

const collator = new Intl.Collator("nl", { sensitivity: "base" });
/** Lower case without accents, when that leaves plain ASCII (where code-point order is the collator's base order); otherwise undefined. */
function fold(v: string): string | undefined {
  // Most names are plain ASCII already, which NFD leaves as it is: skip the decomposition for them.
  if (ASCII.test(v)) return v.toLowerCase();
  const k = v
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  return ASCII.test(k) ? k : undefined;
}
const ASCII = /^[ -~]*$/;
// Sorted orders per cached list, so a warm request only filters and slices.
const sortedCache = new WeakMap<readonly StudentRow[], Map<string, StudentRow[]>>();

function sorted(rows: readonly StudentRow[], sort: StudentQuery["sort"], dir: StudentQuery["dir"]): StudentRow[] {
  let byKey = sortedCache.get(rows);
  if (!byKey) sortedCache.set(rows, (byKey = new Map()));
  const key = `${sort}:${dir}`;
  let out = byKey.get(key);
  if (!out) {
    const value = (r: StudentRow) =>
      sort === "dateOfBirth" ? (r.dateOfBirth ?? "") : sort === "familyName" ? `${r.familyName} ${r.givenName}` : r.name;
    // Compared by folded keys where both have one (lower case, accents off: what base strength ignores), by the collator otherwise and on ties.
    const keyed = rows.map((r) => {
      const v = value(r);
      return { r, v, k: fold(v) };
    });
    const sign = dir === "desc" ? -1 : 1;
    keyed.sort(
      (a, b) => sign * (a.k !== undefined && b.k !== undefined && a.k !== b.k ? (a.k < b.k ? -1 : 1) : collator.compare(a.v, b.v)),
    );
    out = keyed.map((k) => k.r);
    byKey.set(key, out);
  }
  return out;
}

/** Search, sort and one page, on the server: the browser never receives the whole school. */
export function pageStudents(rows: readonly StudentRow[], query: StudentQuery) {
  const needle = query.q?.trim().toLowerCase();
  const ordered = sorted(rows, query.sort, query.dir);
  const matched = needle ? ordered.filter((r) => `${r.name} ${r.givenName} ${r.familyName}`.toLowerCase().includes(needle)) : ordered;
  const start = (query.page - 1) * query.pageSize;
  return { total: matched.length, rows: matched.slice(start, start + query.pageSize) };
}
