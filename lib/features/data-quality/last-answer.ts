import "server-only";
import type { DataQualityAnswer } from "@/lib/contracts/data-quality";
import { processState } from "@/lib/process-state";
import { onConsentChange } from "@/lib/sources/answer-cache";

/** Schools whose last answer is kept; past this the oldest is let go (a process serves a board's schools, not thousands). */
export const KEPT_SCHOOLS = 200;

type Kept = { answer: DataQualityAnswer; at: number };

/**
 * Each school's last data-quality answer, as the last check (or refresh) found it, kept as long as
 * the Sources' answers are (BFF_CACHE_TTL_SECONDS): the page shows what the last "Vernieuwen" found,
 * also when a LAS failed then, instead of checking again from an older cached list. A change of
 * consent at a school lets its answer go, as it lets the Source's answers go.
 */
const kept = processState(
  {
    key: "answers.data-quality",
    kind: "cache",
    what: "each school's last data-quality answer (masked identifiers and keys, no names)",
    cap: `one answer per school, at most ${KEPT_SCHOOLS} schools, kept BFF_CACHE_TTL_SECONDS (120 s)`,
  },
  () => {
    const answers = new Map<string, Kept>();
    onConsentChange((change) => ("all" in change ? answers.clear() : answers.delete(change.schoolId)));
    return answers;
  },
);

const ttlMs = () => Number(process.env.BFF_CACHE_TTL_SECONDS ?? 120) * 1000;

/** The school's last answer while it is younger than the Sources' answers may be, else undefined. */
export function lastAnswer(schoolId: string, now = Date.now()): DataQualityAnswer | undefined {
  const hit = kept.get(schoolId);
  if (!hit) return undefined;
  if (now - hit.at < ttlMs()) return hit.answer;
  kept.delete(schoolId);
  return undefined;
}

/** Keeps `answer` as the school's last (nothing is kept when answers are not cached at all). */
export function keepAnswer(schoolId: string, answer: DataQualityAnswer, now = Date.now()): void {
  if (ttlMs() <= 0) return;
  kept.delete(schoolId);
  kept.set(schoolId, { answer, at: now });
  if (kept.size > KEPT_SCHOOLS) kept.delete(kept.keys().next().value!);
}

/** Lets the school's last answer go (a mass change was accepted: the next read checks the lists as they are served now). */
export function forgetAnswer(schoolId: string): void {
  kept.delete(schoolId);
}
