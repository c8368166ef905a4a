import { z } from "zod";
import { count, isoTime, opaqueKey, today } from "./common";
import { contract } from "./define";
import { sourceErrorKind } from "./sources";

/**
 * Why a pupil enrolled now does not hold a working licence for a product. ("licensed", the server's
 * own reason for one who does, is never sent: those pupils are counted, not listed.)
 */
export const WITHOUT_LICENCE_REASONS = [
  "no_entitlement",
  "not_activated",
  "activation_lapsed",
  "cancelled",
  "blocked",
  "expired",
  "unknown_status",
  "source_error",
] as const;
export const withoutLicenceReason = z.enum(WITHOUT_LICENCE_REASONS);

/** Records the LAS sent that could not be read: how many, and on which field paths. */
export const leftOut = z.strictObject({ count, fields: z.array(z.string()) });

/** For how many of the pupils asked a registry answered (entitlements, or "does not know this person"); `percent` is 100 only when complete. */
export const registryShare = z.strictObject({
  sourceId: z.string(),
  sourceName: z.string(),
  answered: count,
  asked: count,
  percent: z.int().min(0).max(100),
  complete: z.boolean(),
});

/**
 * What may be concluded about the whole group, and from which registries: only those that answered
 * for every pupil asked (null when none did).
 */
export const coverageConclusions = z.strictObject({
  /** The registries the conclusions speak for (answered for every pupil asked). */
  from: z.array(z.string()),
  /** The registries left out of the conclusions (answered for some pupils, or none). */
  others: z.array(z.string()),
  /** No current pupil holds any entitlement at the registries of `from`. */
  noEntitlements: z.boolean(),
  /** Every licence at the registries of `from` belongs to a current pupil and is activated (none to reassign or return, none of unknown status). */
  allAssignedAndActivated: z.boolean(),
  /** Licences at the registries of `from` whose status nobody knows: no conclusion about them. */
  unknownStatus: count,
});

export const productCoverage = z.strictObject({
  productId: z.string(),
  productTitle: z.string().optional(),
  sources: z.array(z.string()),
  sourceIds: z.array(z.string()),
  /** Current pupils with a working licence, and those without one. */
  licensed: count,
  without: count,
  /** Of `without`: those for whom it is not known (a registry of the product did not answer, or a status nobody knows). */
  unknown: count,
  byReason: z.partialRecord(withoutLicenceReason, count),
  pupils: z.array(
    z.strictObject({ key: opaqueKey, name: z.string().optional(), reason: withoutLicenceReason, sourceName: z.string().optional() }),
  ),
});

/** A licence to reassign or return: a leaver's that still works or waits, or a current pupil's never activated. */
export const licenceCandidate = z.strictObject({
  key: opaqueKey,
  name: z.string().optional(),
  productId: z.string().optional(),
  productTitle: z.string().optional(),
  sourceId: z.string(),
  sourceName: z.string(),
  entitlementStatus: z.string(),
  why: z.enum(["left_class", "never_activated"]),
});

/** A Source that refused the whole school (0022, 405, 0021…): its products are missing from the overview. */
export const schoolRefusal = z.strictObject({
  sourceId: z.string(),
  sourceName: z.string(),
  status: sourceErrorKind,
  statusCode: z.string().optional(),
  message: z.string(),
});

/** A class's or offering's licence coverage, as the stream's result line carries it. */
export const coverageResult = z.strictObject({
  /** Pupils enrolled now, and those enrolled only before. */
  pupils: count,
  formerPupils: count,
  /** Pupils (current and former) the registries were asked about. */
  asked: count,
  notInLas: count,
  /** Pupils whose enrollments name them by identifiers that match two pupils of the LAS list: matched to nobody, not asked about. */
  ambiguousInLas: count,
  /** Pupils whose enrollments in the group do not hold now and include one with a status nobody knows: not asked about, nothing concluded. */
  statusUnknown: count,
  /** Pupils of the group whose LAS record was sent but could not be read. */
  unreadableInLas: leftOut,
  /** The group's enrollment records the LAS sent that could not be read (those pupils may be missing). */
  unreadableEnrollments: leftOut,
  registries: z.array(registryShare),
  conclusions: coverageConclusions.nullable(),
  /** Entitlement items of current pupils without a product code: shown on the lookup page, not matched to a product here. */
  itemsWithoutProduct: count,
  /** How old the oldest usage answer used is (0 when every answer was just asked), and from when. */
  dataAgeSeconds: count,
  oldestAnswerAt: isoTime,
  products: z.array(productCoverage),
  candidates: z.array(licenceCandidate),
  refusals: z.array(schoolRefusal),
  /** Pupils for whom at least one Source failed (timeout, error): their gaps may be the Source's, not the pupil's. */
  pupilsWithErrors: count,
  /**
   * Pupils about whom nothing is concluded because a mass change of the school's LAS lists waits for
   * review: those enrolled only before ("left") or not in the LAS's student list; not asked about, not
   * counted as former pupils, not in `notInLas`, no licence of theirs a candidate. Absent when none.
   */
  heldForReview: count.optional(),
});

/**
 * One line of the coverage stream (NDJSON): `start` with the number of pupils and the date taken as
 * today, `progress` as pupils are done, then `result` or `error` (a fixed message; the cause stays
 * on the server).
 */
export const coverageLine = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("start"), total: count, today }),
  z.strictObject({ type: z.literal("progress"), done: count, total: count }),
  z.strictObject({ type: z.literal("result"), coverage: coverageResult }),
  z.strictObject({ type: z.literal("error"), message: z.string() }),
]);

export type WithoutLicenceReason = z.infer<typeof withoutLicenceReason>;
export type LeftOut = z.infer<typeof leftOut>;
export type RegistryShare = z.infer<typeof registryShare>;
export type CoverageConclusions = z.infer<typeof coverageConclusions>;
export type ProductCoverage = z.infer<typeof productCoverage>;
export type LicenceCandidate = z.infer<typeof licenceCandidate>;
export type SchoolRefusal = z.infer<typeof schoolRefusal>;
export type CoverageResult = z.infer<typeof coverageResult>;
export type CoverageLine = z.infer<typeof coverageLine>;

/** A class is a subject offering (Edu-V enrollments name no class, ERRATA "Classes"), or a whole study offering: exactly one of them. */
export const coverageBody = z
  .strictObject({
    subjectOfferingId: z.string().min(1).max(128).optional(),
    studyOfferingId: z.string().min(1).max(128).optional(),
    refresh: z.boolean().default(false),
  })
  .refine((b) => !!b.subjectOfferingId !== !!b.studyOfferingId, {
    message: "exactly one of subjectOfferingId and studyOfferingId",
    path: ["subjectOfferingId"],
  });

/**
 * Licence coverage of one class or offering, streamed as NDJSON lines (`coverageLine`). Closing the
 * request cancels; `refresh: true` asks the LAS and every registry again instead of using kept answers.
 */
export const coverageRun = contract({
  method: "POST",
  path: "/api/usage/coverage",
  body: coverageBody,
  file: "application/x-ndjson",
});

/** Every (product, pupil) of the coverage with its reason, and the licences to reassign or return, as CSV; logged as an export. */
export const coverageExport = contract({
  method: "POST",
  path: "/api/usage/coverage/export",
  body: coverageBody,
  file: "text/csv",
});
