import { z } from "zod";
import { count, isoTime, opaqueKey } from "./common";
import { CONSENT_API_NAMES } from "./consent";
import { contract } from "./define";

/** What kind of persons' data was read (lib/db/access-log.ts DATA_KINDS; lib/contracts/access-log.test.ts keeps them equal). */
export const DATA_KIND_NAMES = ["students", "enrollments", "assignments", "usage", "consent", "accesslog", "employees"] as const;
/** What was done with it (lib/db/access-log.ts ACCESS_ACTIONS; kept equal by the same test). */
export const ACCESS_ACTION_NAMES = ["list", "detail", "lookup", "export", "reveal", "change"] as const;
/** Served, or refused for want of the permission at that school (lib/db/access-log.ts ACCESS_OUTCOMES; kept equal by the same test). */
export const ACCESS_OUTCOME_NAMES = ["served", "refused"] as const;

export const dataKind = z.enum(DATA_KIND_NAMES);
export const accessAction = z.enum(ACCESS_ACTION_NAMES);
export const accessOutcome = z.enum(ACCESS_OUTCOME_NAMES);

/** One row of the access log: who did what with whose data, when; a person only as a keyed hash. */
export const accessLogEntry = z.strictObject({
  id: z.int(),
  at: isoTime,
  actor: z.string(),
  /** The actor's roles at the school, sorted, joined by commas. */
  actorRoles: z.string(),
  schoolId: z.string(),
  dataKind,
  action: accessAction,
  personCount: count,
  personHash: z.string().nullable(),
  outcome: accessOutcome,
});

export type DataKindName = z.infer<typeof dataKind>;
export type AccessLogEntry = z.infer<typeof accessLogEntry>;

/** The access log of the current school, newest first (at most 200 rows). Days are yyyy-mm-dd, `until` inclusive. */
export const accessLogList = contract({
  method: "GET",
  path: "/api/access-log",
  query: z.strictObject({
    dataKind: dataKind.optional(),
    outcome: accessOutcome.optional(),
    actor: z.email().optional(),
    from: z.iso.date().optional(),
    until: z.iso.date().optional(),
  }),
  response: z.array(accessLogEntry),
});

// The pupil's AVG record (issue 25 item 3): a read of the access log about one pupil, with the Providers that serve their school.

/**
 * Whose record it is: the name and the masked identifier the LAS lists, nothing more (no full
 * identifier, no birth date): the page must say whose record it is, and who reads it may not read
 * pupil data otherwise (lib/features/avg-record/avg-record.ts says why the name is shown).
 */
export const avgPupil = z.strictObject({ key: opaqueKey, name: z.string(), maskedId: z.string() });

/** One access to this pupil's data that the access log names them in (by the keyed hash of one of their identifiers). */
export const avgAccess = z.strictObject({
  at: isoTime,
  actor: z.string(),
  /** The actor's roles at the school, sorted, joined by commas. */
  actorRoles: z.string(),
  dataKind,
  action: accessAction,
  outcome: accessOutcome,
});

/**
 * Reads of whole lists and exports of the school that may have included this pupil: the log counts
 * them per list, it does not name the pupils in them. Per kind of data and action, since the oldest.
 */
export const avgUnnamed = z.strictObject({ dataKind, action: accessAction, count, since: isoTime });

/**
 * Where consent for a Provider and one of its APIs stands at the school: none asked, asked, given,
 * refused, revoked (by the Provider, or withdrawn by the school), or unmanaged: the Source takes no
 * part in the Edu-V Consent API, so its consent is arranged outside the dashboard.
 */
export const AVG_CONSENT_STATES = ["none", "asked", "given", "refused", "revoked", "unmanaged"] as const;

/** A Provider serving the school, one of its consent APIs, what data (scopes) under which consent; whether it was asked about this pupil. */
export const avgProvider = z.strictObject({
  providerId: z.string(),
  providerName: z.string(),
  api: z.enum(CONSENT_API_NAMES),
  /** The scopes of the latest request, or, with none, those the dashboard would ask (what it reads through this API). */
  scopes: z.array(z.string()),
  state: z.enum(AVG_CONSENT_STATES),
  /** When the state was last set (null: nothing asked). */
  since: isoTime.nullable(),
  /**
   * How many logged reads asked this Provider about this pupil by their identifier (a licence lookup
   * asks every Licentieregistratie of the school). Null for an API the dashboard only reads whole-school lists through.
   */
  askedAboutPupil: count.nullable(),
});

export const avgRecordAnswer = z.strictObject({
  pupil: avgPupil,
  /** Newest first; at most `limit`. */
  accesses: z.array(avgAccess),
  /** Whether older accesses were left out (more than `limit`). */
  truncated: z.boolean(),
  limit: count,
  unnamed: z.array(avgUnnamed),
  providers: z.array(avgProvider),
  /** When this record was read: the moment printed on it. */
  readAt: isoTime,
});

export type AvgRecordAnswer = z.infer<typeof avgRecordAnswer>;
export type AvgAccess = z.infer<typeof avgAccess>;
export type AvgUnnamed = z.infer<typeof avgUnnamed>;
export type AvgProvider = z.infer<typeof avgProvider>;
export type AvgConsentState = (typeof AVG_CONSENT_STATES)[number];

/** GET /api/students/avg?key= – the pupil's AVG record (issue 25 item 3): who accessed their data, which Providers, which consent. Logged. */
export const studentsAvg = contract({
  method: "GET",
  path: "/api/students/avg",
  query: z.strictObject({ key: opaqueKey }),
  response: avgRecordAnswer,
});
