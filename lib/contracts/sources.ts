import { z } from "zod";
import { count, isoTime } from "./common";
import { contract } from "./define";

/** Every Source error kind (lib/sources/errors.ts SOURCE_ERROR_KINDS; lib/contracts/sources.test.ts keeps them equal). A failing Source's error code in the BFF's answers. */
export const SOURCE_ERROR_KIND_NAMES = [
  "scope_missing",
  "token_invalid",
  "consent_missing",
  "school_unknown",
  "request_rejected",
  "not_found",
  "method_not_allowed",
  "server_error",
  "timeout",
  "unreachable",
  "invalid_answer",
  "too_large",
  "busy",
  "token_refused",
  "token_unavailable",
  "not_configured",
] as const;
/** What a Source is (lib/sources/config.ts SOURCE_KINDS; kept equal by the same test). */
export const SOURCE_KIND_NAMES = ["las", "licentieregistratie", "aanspraakmanager"] as const;
/** The Edu-V APIs a Source may serve, by the dashboard's operation names (lib/sources/config.ts SOURCE_APIS; kept equal by the same test). */
export const SOURCE_API_NAMES = ["students", "enrollments", "assignments", "usage", "consent"] as const;

export const sourceErrorKind = z.enum(SOURCE_ERROR_KIND_NAMES);
export const sourceKind = z.enum(SOURCE_KIND_NAMES);
export const sourceApi = z.enum(SOURCE_API_NAMES);

/** Whether a token can be obtained right now; why not as a code (a Source error kind with the Edu-V code received, or "internal"). */
export const tokenProbe = z.discriminatedUnion("ok", [
  z.strictObject({ ok: z.literal(true), scopes: z.array(z.string()), expiresInSeconds: count, latencyMs: count }),
  z.strictObject({
    ok: z.literal(false),
    errorKind: z.enum([...SOURCE_ERROR_KIND_NAMES, "internal"]),
    statusCode: z.string().optional(),
    latencyMs: count,
  }),
]);

/** A Source serving one of the viewer's schools: what it serves (of those schools only) and whether a token can be had. No URLs, no secrets. */
export const sourceProbe = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: sourceKind,
  apis: z.array(sourceApi),
  schools: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  token: tokenProbe,
});

/** The last call to the Source from this process: no URLs, no bodies, no identifiers. */
export const lastCall = z.strictObject({
  lastCallAt: isoTime,
  lastLatencyMs: count,
  lastOk: z.boolean(),
  lastError: z.strictObject({ kind: sourceErrorKind, at: isoTime, httpStatus: z.int().optional() }).optional(),
});

export const sourceStatus = sourceProbe.extend({ lastCall: lastCall.nullable() });

export type SourceErrorKindName = z.infer<typeof sourceErrorKind>;
export type SourceKindName = z.infer<typeof sourceKind>;
export type TokenProbe = z.infer<typeof tokenProbe>;
export type SourceProbe = z.infer<typeof sourceProbe>;
export type LastCall = z.infer<typeof lastCall>;
export type SourceStatus = z.infer<typeof sourceStatus>;

export const sourcesList = contract({
  method: "GET",
  path: "/api/sources",
  response: z.array(sourceStatus),
});

/** The Source's last 7 days of contract health as a Markdown file for its vendor. A Source id is configuration, not personal data: it may be in the URL. */
export const sourcesContractReport = contract({
  method: "GET",
  path: "/api/sources/contract-report",
  query: z.strictObject({ source: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/) }),
  file: "text/markdown",
});

/** Counts by a key: an HTTP status or error kind, an Edu-V code, a field path, a latency bucket. */
export const healthCounts = z.record(z.string(), count);
/** A moment or the start of an hour, in epoch ms. */
const epochMs = z.int().nonnegative();
/** The upper bound (ms) of a latency bucket; Infinity for the open one (above LATENCY_OPEN_FROM_MS). */
const latencyBound = z.number().positive().or(z.literal(Infinity));

/** The key counts go to once a map is full (lib/sources/health/contract-health.ts OTHER_KEY; kept equal by the test). */
export const OTHER_KEY = "(other)";
/** The last bound of the latency buckets: a p95 of Infinity is "more than this" (LATENCY_BOUNDS_MS's last; kept equal by the test). */
export const LATENCY_OPEN_FROM_MS = 100_000;

/** The last failed attempt of an operation: its error kind (any string: older rows may name a kind no longer known), HTTP status, Edu-V code. */
export const healthLastError = z.strictObject({
  kind: z.string(),
  httpStatus: z.int().nullable(),
  code: z.string().nullable(),
  at: epochMs,
});

/** One operation's counters over the period (lib/sources/health/contract-health.ts HealthCounters). */
export const healthCounters = z.strictObject({
  calls: count,
  failed: count,
  answers: healthCounts,
  codes: healthCounts,
  received: count,
  kept: count,
  leftOut: count,
  leftOutPaths: healthCounts,
  normalizedPaths: healthCounts,
  leftOutItems: healthCounts,
  unknownEnums: healthCounts,
  latency: healthCounts,
  lastError: healthLastError.nullable(),
});

export const operationHealthSummary = z.strictObject({
  operationId: z.string(),
  /** "GET /students/school" when the operation is known, else undefined. */
  endpoint: z.string().optional(),
  counters: healthCounters,
  /** Upper bounds of the latency buckets (ms); Infinity for the open bucket; undefined without attempts. */
  p50: latencyBound.optional(),
  p95: latencyBound.optional(),
});

/**
 * A Source's last 7 days of contract health as the server sums them up
 * (lib/sources/health/contract-health-summary.ts SourceSummary; the Bronnen page hands it to its
 * contract-health section typed by this, and lib/contracts/sources.test.ts parses a real one).
 * No BFF endpoint answers it as JSON (the vendor's report is Markdown): the page passes it to its
 * server components as it is, so a p95 of Infinity arrives as Infinity.
 */
export const sourceHealthSummary = z.strictObject({
  sourceId: z.string(),
  /** First hour of the period (epoch ms) and the moment it was summed up. */
  from: epochMs,
  to: epochMs,
  /** One entry per hour of the period, oldest first, empty hours included. */
  hourly: z.array(z.strictObject({ hour: epochMs, ok: count, failed: count })),
  totals: z.strictObject({ calls: count, failed: count }),
  operations: z.array(operationHealthSummary),
});

export type HealthCounts = z.infer<typeof healthCounts>;
export type HealthLastError = z.infer<typeof healthLastError>;
export type HealthCounters = z.infer<typeof healthCounters>;
export type OperationHealthSummary = z.infer<typeof operationHealthSummary>;
export type SourceHealthSummary = z.infer<typeof sourceHealthSummary>;
