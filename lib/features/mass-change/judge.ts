/**
 * How a whole-school LAS answer compares with the last good one (issue 25's mass-change guard), as a
 * pure function of counts. Only a loss of more than the share is held: growth, an equal count and a
 * smaller loss are ordinary life at a school (pupils come and go) and move the baseline.
 */
export type Verdict = { kind: "first" } | { kind: "within" } | { kind: "loss"; lost: number };

/**
 * `was`: the baseline's count (null before any answer was judged: the first answer becomes the
 * baseline, there is nothing to compare it with). Compared as a share of `was` by division, so a loss
 * of exactly the share (2 of 10 at 0.2) is within it: the setting says "more than".
 */
export function judge(was: number | null, now: number, share: number): Verdict {
  if (was === null) return { kind: "first" };
  const lost = was - now;
  if (lost > 0 && lost / was > share) return { kind: "loss", lost };
  return { kind: "within" };
}
