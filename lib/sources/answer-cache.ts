import "server-only";
import { setMaxListeners } from "node:events";
import { processState } from "@/lib/process-state";

type Entry<T> = { value: T; bytes: number; storedAt: number };

export type CacheOptions = { maxEntries: number; maxBytes: number; ttlMs: number; now?: () => number };

/**
 * Where a change of consent is announced to every cache of the process. It is process state and
 * a platform EventTarget because Next bundles the consent worker (instrumentation) apart from the
 * routes: each bundle has its own copy of this module, but they share the process state. Other
 * instances hear of a change through PostgreSQL (lib/runtime/consent-changes.ts), which announces it here.
 */
const consentChanges = processState(
  {
    key: "sources.consent-changes",
    kind: "context",
    what: "where a consent change is announced to every answer cache",
    cap: "one listener per answer cache",
  },
  () => {
    const target = new EventTarget();
    // One listener per cache; tests make many caches: more than Node's default 10 is expected.
    setMaxListeners(0, target);
    return target;
  },
);
const CONSENT_CHANGED = "consent-changed";

export type ConsentChange = { sourceId: string; schoolId: string } | { all: true };

/**
 * A Provider confirmed, refused or revoked consent for a school: every cache of this process forgets
 * that Source's answers for that school, so data whose consent was withdrawn is not shown from the cache.
 */
export function announceConsentChange(sourceId: string, schoolId: string): void {
  consentChanges.dispatchEvent(new CustomEvent<ConsentChange>(CONSENT_CHANGED, { detail: { sourceId, schoolId } }));
}

/** Changes may have been missed (the link that tells of other instances' changes was down): forget every answer. */
export function announceAllConsentChanged(): void {
  consentChanges.dispatchEvent(new CustomEvent<ConsentChange>(CONSENT_CHANGED, { detail: { all: true } }));
}

/** Hears every consent change of the process (one Source at one school, or all): for what a feature keeps derived from Source answers. */
export function onConsentChange(listener: (change: ConsentChange) => void): void {
  consentChanges.addEventListener(CONSENT_CHANGED, (event) => listener((event as CustomEvent<ConsentChange>).detail));
}

/**
 * A short-lived, bounded cache of validated Source answers. Bounded by entries and by bytes, least
 * recently used first out; concurrent requests for the same key share one Source call. The key
 * must carry everything that changes the answer (Source, school, query, scopes), so nothing is
 * ever shared across schools or scope sets.
 */
export class AnswerCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly inFlight = new Map<string, Promise<Entry<T>>>();
  private bytes = 0;
  private readonly now: () => number;
  /** Counts consent changes heard: a load that began before one is served to its callers but not kept. */
  private epoch = 0;

  constructor(private readonly opts: CacheOptions) {
    this.now = opts.now ?? Date.now;
    consentChanges.addEventListener(CONSENT_CHANGED, (event) => {
      const change = (event as CustomEvent<ConsentChange>).detail;
      this.epoch++;
      const prefix = "all" in change ? "" : AnswerCache.sourceSchoolPrefix(change.sourceId, change.schoolId);
      for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.drop(key);
      // A caller arriving now must not join a load that may carry what the Source said before the change.
      for (const key of [...this.inFlight.keys()]) if (key.startsWith(prefix)) this.inFlight.delete(key);
    });
  }

  /** The bounds BFF_CACHE_MAX_ENTRIES, BFF_CACHE_MAX_BYTES and BFF_CACHE_TTL_SECONDS set, unless given here. */
  static optionsFromEnv(overrides: Partial<CacheOptions> = {}): CacheOptions {
    return {
      maxEntries: Number(process.env.BFF_CACHE_MAX_ENTRIES ?? 50),
      maxBytes: Number(process.env.BFF_CACHE_MAX_BYTES ?? 256 * 1024 * 1024),
      ttlMs: Number(process.env.BFF_CACHE_TTL_SECONDS ?? 120) * 1000,
      ...overrides,
    };
  }

  /** A cache of its own, bounded as `optionsFromEnv` says. */
  static fromEnv<T>(overrides: Partial<CacheOptions> = {}): AnswerCache<T> {
    return new AnswerCache<T>(AnswerCache.optionsFromEnv(overrides));
  }

  /**
   * The process's cache named `name`, made once for every route bundle (lib/process-state.ts), so
   * its bounds hold for the process and not per bundle.
   */
  static shared<T>(name: string, overrides: Partial<CacheOptions> = {}): AnswerCache<T> {
    const opts = AnswerCache.optionsFromEnv(overrides);
    const mib = Math.round(opts.maxBytes / (1024 * 1024));
    return processState(
      {
        key: `answers.${name}`,
        kind: "cache",
        what: `the Sources' validated ${name} answers`,
        cap: `${opts.maxEntries.toLocaleString("en")} answers and ${mib} MiB, each kept ${Math.round(opts.ttlMs / 1000)} s`,
      },
      () => new AnswerCache<T>(opts),
    );
  }

  /**
   * A canonical encoding: JSON of the query's entries sorted by name (undefined left out), so every
   * name and value is quoted and escaped and no value can pass for a separator ("a&b=c" used to be
   * the same key as two filters a and b). Query values are strings, numbers or booleans from zod.
   */
  static key(parts: {
    sourceId: string;
    schoolId: string;
    operationId: string;
    query: Record<string, unknown>;
    scopes: readonly string[];
  }): string {
    const query = Object.keys(parts.query)
      .sort()
      .filter((k) => parts.query[k] !== undefined)
      .map((k) => [k, parts.query[k]]);
    return (
      AnswerCache.sourceSchoolPrefix(parts.sourceId, parts.schoolId) + JSON.stringify([parts.operationId, query, [...parts.scopes].sort()])
    );
  }

  /**
   * How every key of one Source's answers for one school begins: a JSON array, which ends where it
   * ends (a quote inside an id is escaped), so one school's prefix never begins another's key.
   */
  private static sourceSchoolPrefix(sourceId: string, schoolId: string): string {
    return JSON.stringify([sourceId, schoolId]);
  }

  /** The cached answer with its age, or a fresh one from `load` (shared with concurrent callers). */
  async get(
    key: string,
    load: () => Promise<{ value: T; bytes: number }>,
    opts: { refresh?: boolean } = {},
  ): Promise<{ value: T; ageMs: number; fromCache: boolean }> {
    const hit = this.entries.get(key);
    if (hit && !opts.refresh && this.now() - hit.storedAt < this.opts.ttlMs) {
      this.entries.delete(key);
      this.entries.set(key, hit); // most recently used goes last
      return { value: hit.value, ageMs: this.now() - hit.storedAt, fromCache: true };
    }
    let pending = this.inFlight.get(key);
    if (!pending) {
      const epoch = this.epoch;
      const loading: Promise<Entry<T>> = load()
        .then(({ value, bytes }) => {
          const entry = { value, bytes, storedAt: this.now() };
          if (epoch === this.epoch) this.store(key, entry);
          return entry;
        })
        .finally(() => {
          if (this.inFlight.get(key) === loading) this.inFlight.delete(key);
        });
      pending = loading;
      this.inFlight.set(key, pending);
    }
    const entry = await pending;
    return { value: entry.value, ageMs: this.now() - entry.storedAt, fromCache: false };
  }

  private store(key: string, entry: Entry<T>) {
    this.drop(key);
    if (entry.bytes > this.opts.maxBytes) return; // larger than the whole budget: serve it, keep nothing
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    for (const [oldest, old] of this.entries) {
      if (this.entries.size <= this.opts.maxEntries && this.bytes <= this.opts.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.bytes;
    }
  }

  private drop(key: string) {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
  }

  stats() {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}
