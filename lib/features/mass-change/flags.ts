import type { MassChangeListName, MassChangePending } from "@/lib/contracts/mass-change";

/**
 * How a served LAS list stands under the mass-change guard (guard.ts), as the lists carry it to
 * whoever reads them, and what those readers ask of it. Counts and times only.
 */

/** A change waiting for review: since when, the last good answer's count, the latest answer's, and how many fewer that is. */
export type Hold = { since: string; was: number; now: number; lost: number };

/** How a served list stands: the last good answer instead of the new one (`held`), or the new one while a change waits (`suspect`). */
export type MassChangeFlags = { held?: Hold; suspect?: Hold };

/** Whether any of these lists is served while a change waits: then nothing is concluded from a record's absence. */
export function pendingIn(...lists: ReadonlyArray<MassChangeFlags | undefined>): boolean {
  return lists.some((l) => l?.held !== undefined || l?.suspect !== undefined);
}

/** The flags alone, for a list that spreads its answer's fields beside them. */
export function flagsOf(served: MassChangeFlags): MassChangeFlags {
  return { ...(served.held ? { held: served.held } : {}), ...(served.suspect ? { suspect: served.suspect } : {}) };
}

/** The lists served while their change waits, as an answer built from them names them (lib/contracts/mass-change.ts). */
export function pendingLists(lists: Partial<Record<MassChangeListName, MassChangeFlags>>): MassChangePending[] {
  const out: MassChangePending[] = [];
  for (const list of ["students", "enrollments"] as const) {
    const flags = lists[list];
    if (flags?.held) out.push({ list, ...flags.held, served: "held" });
    else if (flags?.suspect) out.push({ list, ...flags.suspect, served: "suspect" });
  }
  return out;
}
