import "server-only";
import { personHash } from "@/lib/privacy/person-hash";
import { AnswerCache } from "@/lib/sources/answer-cache";
import { EduvClient } from "@/lib/sources/transport/client";
import { SourceError, type SourceErrorKind } from "@/lib/sources/errors";
import { getUserUsage } from "@/lib/sources/operations";
import { schoolReferenceFor } from "@/lib/sources/transport/request-params";
import { leftOutEntitlements, type EntitlementUsage, type SchoolUserUsage } from "@/lib/sources/reading/schemas/usage";
import type { SchoolConfig, SourceConfig } from "@/lib/sources/config";
import type { AnswerScope, EntitlementMeaning, RegistryStatus, Totals } from "@/lib/contracts/usage";

/** Who to ask about: an ECK iD, or identifiers of a given type (employees have no ECK iD in Edu-V). */
export type UserRef = { userMasterIdentifier: string } | { userIds: Array<{ userId: string; userIdType: string }> };

export type { AnswerScope, EntitlementMeaning, RegistryStatus, Totals } from "@/lib/contracts/usage";

export type EntitlementRow = EntitlementUsage & { sourceId: string; sourceName: string };

export type RegistryOutcome = {
  sourceId: string;
  sourceName: string;
  sourceKind: SourceConfig["kind"];
  status: RegistryStatus;
  statusCode?: string;
  /** For `busy`: when the Source is asked again (ISO 8601), when known. */
  retryAt?: string;
  /** The field paths of the person's record that failed validation (`unreadable`, or `ok` with a second record left out). */
  unreadableFields?: string[];
  /**
   * Parts of the answer the Source sent that could not be read, each left out alone with the answer
   * kept: `count` the entitlement items left out, `parts` (only when there are any) the other parts
   * left out (a total: then counted from the entitlements), and all their field paths with counts.
   * Set when anything was left out, a lone total included.
   */
  leftOutItems?: { count: number; parts?: number; paths: Record<string, number> };
  totals?: Totals;
  entitlements: EntitlementRow[];
  /** How old the answer is: 0 when just asked (or when it failed; failures are never kept). */
  ageMs?: number;
};

export type UsageAnswer = {
  registries: RegistryOutcome[];
  totals: Totals;
  entitlements: EntitlementRow[];
  scope: AnswerScope;
  ageMs: number;
};

/** Refusals that hold for the whole school at that Source: asking again for the next pupil would get the same answer. */
export const SCHOOL_WIDE: ReadonlySet<string> = new Set([
  "consent_missing",
  "method_not_allowed",
  "scope_missing",
  "token_invalid",
  "token_refused",
  "school_unknown",
  "not_configured",
] satisfies SourceErrorKind[]);

/** Whether a registry's status is a refusal of the whole school (`SCHOOL_WIDE`), always a Source error kind. */
export function refusesSchool(status: RegistryStatus): status is SourceErrorKind {
  return SCHOOL_WIDE.has(status);
}

const ZERO: Totals = { entitled: 0, licensed: 0, cancelled: 0, blocked: 0, expired: 0 };

// One entry per person and Source: many more entries than the list caches, kept longer (coverage runs reuse them).
const cache = AnswerCache.shared<RegistryOutcome>("usage", {
  maxEntries: Number(process.env.USAGE_CACHE_MAX_ENTRIES ?? 20_000),
  ttlMs: Number(process.env.USAGE_CACHE_TTL_SECONDS ?? 600) * 1000,
});

/** The Sources that may hold usage for a school: every Licentieregistratie (and Aanspraakmanager) configured for it. */
export function usageSources(client: EduvClient, school: SchoolConfig): SourceConfig[] {
  return client.config.sources.filter((s) => s.apis.includes("usage") && s.schools.includes(school.id));
}

export function userKeyOf(user: UserRef): string {
  return "userMasterIdentifier" in user ? user.userMasterIdentifier : user.userIds.map((u) => `${u.userIdType}:${u.userId}`).join(",");
}

function totalsOf(answer: SchoolUserUsage): Totals {
  const count = (s: string) => answer.entitlements.filter((e) => e.entitlementStatus === s).length;
  return {
    entitled: answer.totalEntitled ?? count("entitled"),
    licensed: answer.totalLicensed ?? count("licensed"),
    cancelled: answer.totalCancelled ?? count("cancelled"),
    blocked: answer.totalBlocked ?? count("blocked"),
    expired: answer.totalExpired ?? count("expired"),
  };
}

/** The Source sent this person's record, but no record of the answer could be read: reported, never cached. */
class UnreadableUsage extends Error {
  constructor(readonly fields: string[]) {
    super("usage record failed validation");
  }
}

async function askOne(
  client: EduvClient,
  source: SourceConfig,
  school: SchoolConfig,
  user: UserRef,
  opts: { refresh?: boolean; signal?: AbortSignal },
): Promise<RegistryOutcome> {
  const base = { sourceId: source.id, sourceName: source.name, sourceKind: source.kind, entitlements: [] as EntitlementRow[] };
  // Cached by a keyed hash of the person, never the identifier; errors are not cached.
  const key = AnswerCache.key({
    sourceId: source.id,
    schoolId: school.id,
    operationId: getUserUsage.operationId,
    query: { user: personHash(userKeyOf(user)) },
    scopes: EduvClient.scopesFor(getUserUsage, source),
  });
  try {
    const { value, ageMs } = await cache.get(
      key,
      async () => {
        try {
          const result = await client.call(getUserUsage, source.id, {
            body: { school: schoolReferenceFor(school), user },
            signal: opts.signal,
          });
          const answers = result.records;
          const invalidFields = Object.keys(result.report?.invalid.paths ?? {}).sort();
          // An answer whose only record failed validation is not "no entitlements": the record was sent and could not be read.
          if ((result.report?.invalid.count ?? 0) > 0 && answers.length === 0) throw new UnreadableUsage(invalidFields);
          const entitlements = answers.flatMap((a) => a.entitlements.map((e) => ({ ...e, sourceId: source.id, sourceName: source.name })));
          const totals = answers.map(totalsOf).reduce(addTotals, ZERO);
          const leftOut = answers.reduce((n, a) => n + leftOutEntitlements(a.entitlements), 0);
          const value: RegistryOutcome = { ...base, status: "ok", totals, entitlements };
          if (invalidFields.length) value.unreadableFields = invalidFields;
          const paths = { ...result.report?.leftOutItems };
          // Parts outside the entitlement list (a total, say): counted by path, one part each time (items.ts counts items by the list).
          let parts = 0;
          for (const [path, n] of Object.entries(paths)) if (!path.startsWith("entitlements[]")) parts += n;
          if (leftOut || parts) value.leftOutItems = { count: leftOut, ...(parts ? { parts } : {}), paths };
          return { value, bytes: result.meta.bytes };
        } catch (err) {
          // A Licentieregistratie answers 404 for a person it holds nothing for: an answer, and worth keeping.
          // Only a 404 without a code that says more is that (ERRATA 36): a 404 naming 0023 arrives as
          // school_unknown, 0021/0022 as a refusal, and those are thrown on, neither cached nor counted.
          if (err instanceof SourceError && err.kind === "not_found")
            return { value: { ...base, status: "unknown_user" as const, totals: ZERO }, bytes: 64 };
          throw err;
        }
      },
      opts,
    );
    return { ...value, ageMs };
  } catch (err) {
    if (err instanceof UnreadableUsage) return { ...base, status: "unreadable", unreadableFields: err.fields };
    if (err instanceof SourceError) return { ...base, status: err.kind, statusCode: err.toJSON().statusCode, retryAt: err.retryAt };
    throw err;
  }
}

/** An answer about this person: entitlements, or "does not know this person". */
export function answered(r: Pick<RegistryOutcome, "status">): boolean {
  return r.status === "ok" || r.status === "unknown_user";
}

/** An Aanspraakmanager's 405: Edu-V says it does not provide usage, so it is neither counted nor missed. */
export function notAProvider(r: Pick<RegistryOutcome, "status" | "sourceKind">): boolean {
  return r.status === "method_not_allowed" && r.sourceKind !== "licentieregistratie";
}

/** Which registries the totals cover, which gave no usable answer, and which answered without entitlements. */
export function scopeOf(registries: readonly RegistryOutcome[]): AnswerScope {
  const counted = registries.filter(answered);
  return {
    counted: counted.map((r) => r.sourceName),
    notCounted: registries.filter((r) => !answered(r) && !notAProvider(r)).map((r) => r.sourceName),
    withoutEntitlements: counted.filter((r) => r.entitlements.length === 0).map((r) => r.sourceName),
  };
}

export function addTotals(a: Totals, b: Totals): Totals {
  return {
    entitled: a.entitled + b.entitled,
    licensed: a.licensed + b.licensed,
    cancelled: a.cancelled + b.cancelled,
    blocked: a.blocked + b.blocked,
    expired: a.expired + b.expired,
  };
}

/**
 * POST /usage/school/user at every usage Source of the school, in parallel; the answers merged.
 * A Source that refuses or fails is named with its reason while the others' answers stand.
 * `skip` holds Sources already known to refuse the whole school (a fan-out asks them once).
 */
export async function lookupUsage(
  client: EduvClient,
  school: SchoolConfig,
  user: UserRef,
  opts: { refresh?: boolean; signal?: AbortSignal; skip?: ReadonlyMap<string, RegistryOutcome> } = {},
): Promise<UsageAnswer> {
  const sources = usageSources(client, school);
  if (!sources.length) throw new SourceError("not_configured", "(none)", { detail: "no Source serves usage for this school" });
  const registries = await Promise.all(sources.map((s) => opts.skip?.get(s.id) ?? askOne(client, s, school, user, opts)));
  const entitlements = registries.flatMap((r) => r.entitlements);
  // Only answers about this person are added up; the others are named (scopeOf), not read as zero.
  const totals = registries
    .filter(answered)
    .map((r) => r.totals ?? ZERO)
    .reduce(addTotals, ZERO);
  return { registries, totals, entitlements, scope: scopeOf(registries), ageMs: Math.max(0, ...registries.map((r) => r.ageMs ?? 0)) };
}

export function meaningOf(
  e: Pick<EntitlementUsage, "entitlementStatus" | "activationUntilDate" | "expirationDate">,
  today: string,
): EntitlementMeaning {
  switch (e.entitlementStatus) {
    case "licensed":
      return e.expirationDate && e.expirationDate <= today ? "expired" : "ok";
    case "entitled":
      return e.activationUntilDate && e.activationUntilDate < today ? "activation_lapsed" : "not_activated";
    case "cancelled":
      return "cancelled";
    case "blocked":
      return "blocked";
    case "expired":
      return "expired";
    default:
      // No status, or one the spec does not know (a newer Source): unknown, never counted as working.
      return "unknown";
  }
}

/** The date taken as today: LDB_REFERENCE_DATE when set (the sandbox's data describe school year 2025-2026), else the real date. */
export function referenceDate(): string {
  const configured = process.env.LDB_REFERENCE_DATE;
  if (configured && /^\d{4}-\d{2}-\d{2}$/.test(configured)) return configured;
  return new Date().toISOString().slice(0, 10);
}
