import { z } from "zod";
import { count, isoTime, opaqueKey, today } from "./common";
import { contract } from "./define";
import { massChangeNotKnown, massChangePending } from "./mass-change";

/**
 * Data quality across Sources (issue 25, first part: the checks over the LAS lists). Every check is
 * a count and the records behind it, each named only by an opaque key and a masked identifier; what
 * a check means, who acts and the ticket text are words of the page (lib/i18n/messages), keyed by
 * the check's id. No name, ECK iD or birth date leaves the server.
 */
export const DATA_QUALITY_CHECK_IDS = [
  "no_eck", // an enrolled pupil without an ECK iD: no licences through Edu-V
  "duplicate_eck", // one ECK iD on two or more pupil records
  "duplicate_pupil", // the same pupil twice: equal name and birth date, different records
  "ends_before_start", // an enrollment whose end lies before its begin
  "study_year_out_of_range", // a study year outside the sector's range (PO 0-8, VO 1-6)
  "date_far_off", // an enrollment date more than 25 years ago or more than 5 years ahead
  "subject_without_study", // a subject enrollment without a study enrollment of the pupil in the same period
] as const;
/** Who can put it right: the school in its LAS, the LAS vendor, or the publisher. */
export const DATA_QUALITY_ACTORS = ["school", "las_vendor", "publisher"] as const;

export const dataQualityItem = z.strictObject({
  /** The pupil, as everywhere in the browser: an opaque key, and its identifier masked (e.g. "ECK iD ••••8c27"). */
  studentKey: opaqueKey,
  masked: z.string(),
  /** The enrollment the finding is about, by the Source's id (no personal data), when the check is about one. */
  enrollmentId: z.string().optional(),
  /** The value that trips the check when it is not personal: a study year, an enrollment's dates (yyyy-mm-dd), how many records share one ECK iD. */
  detail: z.string().optional(),
});

export const dataQualityCheck = z.strictObject({
  id: z.enum(DATA_QUALITY_CHECK_IDS),
  actor: z.enum(DATA_QUALITY_ACTORS),
  count,
  /** At most 500 shown; `count` says how many there are (the CSV has them all). */
  items: z.array(dataQualityItem),
  /**
   * Set when the check concludes nothing now (count 0, no items, never "no findings"): `mass_change`,
   * its findings would rest on records missing from a LAS answer held for review (`massChange`).
   */
  notKnown: massChangeNotKnown.optional(),
});

/** A LAS whose list could not be read: the checks then say nothing about its pupils (never "no findings"). */
export const dataQualitySource = z.strictObject({
  sourceId: z.string(),
  name: z.string(),
  ok: z.boolean(),
  /** The error kind (lib/sources/errors.ts) when not ok; the page words it. */
  error: z.string().optional(),
  /** When not ok: which of its lists could not be read (the first one's error is `error`). */
  failed: z.array(z.enum(["students", "enrollments"])).optional(),
});

export const dataQualityAnswer = z.strictObject({
  checks: z.array(dataQualityCheck),
  sources: z.array(dataQualitySource),
  /** Pupil records checked, and enrollments checked (those flagged `tobedeleted` are left out: the Source withdraws them). */
  pupils: count,
  enrollments: count,
  referenceDate: today,
  checkedAt: isoTime,
  /**
   * The school's LAS lists whose last answer is held for review (the mass-change guard): the checks
   * ran on what the lists serve (the last good answer, or the new one when `served` is `suspect`), and
   * the checks that conclude from a record's absence say `notKnown`. Absent when no change waits.
   */
  massChange: z.array(massChangePending).optional(),
});

export type DataQualityCheckId = (typeof DATA_QUALITY_CHECK_IDS)[number];
export type DataQualityActor = (typeof DATA_QUALITY_ACTORS)[number];
export type DataQualityItem = z.infer<typeof dataQualityItem>;
export type DataQualityCheck = z.infer<typeof dataQualityCheck>;
export type DataQualityAnswer = z.infer<typeof dataQualityAnswer>;

export const dataQualityList = contract({
  method: "GET",
  path: "/api/data-quality",
  query: z.strictObject({ refresh: z.literal("1").optional() }),
  response: dataQualityAnswer,
});

/** The school-wide licence scan's checks (lib/features/data-quality/licence-scan.ts). */
export const LICENCE_CHECK_IDS = [
  "licences_without_enrollment", // licences that work or wait, held for a pupil not enrolled now: to cancel or reassign
  "unknown_at_registry", // a pupil enrolled now a registry does not know, while it licenses their group
] as const;

/** Whether a check's id is one of the licence scan's (its records come from the school's finished scan, not the LAS lists). */
export function isLicenceCheckId(id: string): id is LicenceCheckId {
  return (LICENCE_CHECK_IDS as readonly string[]).includes(id);
}

/**
 * One check's records as CSV (the export is logged, like every export of pupil data): a check over
 * the LAS lists, or one of the licence scan's (from the school's finished scan; 409 without one).
 */
export const dataQualityExport = contract({
  method: "POST",
  path: "/api/data-quality/export",
  body: z.strictObject({ check: z.enum([...DATA_QUALITY_CHECK_IDS, ...LICENCE_CHECK_IDS]) }),
  file: "text/csv",
});

export const licenceCheck = z.strictObject({
  id: z.enum(LICENCE_CHECK_IDS),
  actor: z.enum(DATA_QUALITY_ACTORS),
  count,
  /** At most 500 shown; `count` says how many there are. */
  items: z.array(dataQualityItem),
  /**
   * Set when the check concludes nothing (count 0, no items): `mass_change`, the scan ran while a
   * change of the school's LAS lists waited for review, so who is "not enrolled" is not known.
   */
  notKnown: massChangeNotKnown.optional(),
});

const scanCommon = {
  id: z.string(),
  startedAt: isoTime,
  /** Pupils to ask. */
  total: count,
};

/** The school's licence scan: running with its progress, done with its findings, cancelled, or failed (the error's code, worded by the page). */
export const scanView = z.discriminatedUnion("state", [
  z.strictObject({ ...scanCommon, state: z.literal("running"), done: count }),
  z.strictObject({
    ...scanCommon,
    state: z.literal("done"),
    finishedAt: isoTime,
    checks: z.array(licenceCheck),
    /** Per registry: pupils it answered about (entitlements, or "does not know this person") and pupils it gave no usable answer about. */
    registries: z.array(z.strictObject({ sourceId: z.string(), name: z.string(), answered: count, notAnswered: count })),
    /** Pupils not asked: a status nobody knows, not in the LAS's list, or no identifier that may be sent. */
    notAsked: count,
  }),
  z.strictObject({ ...scanCommon, state: z.literal("cancelled"), finishedAt: isoTime, done: count }),
  z.strictObject({ ...scanCommon, state: z.literal("failed"), finishedAt: isoTime, error: z.string() }),
]);

/** The school's licence scan now, or none (none run, or its result older than the usage answers it was made of). */
export const dataQualityScan = contract({
  method: "GET",
  path: "/api/data-quality/scan",
  response: z.strictObject({ scan: scanView.nullable() }),
});

/** Starts the school's licence scan; one runs per school (`started: false`: the one running is answered). Logged as a read of every pupil's usage. */
export const dataQualityScanStart = contract({
  method: "POST",
  path: "/api/data-quality/scan",
  body: z.strictObject({}),
  response: z.strictObject({ scan: scanView, started: z.boolean() }),
});

/** Stops the school's running scan; `cancelled: false` when none ran. */
export const dataQualityScanCancel = contract({
  method: "POST",
  path: "/api/data-quality/scan/cancel",
  body: z.strictObject({}),
  response: z.strictObject({ cancelled: z.boolean() }),
});

export type LicenceCheckId = (typeof LICENCE_CHECK_IDS)[number];
export type ScanView = z.infer<typeof scanView>;
