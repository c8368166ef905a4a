import "server-only";
import type { GuardedList } from "./baselines";
import { processState } from "@/lib/process-state";
import { AnswerCache, onConsentChange } from "@/lib/sources/answer-cache";

/**
 * Each school's last good whole-school answer per LAS list (pupils; enrollments), as its cache held
 * it: what the lists serve instead of an answer that lost too much (guard.ts). It is pupil data, so
 * it lives in memory only (the store has its counts), is let go on a consent change of its LAS at
 * the school (as the list cache lets that LAS's answers go), and is bounded as one list cache is (BFF_CACHE_MAX_ENTRIES answers, BFF_CACHE_MAX_BYTES), least
 * recently used out. Most of the time it is the very answer the list cache holds, so it costs memory
 * of its own only once that cache has let the answer go. After a restart, or once evicted, there is
 * none: a losing answer is then served as it is, marked suspect.
 */

type Kept = { value: unknown; at: number; bytes: number; sourceId: string };

const { maxEntries, maxBytes } = AnswerCache.optionsFromEnv();

const state = processState(
  {
    key: "answers.last-good",
    kind: "cache",
    what: "each school's last good pupil and enrollment lists from its LAS, served while a mass change waits for review",
    cap: `${maxEntries.toLocaleString("en")} lists and ${Math.round(maxBytes / (1024 * 1024))} MiB (BFF_CACHE_MAX_ENTRIES, BFF_CACHE_MAX_BYTES), until a newer good answer or a consent change`,
  },
  () => {
    const kept = { entries: new Map<string, Kept>(), bytes: 0 };
    onConsentChange((change) => {
      for (const [key, k] of [...kept.entries])
        if ("all" in change || (key.startsWith(prefix(change.schoolId)) && k.sourceId === change.sourceId)) drop(kept, key);
    });
    return kept;
  },
);

const prefix = (schoolId: string) => JSON.stringify([schoolId]).slice(0, -1) + ",";
const keyOf = (schoolId: string, list: GuardedList) => JSON.stringify([schoolId, list]);

function drop(kept: typeof state, key: string): void {
  const old = kept.entries.get(key);
  if (!old) return;
  kept.entries.delete(key);
  kept.bytes -= old.bytes;
}

/** What is kept of an answer: the value, when it was read, its size as the Source sent it, and the LAS it came from. */
export type LastGood = Kept;

/** Keeps `answer` as the school's last good answer of `list`; one larger than the whole budget is not kept. */
export function keepLastGood(schoolId: string, list: GuardedList, answer: LastGood): void {
  const key = keyOf(schoolId, list);
  drop(state, key);
  const { bytes } = answer;
  if (bytes > maxBytes) return;
  state.entries.set(key, answer);
  state.bytes += bytes;
  for (const oldest of state.entries.keys()) {
    if (state.entries.size <= maxEntries && state.bytes <= maxBytes) break;
    drop(state, oldest);
  }
}

/** The school's last good answer of `list` with when it was read, if this process still holds it. */
export function lastGood<T>(schoolId: string, list: GuardedList): { value: T; at: number } | undefined {
  const key = keyOf(schoolId, list);
  const hit = state.entries.get(key);
  if (!hit) return undefined;
  state.entries.delete(key);
  state.entries.set(key, hit); // most recently used goes last
  return { value: hit.value as T, at: hit.at };
}

/** Lets the school's last good answer of `list` go (a school administrator accepted the change). */
export function forgetLastGood(schoolId: string, list: GuardedList): void {
  drop(state, keyOf(schoolId, list));
}

/** Whether this process still holds the school's last good answer of `list` (without counting it as a use). */
export function holdsLastGood(schoolId: string, list: GuardedList): boolean {
  return state.entries.has(keyOf(schoolId, list));
}

/** Lets every last good answer go (the browser tests' reset, review.ts `forgetMassChanges`). */
export function forgetAllLastGood(): void {
  for (const key of [...state.entries.keys()]) drop(state, key);
}
