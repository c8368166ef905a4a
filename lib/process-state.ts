/**
 * Everything a server process keeps in memory from one request to the next, in one place.
 *
 * Next bundles every route (and `instrumentation.ts`) with its own copy of each module, so a
 * module-level `const cache = …` exists once per bundle: a user's rate limit would be counted per
 * route, and each answer cache's memory cap would be multiplied by the number of bundles. Each piece
 * of process state is therefore made here once, under a key, and held on `globalThis` (the one thing
 * the bundles share). Each piece says what it is and what bounds its memory; the list is in
 * `processStateInventory()` and in docs/architecture.md ("Process state").
 *
 * No other module of `lib/` touches `globalThis` (lib/process-state.test.ts checks it).
 */

export type ProcessStateKind = "cache" | "limits" | "capacity" | "observability" | "context" | "connection";

export type ProcessStateSpec = {
  /** Unique in the process, e.g. "answers.students". */
  key: string;
  kind: ProcessStateKind;
  /** What it holds, in a few words. */
  what: string;
  /** What bounds its memory, stated with the setting that changes it. */
  cap: string;
};

type Slot = ProcessStateSpec & { value: unknown };

const REGISTRY = Symbol.for("ldb.process-state");
const holder = globalThis as typeof globalThis & { [REGISTRY]?: Map<string, Slot> };
const slots = (holder[REGISTRY] ??= new Map<string, Slot>());

/** The piece of state under `spec.key`, made by `create` the first time any bundle asks. */
export function processState<T>(spec: ProcessStateSpec, create: () => T): T {
  let slot = slots.get(spec.key);
  if (!slot) {
    slot = { ...spec, value: create() };
    slots.set(spec.key, slot);
  }
  return slot.value as T;
}

/** Tests: put a fresh value in place (fresh counters, a clock of their own). */
export function replaceProcessState<T>(spec: ProcessStateSpec, value: T): T {
  slots.set(spec.key, { ...spec, value });
  return value;
}

/** What the process holds now: key, kind, what and cap of every piece made so far. */
export function processStateInventory(): ProcessStateSpec[] {
  return [...slots.values()].map(({ key, kind, what, cap }) => ({ key, kind, what, cap })).sort((a, b) => a.key.localeCompare(b.key));
}
