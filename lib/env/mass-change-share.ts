/**
 * The mass-change guard's threshold: a whole-school LAS answer that has lost more than this share of
 * the records of the last good one is held for review (issue 25). `LDB_MASS_CHANGE_SHARE`, a decimal
 * share above 0 and at most 1: 0.2 (the default) holds an answer that lost more than 20 % of its
 * pupils or enrollments; 1 never holds one (no answer can lose more than all). A value that is no such
 * share stops the start (start-check.ts), and fails every read here: a guard running at a
 * threshold nobody chose would hold answers, or let them through, without anyone having decided so.
 * No `server-only`: the start check reads it too.
 */

export const DEFAULT_MASS_CHANGE_SHARE = 0.2;

/** The share as written: digits with one decimal point (0.2, .25, 1), no sign, no exponent, no percent sign. */
const DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

export class MassChangeShareError extends Error {
  override readonly name = "MassChangeShareError";
  constructor(value: string) {
    // The value is configuration, never personal data; cut short all the same.
    super(
      `LDB_MASS_CHANGE_SHARE must be a share above 0 and at most 1 (0.2 holds an answer that lost more than 20 %), not "${value.slice(0, 40)}"`,
    );
  }
}

/** The threshold from the environment: the default when unset or blank, else the share given; throws MassChangeShareError for anything else. */
export function massChangeShare(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env.LDB_MASS_CHANGE_SHARE?.trim();
  if (!raw) return DEFAULT_MASS_CHANGE_SHARE;
  const share = DECIMAL.test(raw) ? Number(raw) : Number.NaN;
  if (!(share > 0 && share <= 1)) throw new MassChangeShareError(raw);
  return share;
}

/** Why the threshold setting stops the start, or null when it may start. */
export function massChangeShareProblem(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  try {
    massChangeShare(env);
    return null;
  } catch (err) {
    if (err instanceof MassChangeShareError) return `Leermiddelendashboard will not start: ${err.message}.`;
    throw err;
  }
}
