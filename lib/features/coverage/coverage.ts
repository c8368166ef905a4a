import "server-only";
import { conclusionsOf, registryShares } from "./coverage-scope";
import type { PupilUsage } from "./group";
import {
  SCHOOL_WIDE,
  answered,
  refusesSchool,
  meaningOf,
  type EntitlementMeaning,
  type EntitlementRow,
  type UsageAnswer,
} from "../usage/usage";
import type {
  CoverageResult,
  LicenceCandidate as Candidate,
  ProductCoverage,
  SchoolRefusal,
  WithoutLicenceReason,
} from "@/lib/contracts/coverage";

export type { CoverageConclusions, RegistryShare } from "./coverage-scope";

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
  const heldForReview = results.filter((r) => r.missing === "held_for_review").length;
  return {
    pupils: current.length,
    formerPupils: results.filter((r) => !r.current && !r.statusUnknown).length,
    asked: asked.length,
    notInLas: results.filter((r) => r.missing === "not_in_las").length,
    ambiguousInLas: results.filter((r) => r.missing === "ambiguous_in_las").length,
    // Pupils held for review (a mass change of the LAS lists waits) are counted apart: their status is not known for another reason.
    statusUnknown: results.filter((r) => r.statusUnknown && r.missing !== "held_for_review").length,
    unreadableInLas: { count: unreadable.length, fields: [...new Set(unreadable.flatMap((r) => r.unreadable ?? []))].sort() },
    registries,
    conclusions: conclusionsOf(asked, registries, today, (e, isCurrent) => candidateWhy(e, isCurrent, today) !== undefined),
    itemsWithoutProduct,
    dataAgeMs: asked.reduce((oldest, r) => Math.max(oldest, r.answer.ageMs), 0),
    products: out,
    candidates,
    refusals: [...refusals.values()],
    pupilsWithErrors: asked.filter((r) => r.answer.registries.some((reg) => !answered(reg) && !SCHOOL_WIDE.has(reg.status))).length,
    ...(heldForReview ? { heldForReview } : {}),
  };
}
