/**
 * Every limit of the dashboard in one place, each with why it is this number. docs/operations.md,
 * "Limits", lists them; `LDB_LIMITS` (JSON, e.g. `{"lookup":{"capacity":60,"perMinute":60}}`)
 * may change the rate and queue numbers for a deployment, checked at first use.
 */
import { z } from "zod";
import type { Rule } from "./token-bucket";

/** What a staff member's request costs, by kind; one request may cost several kinds. */
export type UserLimitKind = "lookup" | "refresh" | "export" | "coverage";

const DEFAULTS = {
  /**
   * One person's data (usage, assignments, diagnosis, student detail and reveal, people search):
   * a support desk answering a call asks a few a minute; 30 at once and 30 a minute leaves them
   * untouched while a script walking the school's ECK iDs gets 1,800 an hour, not thousands a minute.
   */
  lookup: { capacity: 30, perMinute: 30 },
  /** "Ask the Source again" (skipping kept answers): a whole list or every registry again. One per 10 s. */
  refresh: { capacity: 5, perMinute: 6 },
  /** CSV exports: every row of a list or a coverage. Five in a row, then one every 30 s. */
  export: { capacity: 5, perMinute: 2 },
  /** Coverage runs (one Source call per pupil and registry): five classes in a row, then one every 30 s. */
  coverage: { capacity: 5, perMinute: 2 },
  /** Tokens issued per registered Provider client: a token lasts 300 s, so 10 a minute covers restarts and several pollers. */
  tokenClient: { capacity: 10, perMinute: 10 },
  /** Token requests per remote address that name no registered client or fail verification. */
  tokenAddress: { capacity: 10, perMinute: 10 },
  /** GET /consent/requests per Provider: a poll every few seconds is plenty (ours poll statuses every 2 s); 30 at once, 60 a minute. */
  consentPoll: { capacity: 30, perMinute: 60 },
  /**
   * Calls waiting for a Source, per staff member (or background worker) and per Source. A coverage
   * run keeps at most twice the largest maxConcurrentCalls of the school's registries in flight
   * (2 × 8 by default, 2 × 256 at the sources file's maximum); 64 lets a default run and a few
   * lookups wait side by side, and refuses a caller that queues without bound. A registry configured
   * with maxConcurrentCalls above 32 needs this raised to twice that, or its coverage runs hear "busy".
   */
  queuePerUser: 64,
  /** Calls waiting for one Source in all: a handful of users' bounds. */
  queueTotal: 256,
};

const rule = z.strictObject({ capacity: z.number().min(1).max(1_000_000), perMinute: z.number().positive().max(1_000_000) });
const overrides = z.strictObject({
  lookup: rule.optional(),
  refresh: rule.optional(),
  export: rule.optional(),
  coverage: rule.optional(),
  tokenClient: rule.optional(),
  tokenAddress: rule.optional(),
  consentPoll: rule.optional(),
  queuePerUser: z.int().min(1).max(100_000).optional(),
  queueTotal: z.int().min(1).max(1_000_000).optional(),
});

export type Limits = typeof DEFAULTS & Record<UserLimitKind, Rule>;

/** Coverage runs (and coverage exports, which run one) a staff member may have going at once. */
export const COVERAGE_RUNS_AT_ONCE = 1;

/** The limits in force: the defaults with LDB_LIMITS applied. A bad LDB_LIMITS stops the start-up, naming the field. */
export function limits(env: string | undefined = process.env.LDB_LIMITS): Limits {
  if (!env) return DEFAULTS;
  const parsed = overrides.safeParse(JSON.parse(env));
  if (!parsed.success) throw new Error(`LDB_LIMITS: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return { ...DEFAULTS, ...parsed.data };
}

export const DEFAULT_LIMITS: Readonly<Limits> = DEFAULTS;
