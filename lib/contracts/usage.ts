import { z } from "zod";
import { ageSeconds, count, isoDay, isoTime, opaqueKey, pathCounts, today } from "./common";
import { contract } from "./define";
import { EMPLOYEE_ID_TYPE_NAMES } from "./employees";
import { studyOffering, subjectOffering } from "./enrollments";
import { SOURCE_ERROR_KIND_NAMES, sourceKind } from "./sources";

/**
 * One registry's part of a usage answer: entitlements (`ok`), "does not know this person"
 * (`unknown_user`), the person's record sent but unreadable (`unreadable`), or a Source error kind.
 */
export const registryStatus = z.enum(["ok", "unknown_user", "unreadable", ...SOURCE_ERROR_KIND_NAMES]);

export const totals = z.strictObject({ entitled: count, licensed: count, cancelled: count, blocked: count, expired: count });

/** Which registries the totals and "no entitlements" may speak for (names, in the Sources' order). */
export const answerScope = z.strictObject({
  /** Answered about this person (entitlements, or "does not know this person"): their totals are counted. */
  counted: z.array(z.string()),
  /** Gave no usable answer: not counted, and nothing may be concluded from their silence. */
  notCounted: z.array(z.string()),
  /** Counted, and holding no entitlement for this person. */
  withoutEntitlements: z.array(z.string()),
});

/** What an entitlement's state means for the person, as a code the page words. */
export const entitlementMeaning = z.enum(["ok", "not_activated", "activation_lapsed", "cancelled", "blocked", "expired", "unknown"]);

/**
 * An entitlement as the lookup page shows it: the item as the registry sent it (every field optional,
 * a status or type Edu-V does not name kept, and the vendor's other fields passed on as sent:
 * product data, no personal data), where it came from, its meaning, and, without a product code,
 * its other scalar fields as "name: value" pairs.
 */
export const entitlementView = z.looseObject({
  entitlementId: z.string().optional(),
  productId: z.string().optional(),
  productTitle: z.string().optional(),
  entitlementType: z.string().optional(),
  entitlementStatus: z.string().optional(),
  deliveryOrderId: z.string().optional(),
  startDate: isoDay.optional(),
  activationUntilDate: isoDay.optional(),
  activationDate: isoDay.optional(),
  endDate: isoDay.optional(),
  expirationDate: isoDay.optional(),
  sourceId: z.string(),
  sourceName: z.string(),
  meaning: entitlementMeaning,
  otherFields: z.array(z.tuple([z.string(), z.string()])).optional(),
});

/** A registry as the lookup page shows it: why its answer cannot be used in the reader's words, and how old it is. */
export const registryView = z.strictObject({
  sourceId: z.string(),
  sourceName: z.string(),
  sourceKind,
  status: registryStatus,
  statusCode: z.string().optional(),
  message: z.string().optional(),
  /** For `busy`: when the Source is asked again, when known. */
  retryAt: isoTime.optional(),
  /** Field paths of the person's record that could not be read. */
  fields: z.array(z.string()).optional(),
  /** Left out of the answer, the rest kept: `count` entitlement items, `parts` other parts (a total), with all their field paths. */
  leftOutItems: z.strictObject({ count, parts: count.optional(), paths: pathCounts }).optional(),
  /** Only for a registry that answered about this person. */
  totals: totals.optional(),
  count,
  ageSeconds,
});

export const personKind = z.enum(["student", "employee", "unknown"]);

export const usageAnswer = z.strictObject({
  person: z.strictObject({ kind: personKind, key: opaqueKey, name: z.string().optional(), maskedId: z.string() }),
  today,
  ageSeconds,
  totals,
  scope: answerScope,
  registries: z.array(registryView),
  entitlements: z.array(entitlementView),
});

/** A pupil (from the LAS list) or employee (from the school's list) whose name matched. */
export const personOption = z.strictObject({
  kind: z.enum(["student", "employee"]),
  key: opaqueKey,
  name: z.string(),
  maskedId: z.string(),
});

export const diagnosisStep = z.enum(["enrolled", "consent", "entitlement", "licensed", "not_expired"]);
export const diagnosisActor = z.enum(["school", "las", "registry", "supplier"]);
export const stepOutcome = z.enum(["ok", "fail", "unknown", "not_checked"]);

/** The chain from enrolment to a working licence, link by link, in the reader's words; `text` for a ticket (no personal data). */
export const diagnosisAnswer = z.strictObject({
  steps: z.array(
    z.strictObject({
      step: diagnosisStep,
      result: stepOutcome,
      finding: z.string(),
      actor: diagnosisActor.optional(),
      label: z.string(),
      actorLabel: z.string().optional(),
    }),
  ),
  actor: diagnosisActor,
  actorLabel: z.string(),
  conclusion: z.string(),
  text: z.string(),
});

export type RegistryStatus = z.infer<typeof registryStatus>;
export type Totals = z.infer<typeof totals>;
export type AnswerScope = z.infer<typeof answerScope>;
export type EntitlementMeaning = z.infer<typeof entitlementMeaning>;
export type EntitlementView = z.infer<typeof entitlementView>;
export type RegistryView = z.infer<typeof registryView>;
export type UsageAnswerView = z.infer<typeof usageAnswer>;
export type PersonOption = z.infer<typeof personOption>;
export type Step = z.infer<typeof diagnosisStep>;
export type Actor = z.infer<typeof diagnosisActor>;
export type DiagnosisAnswer = z.infer<typeof diagnosisAnswer>;

/**
 * Whose usage: a pupil or employee picked from a list (by opaque key) or an identifier typed into
 * the form. All of it travels in a POST body, never in a URL.
 */
export const personInputShape = {
  studentKey: z
    .string()
    .regex(/^[0-9a-f]{32}$/, "an opaque student key")
    .optional(),
  employeeKey: z
    .string()
    .regex(/^[0-9a-f]{32}$/, "an opaque employee key")
    .optional(),
  identifier: z.strictObject({ type: z.enum(["eckId", ...EMPLOYEE_ID_TYPE_NAMES]), value: z.string().trim().min(1).max(512) }).optional(),
};

/**
 * One pupil's or employee's licence usage at every Licentieregistratie of the school, merged; logged
 * as a lookup. The totals add up only the registries that answered about this person (`scope.counted`).
 */
export const usageLookup = contract({
  method: "POST",
  path: "/api/usage",
  body: z.strictObject({ ...personInputShape, refresh: z.boolean().default(false) }),
  response: usageAnswer,
});

/** Pupils and employees whose name matches (the search text travels in the body and is never logged): keys, names and masked identifiers only. */
export const usagePeople = contract({
  method: "POST",
  path: "/api/usage/people",
  body: z.strictObject({ q: z.string().trim().min(2).max(100) }),
  response: z.strictObject({ people: z.array(personOption), more: z.boolean() }),
});

/** The offerings a coverage can be run for (from the enrollments), and the date taken as today. No personal data. */
export const usageOptions = contract({
  method: "GET",
  path: "/api/usage/options",
  response: z.strictObject({
    studyOfferings: z.array(studyOffering),
    subjectOfferings: z.array(subjectOffering),
    today,
    referenceDateSet: z.boolean(),
  }),
});

/** Walks enrolment → consent → entitlement → licensed → not expired for one person and one product; logged as a detail read. */
export const usageDiagnose = contract({
  method: "POST",
  path: "/api/usage/diagnose",
  body: z.strictObject({ ...personInputShape, productId: z.string().trim().min(1).max(64) }),
  response: diagnosisAnswer,
});
