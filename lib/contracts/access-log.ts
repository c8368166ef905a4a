import { z } from "zod";
import { count, isoTime } from "./common";
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
