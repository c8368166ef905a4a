import { z } from "zod";
import { count, isoTime } from "./common";
import { contract } from "./define";

/**
 * The mass-change guard (issue 25): a school's LAS list (pupils, or enrollments) whose whole-school
 * answer lost more than a set share of the last good answer's records is held for review: the lists
 * show the last good answer (or, when the server no longer holds it, the new one marked suspect), and
 * nothing is concluded from a record's absence ("left", "not enrolled", "not in the LAS") until a
 * school administrator accepts the change. Counts and times only: no pupil is named here.
 */
export const MASS_CHANGE_LISTS = ["students", "enrollments"] as const;
export const massChangeList = z.enum(MASS_CHANGE_LISTS);

/**
 * What is served while a change waits: the last good answer (`held`), or the new answer (`suspect`:
 * this server instance no longer holds the last good one, e.g. after a restart).
 */
export const massChangeServed = z.enum(["held", "suspect"]);

/** A change waiting for review: first seen `since`; the last good answer's count (`was`), the latest answer's (`now`), and how many fewer (`lost`). */
export const massChangeHold = z.strictObject({ since: isoTime, was: count, now: count, lost: count });

/** One list of an answer built while its change waits (the data-quality checks name them). */
export const massChangePending = z.strictObject({ list: massChangeList, ...massChangeHold.shape, served: massChangeServed });

/** Why a check concludes nothing: its conclusion would rest on records missing from a LAS answer held for review. */
export const massChangeNotKnown = z.literal("mass_change");

/**
 * One of the school's lists: its baseline (the last good answer's count, and when it was read: to
 * within 10 minutes while the count stays the same; null before the first), and the change waiting, if any.
 */
export const massChangeState = z.strictObject({
  list: massChangeList,
  baseline: z.strictObject({ count, at: isoTime }).nullable(),
  /** `seenAt`: when the latest losing answer was read. */
  pending: z.strictObject({ ...massChangeHold.shape, seenAt: isoTime, served: massChangeServed }).nullable(),
});

/** The school's lists as the guard knows them (as of the last whole-school answer read), and the share that holds an answer. */
export const dataQualityMassChange = contract({
  method: "GET",
  path: "/api/data-quality/mass-change",
  response: z.strictObject({ share: z.number().gt(0).max(1), lists: z.array(massChangeState) }),
});

/**
 * A school administrator accepts the waiting change of one list: the latest answer becomes the
 * baseline and is served from then on; logged. `now`: the count the administrator saw, so a later
 * answer with another count is not accepted unseen (409). `accepted: false` when nothing waited.
 */
export const dataQualityMassChangeAccept = contract({
  method: "POST",
  path: "/api/data-quality/mass-change/accept",
  body: z.strictObject({ list: massChangeList, now: count.optional() }),
  response: z.strictObject({ accepted: z.boolean(), state: massChangeState }),
});

export type MassChangeListName = z.infer<typeof massChangeList>;
export type MassChangeHold = z.infer<typeof massChangeHold>;
export type MassChangePending = z.infer<typeof massChangePending>;
export type MassChangeState = z.infer<typeof massChangeState>;
