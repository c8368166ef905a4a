import { z } from "zod";
import { hash32, mix32 } from "./prng";

export const knobsSchema = z.strictObject({
  latencyMs: z.number().min(0).max(120_000).default(0),
  errorRate: z.number().min(0).max(1).default(0),
  timeoutRate: z.number().min(0).max(1).default(0),
  resetRate: z.number().min(0).max(1).default(0),
  malformedJsonRate: z.number().min(0).max(1).default(0),
  invalidRecordRate: z.number().min(0).max(1).default(0),
  invalidRecords: z.int().min(0).default(0),
  expireTokens: z.boolean().default(false),
  tokenTtlSeconds: z.int().min(1).max(86_400).default(300),
  /** How long a "timeout" answer hangs when the client does not hang up first. */
  hangMs: z.int().min(0).max(600_000).default(120_000),
  /** Who answers a consent request: the school's administrator through /_admin/consent ("manual"), or the Source itself. */
  consentDecision: z.enum(["manual", "confirm", "refuse"]).default("manual"),
  consentDecisionDelayMs: z.int().min(0).max(600_000).default(0),
  /** 500 with a StatusResponse (errorRate stays the 503 of an overloaded Source). */
  serverErrorRate: z.number().min(0).max(1).default(0),
  /** 429 with Retry-After: the Source's rate limit. */
  tooManyRequestsRate: z.number().min(0).max(1).default(0),
  retryAfterSeconds: z.int().min(0).max(86_400).default(2),
  /** Adds Retry-After to the 503 answers too (errorRate, and the token endpoint's 503). */
  retryAfterOn503: z.boolean().default(false),
  /** The token endpoint fails: 400 invalid_client as OAuth answers, or a 5xx. */
  tokenErrorRate: z.number().min(0).max(1).default(0),
  tokenErrorStatus: z.union([z.literal(400), z.literal(500), z.literal(503)]).default(503),
  /** A 200 list answer preceded by this many bytes of JSON whitespace: valid, and larger than any client cap. */
  oversizeRate: z.number().min(0).max(1).default(0),
  oversizeBytes: z
    .int()
    .min(0)
    .max(2 ** 31)
    .default(70 * 1024 * 1024),
  /** Whether the oversize answer declares its Content-Length (false: chunked), so a cap is tested both ways. */
  oversizeDeclared: z.boolean().default(true),
  /** Per record of a 200 list answer, the chance of one variation the seed documents allow (variance.ts). */
  varianceRate: z.number().min(0).max(1).default(0),
  /** "minimal": consent statuses with only the fields Edu-V documents (no providerStatus, no changedAt). */
  consentStatusShape: z.enum(["full", "minimal"]).default("full"),
  /** GET /consent/statuses also reports the consent held from the start (granted before any request), without a consumerReferenceId. */
  reportHeldConsent: z.boolean().default(false),
  /**
   * The data endpoints disagree with the consent statuses: "refuses" answers 403/0022 wherever consent
   * is checked, whatever is registered; "delivers" answers without consent. The statuses are unaffected.
   */
  consentDataDisagrees: z.enum(["none", "refuses", "delivers"]).default("none"),
  /** A Source with a notifier (SandboxOptions.notifiers) pushes every change of a registration; false: it pushes nothing (the consumer must poll). */
  consentPush: z.boolean().default(true),
  /** Issue 21: the enrollments answer names every pupil by `userIds` only (the student record's, reversed), no `userMasterIdentifier` (issue21.ts). */
  enrollmentStudentByUserIds: z.boolean().default(false),
  /**
   * Issue 21: the enrollments of one offering (study or subject) carry a status the ObjectStatus list
   * does not have; with `endingBefore` (YYYY-MM-DD) only those whose endDate lies before it (issue21.ts).
   */
  unknownEnrollmentStatus: z
    .strictObject({
      offering: z.string().min(1),
      status: z
        .string()
        .min(1)
        .refine((s) => s !== "active" && s !== "tobedeleted", "an ObjectStatus value is no unknown status")
        .default("pending"),
      endingBefore: z.iso.date().optional(),
    })
    .nullable()
    .default(null),
  /** Issue 21: the usage endpoint answers every request 404 with a StatusResponse naming 0023 (the school is unknown here, ERRATA 36). */
  usageSchoolUnknown: z.boolean().default(false),
  /**
   * Issue 25: a LAS adds to each school's students and enrollments answers records that trip the
   * data-quality checks, each exactly one (data/anomalies.ts: ANOMALY_COUNTS, ADDED_PER_SCHOOL); the
   * generated records stay as they are. Off: every answer as before.
   */
  seedAnomalies: z.boolean().default(false),
  /**
   * Issue 25: a half-empty export at rollover. The students and enrollments answers keep only this
   * share of each school's generated pupils (evenly spread: ⌊n × share⌋ of n; 0.5 every second one)
   * and their enrollments (mass-change.ts). 1: every answer as before.
   */
  keptPupilShare: z.number().min(0).max(1).default(1),
});

export type Knobs = z.output<typeof knobsSchema>;
// Without the defaults: zod 4 fills them in even for optional fields, and a patch must change only the knobs it names.
const knobsPatch = z.strictObject(
  Object.fromEntries(Object.entries(knobsSchema.shape).map(([k, v]) => [k, v.unwrap().optional()])),
) as unknown as z.ZodType<Partial<Knobs>>;
export const knobsPatchSchema = z.record(z.string(), knobsPatch);

/** Knobs per Source; rates draw from a counter-based sequence so a test run repeats exactly. */
export class KnobBoard {
  private readonly knobs = new Map<string, Knobs>();
  private readonly counters = new Map<string, number>();

  constructor(private readonly initial: Record<string, Partial<Knobs>> = {}) {
    this.reset();
  }

  reset() {
    this.knobs.clear();
    this.counters.clear();
    for (const [id, k] of Object.entries(this.initial)) this.set(id, k);
  }

  get(sourceId: string): Knobs {
    return this.knobs.get(sourceId) ?? knobsSchema.parse({});
  }

  set(sourceId: string, patch: Partial<Knobs>) {
    this.knobs.set(sourceId, knobsSchema.parse({ ...this.get(sourceId), ...patch }));
  }

  all(): Record<string, Knobs> {
    return Object.fromEntries(this.knobs);
  }

  /** True with probability `rate`: 0 never, 1 always, in between by a deterministic draw. */
  roll(sourceId: string, what: string, rate: number): boolean {
    if (rate <= 0) return false;
    if (rate >= 1) return true;
    const key = `${sourceId}/${what}`;
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    return mix32(hash32(`${key}/${n}`)) / 4294967296 < rate;
  }
}

/** Positions of the records to corrupt in a list of `length`: an exact count spread evenly, plus a rate. */
export function corruptedIndexes(length: number, knobs: Knobs, roll: (i: number) => boolean): Set<number> {
  const out = new Set<number>();
  const n = Math.min(knobs.invalidRecords, length);
  for (let k = 0; k < n; k++) out.add(Math.floor(((k + 1) * length) / (n + 1)));
  if (knobs.invalidRecordRate > 0) for (let i = 0; i < length; i++) if (roll(i)) out.add(i);
  return out;
}

/** Makes a record schema-invalid in a way real Sources do: a required field missing, a date that does not exist. */
export function corrupt(record: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...record };
  if ("givenName" in copy) delete copy.givenName;
  else if ("beginDate" in copy) copy.beginDate = "31-02-2025";
  else if ("entitlements" in copy) delete copy.user;
  else delete copy[Object.keys(copy)[0]!];
  return copy;
}
