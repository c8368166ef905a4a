import "server-only";
import type { EduvClient } from "./client";
import { listSchoolEnrollments, type EnrollmentRow } from "./enrollments";
import type { SchoolConfig } from "./sources-config";
import { listSchoolStudents } from "./students";
import { SCHOOL_WIDE, lookupUsage, meaningOf, usageSources, type RegistryOutcome, type UsageAnswer, type UserRef } from "./usage";

/** A pupil of the class or offering: enrolled now (`current`) or only before; `user` is missing when the LAS list no longer has them. */
export type CoveragePupil = { key: string; name?: string; current: boolean; user?: UserRef };
export type PupilUsage = { key: string; name?: string; current: boolean; answer?: UsageAnswer; missing?: "not_in_las" };

export type Reason = "licensed" | "no_entitlement" | "not_activated" | "activation_lapsed" | "cancelled" | "blocked" | "expired" | "source_error";

export type ProductCoverage = {
  productId: string;
  productTitle?: string;
  sources: string[];
  sourceIds: string[];
  /** Current pupils with a working licence, and those without one by reason. */
  licensed: number;
  without: number;
  byReason: Partial<Record<Reason, number>>;
  pupils: Array<{ key: string; name?: string; reason: Reason; sourceName?: string }>;
};

export type Candidate = { key: string; name?: string; productId: string; productTitle?: string; sourceName: string; entitlementStatus: string; why: "left_class" | "never_activated" };

export type Coverage = {
  pupils: number;
  formerPupils: number;
  notInLas: number;
  products: ProductCoverage[];
  candidates: Candidate[];
  /** Sources that refused the whole school (0022, 405, 0021…): their products are missing from the overview. */
  refusals: Array<Pick<RegistryOutcome, "sourceId" | "sourceName" | "status" | "statusCode">>;
  /** Pupils for whom at least one Source failed (timeout, error): their gaps may be the Source's, not the pupil's. */
  pupilsWithErrors: number;
};

export type CoverageTarget = { subjectOfferingId: string } | { studyOfferingId: string };

/** Enrolled now: active, begun, and not yet ended (the end date is exclusive). */
export function isCurrent(r: Pick<EnrollmentRow, "status" | "beginDate" | "endDate">, today: string): boolean {
  return r.status === "active" && r.beginDate <= today && (!r.endDate || r.endDate > today);
}

/** The pupils of one subject or study offering from the LAS (filtered by the Source), with how to ask about them. */
export async function pupilsOf(client: EduvClient, school: SchoolConfig, target: CoverageTarget, today: string): Promise<CoveragePupil[]> {
  const [enrollments, students] = await Promise.all([listSchoolEnrollments(client, school, target), listSchoolStudents(client, school)]);
  const names = new Map(students.rows.map((r) => [r.key, r.name]));
  const offering = "subjectOfferingId" in target ? target.subjectOfferingId : target.studyOfferingId;
  const current = new Map<string, boolean>();
  for (const r of enrollments.rows) {
    if (r.offering !== offering) continue;
    current.set(r.studentKey, (current.get(r.studentKey) ?? false) || isCurrent(r, today));
  }
  return [...current].map(([key, isNow]) => {
    const ids = students.identifiers.get(key);
    const user: UserRef | undefined = ids?.userMasterIdentifier ? { userMasterIdentifier: ids.userMasterIdentifier } : ids?.userIds ? { userIds: ids.userIds } : undefined;
    return { key, name: names.get(key), current: isNow, user };
  });
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
  let next = 0;
  let done = 0;
  const worker = async (count = Infinity) => {
    for (let n = 0; n < count && next < pupils.length; n++) {
      if (opts.signal?.aborted) return;
      const i = next++;
      const p = pupils[i]!;
      if (!p.user) out[i] = { key: p.key, name: p.name, current: p.current, missing: "not_in_las" };
      else {
        const answer = await lookupUsage(client, school, p.user, { signal: opts.signal, skip, refresh: opts.refresh });
        for (const r of answer.registries) if (SCHOOL_WIDE.has(r.status) && !skip.has(r.sourceId)) skip.set(r.sourceId, { ...r, entitlements: [] });
        out[i] = { key: p.key, name: p.name, current: p.current, answer };
      }
      opts.onProgress?.(++done, pupils.length);
    }
  };
  // One pupil first: a Source that refuses the whole school then says so once, before the others are asked.
  if (pupils.length) await worker(1);
  await Promise.all(Array.from({ length: Math.min(limit, pupils.length) }, () => worker()));
  if (opts.signal?.aborted) throw opts.signal.reason ?? new Error("cancelled");
  return out;
}

const RANK: Record<string, number> = { ok: 0, not_activated: 1, activation_lapsed: 2, expired: 3, blocked: 4, cancelled: 5 };

/** Why a pupil does or does not hold a working licence for a product that `sourceIds` deliver. */
export function reasonFor(r: PupilUsage, productId: string, sourceIds: ReadonlySet<string>, today: string): { reason: Reason; sourceName?: string } {
  const own = (r.answer?.entitlements ?? []).filter((e) => e.productId === productId).map((e) => ({ e, m: meaningOf(e, today) })).sort((a, b) => RANK[a.m]! - RANK[b.m]!);
  const best = own[0];
  if (best) return { reason: best.m === "ok" ? "licensed" : best.m, sourceName: best.e.sourceName };
  const failed = (r.answer?.registries ?? []).some((reg) => sourceIds.has(reg.sourceId) && reg.status !== "ok" && reg.status !== "unknown_user");
  return { reason: failed ? "source_error" : "no_entitlement" };
}

/** Per product: how many pupils enrolled now hold a working licence, and why the others do not; plus licences to reassign or return. */
export function coverageOf(results: readonly PupilUsage[], today: string): Coverage {
  const current = results.filter((r) => r.current);
  const products = new Map<string, { title?: string; sources: Set<string>; sourceIds: Set<string> }>();
  const refusals = new Map<string, Coverage["refusals"][number]>();
  for (const r of results) {
    for (const reg of r.answer?.registries ?? []) if (SCHOOL_WIDE.has(reg.status)) refusals.set(reg.sourceId, { sourceId: reg.sourceId, sourceName: reg.sourceName, status: reg.status, statusCode: reg.statusCode });
    if (!r.current) continue;
    for (const e of r.answer?.entitlements ?? []) {
      // An item without a product code cannot be matched to a product: the lookup page shows it, coverage cannot count it.
      if (e.productId === undefined) continue;
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
    return { productId, productTitle: p.title, sources: [...p.sources].sort(), sourceIds: [...p.sourceIds].sort(), licensed, without: pupils.length, byReason, pupils };
  });
  out.sort((a, b) => b.without - a.without || (a.productTitle ?? a.productId).localeCompare(b.productTitle ?? b.productId, "nl"));

  const candidates: Candidate[] = [];
  for (const r of results) {
    for (const e of r.answer?.entitlements ?? []) {
      if (e.productId === undefined || e.entitlementStatus === undefined) continue;
      const m = meaningOf(e, today);
      const base = { key: r.key, name: r.name, productId: e.productId, productTitle: e.productTitle, sourceName: e.sourceName, entitlementStatus: e.entitlementStatus };
      if (!r.current && (m === "ok" || m === "not_activated")) candidates.push({ ...base, why: "left_class" });
      else if (r.current && (m === "not_activated" || m === "activation_lapsed")) candidates.push({ ...base, why: "never_activated" });
    }
  }
  return {
    pupils: current.length,
    formerPupils: results.length - current.length,
    notInLas: results.filter((r) => r.missing).length,
    products: out,
    candidates,
    refusals: [...refusals.values()],
    pupilsWithErrors: results.filter((r) => (r.answer?.registries ?? []).some((reg) => reg.status !== "ok" && reg.status !== "unknown_user" && !SCHOOL_WIDE.has(reg.status))).length,
  };
}
