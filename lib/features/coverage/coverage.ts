import "server-only";
import { forEachAtMost } from "@/lib/sources/capacity/concurrency";
import type { EduvClient } from "@/lib/sources/transport/client";
import { combinedState, enrollmentState, type EnrollmentState } from "@/lib/sources/reading/enrollment-status";
import { listSchoolEnrollments, type EnrollmentRow } from "../enrollments/enrollments";
import type { SchoolConfig } from "@/lib/sources/config";
import { listSchoolStudents, type StudentList } from "../students/students";
import { conclusionsOf, registryShares } from "./coverage-scope";
import {
  SCHOOL_WIDE,
  answered,
  lookupUsage,
  refusesSchool,
  meaningOf,
  usageSources,
  type EntitlementMeaning,
  type EntitlementRow,
  type RegistryOutcome,
  type UsageAnswer,
  type UserRef,
} from "../usage/usage";
import { sendableUser } from "@/lib/sources/reading/schemas/common";
import type {
  CoverageResult,
  LeftOut,
  LicenceCandidate as Candidate,
  ProductCoverage,
  SchoolRefusal,
  WithoutLicenceReason,
} from "@/lib/contracts/coverage";

export type { CoverageConclusions, RegistryShare } from "./coverage-scope";

/**
 * A pupil of the class or offering: enrolled now (`current`) or only before. `statusUnknown` when
 * none of their enrollments in the group holds now and one has a status nobody knows (then `current`
 * is false, but they are no former pupil either: nothing is concluded about them, and they are not
 * asked about). `user` is missing when the LAS list does not have them; `unreadable` holds the field
 * paths when the LAS sent their record but it could not be read; `ambiguous` when their enrollments
 * name them by an identifier that matches two pupils of the list (then no match is made).
 */
export type CoveragePupil = {
  key: string;
  name?: string;
  current: boolean;
  statusUnknown?: true;
  user?: UserRef;
  unreadable?: readonly string[];
  ambiguous?: true;
};
export type PupilUsage = {
  key: string;
  name?: string;
  current: boolean;
  statusUnknown?: true;
  answer?: UsageAnswer;
  missing?: "not_in_las" | "unreadable_in_las" | "ambiguous_in_las";
  unreadable?: readonly string[];
};

/** Why a pupil does or does not hold a working licence for a product: "licensed", or a reason of the contract's (lib/contracts/coverage.ts) for one who does not. */
export type Reason = "licensed" | WithoutLicenceReason;

export type { LeftOut, LicenceCandidate as Candidate, ProductCoverage } from "@/lib/contracts/coverage";

/**
 * A class's coverage as the server computes it: the stream's result line (`CoverageResult`, the
 * contract) but for what the route adds (the group's unreadable enrollments, the age in seconds and
 * from when, the refusals in words), with the age of the oldest usage answer used in ms (0 when
 * every answer was just asked).
 */
export type Coverage = Omit<CoverageResult, "unreadableEnrollments" | "dataAgeSeconds" | "oldestAnswerAt" | "refusals"> & {
  dataAgeMs: number;
  /** Sources that refused the whole school (0022, 405, 0021…): their products are missing from the overview. */
  refusals: Array<Omit<SchoolRefusal, "message">>;
};

export type CoverageTarget = { subjectOfferingId: string } | { studyOfferingId: string };

/**
 * Enrolled now (enrollment-status.ts): active, begun, and not yet ended. False also for a status
 * nobody knows: a caller that concludes anything from "not enrolled" must ask `enrollmentState`.
 */
export function isCurrent(r: Pick<EnrollmentRow, "status" | "beginDate" | "endDate">, today: string): boolean {
  return enrollmentState(r, today) === "current";
}

/** The keys of the group's enrollments whose student matched nobody because the match was ambiguous. */
export function ambiguousKeys(rows: readonly EnrollmentRow[], offering: string): Set<string> {
  const out = new Set<string>();
  for (const r of rows) if (r.studentAmbiguous && r.offering === offering) out.add(r.studentKey);
  return out;
}

/** Each pupil with an enrollment in `offering`, and their state over those enrollments on `today` (`combinedState`). */
export function groupStates(rows: readonly EnrollmentRow[], offering: string, today: string): Map<string, EnrollmentState> {
  const byPupil = new Map<string, EnrollmentState[]>();
  for (const r of rows) {
    if (r.offering !== offering) continue;
    const states = byPupil.get(r.studentKey);
    if (states) states.push(enrollmentState(r, today));
    else byPupil.set(r.studentKey, [enrollmentState(r, today)]);
  }
  return new Map([...byPupil].map(([key, states]) => [key, combinedState(states)!]));
}

/**
 * The group's pupils with their state (`groupStates`), their name and how to ask about them, from the
 * school's student list. The keys are the enrollments' (already matched to the list on any shared
 * identifier, `listSchoolEnrollments`); `ambiguous` holds those matched to nobody (`ambiguousKeys`).
 */
export function coveragePupils(
  states: ReadonlyMap<string, EnrollmentState>,
  students: Pick<StudentList, "rows" | "identifiers" | "unreadable">,
  ambiguous: ReadonlySet<string> = new Set(),
): CoveragePupil[] {
  const names = new Map(students.rows.map((r) => [r.key, r.name]));
  return [...states].map(([key, state]): CoveragePupil => {
    const enrolled = { current: state === "current", ...(state === "unknown" ? { statusUnknown: true as const } : {}) };
    if (ambiguous.has(key)) return { key, ...enrolled, ambiguous: true };
    const ids = students.identifiers.get(key);
    // Only what a Licentieregistratie may be sent (the ECK iD, else userIds of a known type): a pupil the
    // LAS names by other identifier types only cannot be asked, and is reported as such, never sent.
    const user: UserRef | undefined = ids ? sendableUser(ids) : undefined;
    const unreadable = user ? undefined : (students.unreadable.get(key) ?? (ids ? ["userIds[].userIdType"] : undefined));
    return unreadable ? { key, ...enrolled, unreadable } : { key, name: names.get(key), ...enrolled, user };
  });
}

/** The pupils of one subject or study offering from the LAS (filtered by the Source), with how to ask about them. */
export async function pupilsOf(
  client: EduvClient,
  school: SchoolConfig,
  target: CoverageTarget,
  today: string,
  opts: { refresh?: boolean } = {},
): Promise<CoveragePupil[]> {
  return (await groupOf(client, school, target, today, opts)).pupils;
}

/** The group's pupils, and the enrollment records of the group the LAS sent that could not be read (those pupils may be missing). */
export async function groupOf(
  client: EduvClient,
  school: SchoolConfig,
  target: CoverageTarget,
  today: string,
  opts: { refresh?: boolean } = {},
): Promise<{ pupils: CoveragePupil[]; unreadableEnrollments: LeftOut }> {
  const [enrollments, students] = await Promise.all([
    listSchoolEnrollments(client, school, target, opts),
    listSchoolStudents(client, school, {}, opts),
  ]);
  const offering = "subjectOfferingId" in target ? target.subjectOfferingId : target.studyOfferingId;
  const pupils = coveragePupils(groupStates(enrollments.rows, offering, today), students, ambiguousKeys(enrollments.rows, offering));
  const invalid = enrollments.report.invalid;
  return { pupils, unreadableEnrollments: { count: invalid.count, fields: Object.keys(invalid.paths).sort() } };
}

/**
 * Asks every usage Source about every pupil: `concurrency` pupils at a time (each Source's own
 * limit, enforced by the client's bulkhead, still holds for all users together), stopping when `signal` aborts. A Source that refuses
 * the whole school is asked once, not once per pupil.
 */
export async function fanOut(
  client: EduvClient,
  school: SchoolConfig,
  pupils: readonly CoveragePupil[],
  opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void; concurrency?: number; refresh?: boolean },
): Promise<PupilUsage[]> {
  // Twice the largest Source limit: the next pupil's call already waits in the Source's queue when a slot frees,
  // so the Source is kept at (never above) its limit while answers are validated here.
  const limit = opts.concurrency ?? 2 * Math.max(1, ...usageSources(client, school).map((s) => s.maxConcurrentCalls));
  const skip = new Map<string, RegistryOutcome>();
  const out: PupilUsage[] = new Array(pupils.length);
  let done = 0;
  const ask = async (p: CoveragePupil, i: number) => {
    const enrolled = { current: p.current, ...(p.statusUnknown ? { statusUnknown: true as const } : {}) };
    if (p.unreadable) out[i] = { key: p.key, ...enrolled, missing: "unreadable_in_las", unreadable: p.unreadable };
    else if (p.ambiguous) out[i] = { key: p.key, ...enrolled, missing: "ambiguous_in_las" };
    else if (!p.user) out[i] = { key: p.key, name: p.name, ...enrolled, missing: "not_in_las" };
    // Nothing is concluded about a pupil whose enrollment status nobody knows: their licences are not asked for.
    else if (p.statusUnknown) out[i] = { key: p.key, name: p.name, ...enrolled };
    else {
      const answer = await lookupUsage(client, school, p.user, { signal: opts.signal, skip, refresh: opts.refresh });
      for (const r of answer.registries)
        if (SCHOOL_WIDE.has(r.status) && !skip.has(r.sourceId)) skip.set(r.sourceId, { ...r, entitlements: [] });
      out[i] = { key: p.key, name: p.name, current: p.current, answer };
    }
    opts.onProgress?.(++done, pupils.length);
  };
  // One pupil first: a Source that refuses the whole school then says so once, before the others are asked.
  if (pupils.length && !opts.signal?.aborted) await ask(pupils[0]!, 0);
  await forEachAtMost(pupils, limit, ask, { signal: opts.signal, from: 1 });
  if (opts.signal?.aborted) throw opts.signal.reason ?? new Error("cancelled");
  return out;
}

// The most favourable entitlement first; a status nobody knows may still be a working licence.
const RANK: Record<EntitlementMeaning, number> = {
  ok: 0,
  unknown: 1,
  not_activated: 2,
  activation_lapsed: 3,
  expired: 4,
  blocked: 5,
  cancelled: 6,
};
const REASON: Record<EntitlementMeaning, Reason> = {
  ok: "licensed",
  unknown: "unknown_status",
  not_activated: "not_activated",
  activation_lapsed: "activation_lapsed",
  expired: "expired",
  blocked: "blocked",
  cancelled: "cancelled",
};

/** Why a pupil does or does not hold a working licence for a product that `sourceIds` deliver. */
export function reasonFor(
  r: PupilUsage,
  productId: string,
  sourceIds: ReadonlySet<string>,
  today: string,
): { reason: Reason; sourceName?: string } {
  const own = (r.answer?.entitlements ?? [])
    .filter((e) => e.productId === productId)
    .map((e) => ({ e, m: meaningOf(e, today) }))
    .sort((a, b) => RANK[a.m] - RANK[b.m]);
  const best = own[0];
  // Not working where it was found, while a registry of the product did not answer: that one may hold a working licence.
  const failed = (r.answer?.registries ?? []).find((reg) => sourceIds.has(reg.sourceId) && !answered(reg));
  if (best && (best.m === "ok" || !failed)) return { reason: REASON[best.m], sourceName: best.e.sourceName };
  if (failed) return { reason: "source_error", sourceName: failed.sourceName };
  return { reason: "no_entitlement" };
}

/** Whether a licence is one to reassign or return: a leaver's that still works or waits, or a current pupil's never activated. */
function candidateWhy(e: EntitlementRow, current: boolean, today: string): Candidate["why"] | undefined {
  if (e.entitlementStatus === undefined) return undefined;
  const m = meaningOf(e, today);
  if (!current && (m === "ok" || m === "not_activated")) return "left_class";
  if (current && (m === "not_activated" || m === "activation_lapsed")) return "never_activated";
  return undefined;
}

/** Per product: how many pupils enrolled now hold a working licence, and why the others do not; plus licences to reassign or return. */
export function coverageOf(results: readonly PupilUsage[], today: string): Coverage {
  const current = results.filter((r) => r.current);
  const products = new Map<string, { title?: string; sources: Set<string>; sourceIds: Set<string> }>();
  const refusals = new Map<string, Coverage["refusals"][number]>();
  let itemsWithoutProduct = 0;
  for (const r of results) {
    for (const reg of r.answer?.registries ?? [])
      if (refusesSchool(reg.status))
        refusals.set(reg.sourceId, { sourceId: reg.sourceId, sourceName: reg.sourceName, status: reg.status, statusCode: reg.statusCode });
    if (!r.current) continue;
    for (const e of r.answer?.entitlements ?? []) {
      // An item without a product code cannot be matched to a product: the lookup page shows it, coverage counts it apart.
      if (e.productId === undefined) {
        itemsWithoutProduct++;
        continue;
      }
      const p = products.get(e.productId) ?? { title: e.productTitle, sources: new Set(), sourceIds: new Set() };
      p.sources.add(e.sourceName);
      p.sourceIds.add(e.sourceId);
      products.set(e.productId, p);
    }
  }
  const out: ProductCoverage[] = [...products].map(([productId, p]) => {
    const pupils: ProductCoverage["pupils"] = [];
    const byReason: ProductCoverage["byReason"] = {};
    let licensed = 0;
    for (const r of current) {
      if (r.missing) continue;
      const { reason, sourceName } = reasonFor(r, productId, p.sourceIds, today);
      if (reason === "licensed") {
        licensed++;
        continue;
      }
      byReason[reason] = (byReason[reason] ?? 0) + 1;
      pupils.push({ key: r.key, name: r.name, reason, sourceName });
    }
    const unknown = (byReason.source_error ?? 0) + (byReason.unknown_status ?? 0);
    return {
      productId,
      productTitle: p.title,
      sources: [...p.sources].sort(),
      sourceIds: [...p.sourceIds].sort(),
      licensed,
      without: pupils.length,
      unknown,
      byReason,
      pupils,
    };
  });
  out.sort((a, b) => b.without - a.without || (a.productTitle ?? a.productId).localeCompare(b.productTitle ?? b.productId, "nl"));

  const candidates: Candidate[] = [];
  for (const r of results) {
    if (r.statusUnknown) continue;
    for (const e of r.answer?.entitlements ?? []) {
      const why = candidateWhy(e, r.current, today);
      if (why)
        candidates.push({
          key: r.key,
          name: r.name,
          productId: e.productId,
          productTitle: e.productTitle,
          sourceId: e.sourceId,
          sourceName: e.sourceName,
          entitlementStatus: e.entitlementStatus!,
          why,
        });
    }
  }
  // A pupil of unknown enrollment status is not asked; an answer that came all the same is not used.
  const asked = results.filter((r): r is PupilUsage & { answer: UsageAnswer } => r.answer !== undefined && !r.statusUnknown);
  const registries = registryShares(asked);
  const unreadable = results.filter((r) => r.missing === "unreadable_in_las");
  return {
    pupils: current.length,
    formerPupils: results.filter((r) => !r.current && !r.statusUnknown).length,
    asked: asked.length,
    notInLas: results.filter((r) => r.missing === "not_in_las").length,
    ambiguousInLas: results.filter((r) => r.missing === "ambiguous_in_las").length,
    statusUnknown: results.filter((r) => r.statusUnknown).length,
    unreadableInLas: { count: unreadable.length, fields: [...new Set(unreadable.flatMap((r) => r.unreadable ?? []))].sort() },
    registries,
    conclusions: conclusionsOf(asked, registries, today, (e, isCurrent) => candidateWhy(e, isCurrent, today) !== undefined),
    itemsWithoutProduct,
    dataAgeMs: asked.reduce((oldest, r) => Math.max(oldest, r.answer.ageMs), 0),
    products: out,
    candidates,
    refusals: [...refusals.values()],
    pupilsWithErrors: asked.filter((r) => r.answer.registries.some((reg) => !answered(reg) && !SCHOOL_WIDE.has(reg.status))).length,
  };
}
