import "server-only";
import { and, asc, eq, notInArray } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import {
  consentHistory,
  createConsentRequest,
  listConsentRequests,
  queueConsentRequest,
  knownConsentOf,
  statusCursors,
  type ConsentStatus,
} from "@/lib/db/consent";
import { consentRequestEvents, consentRequests, type ConsentRequestRow } from "@/lib/db/schema";
import { CONSENT_APIS, type ConsentApi } from "@/lib/sources/reading/schemas/consent";
import { SOURCE_ERROR_KINDS, type SourceErrorKind } from "@/lib/sources/errors";
import type { Locale } from "@/lib/i18n/locale";
import { sourceErrorText } from "@/lib/i18n/outcome-words";
import { wordsFor } from "@/lib/i18n/server-words";
import { schoolDayStart } from "@/lib/i18n/format";
import type { SourcesConfig } from "@/lib/sources/config";
import type { ConsentMatrix, ConsentOverview, ConsentRequestView, HistoryLine } from "@/lib/contracts/consent";
import { checkScopes, consentProviders, scopesForApi } from "./catalog";
import { isWithdrawable, withdrawTarget, withdrawalView } from "./withdraw";
import { cursorKey } from "./statuses";
import { checkView, checksOf } from "./live-check";
import { latestWithdrawals } from "@/lib/db/consent-revokes";

/**
 * What the consent managers' pages show of a school's consent requests: the list (filtered), the
 * matrix Provider × API with the latest request per cell, and the Provider options for a new one.
 * Times are ISO strings: these types are the BFF's JSON as the pages receive it.
 */

export type {
  ConsentChange,
  ConsentMatrix,
  ConsentOverview,
  ConsentRequestView,
  HistoryLine,
  MatrixCell,
  StatusPoll,
} from "@/lib/contracts/consent";
export type ConsentListFilter = { api?: string; providerId?: string; status?: string; since?: Date };

// A retry changes nothing the school can act on; a Provider down for a day would bury the real changes.
const NOT_A_CHANGE = ["retry"];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** A real calendar day: Date rolls 30 February over into March, so a real day reads back as itself. */
function realDay(day: string): boolean {
  const noon = new Date(`${day}T12:00:00Z`);
  return !Number.isNaN(noon.getTime()) && noon.toISOString().startsWith(day);
}

/** `since` of the list filter: a day (changed on or after its start, Dutch time) or an RFC 3339 date-time; undefined when it is neither. */
export function parseSince(value: string): Date | undefined {
  if (DAY.test(value)) return realDay(value) ? schoolDayStart(value) : undefined;
  if (!DATE_TIME.test(value) || !realDay(value.slice(0, 10))) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function providerName(config: SourcesConfig, id: string): string {
  return config.sources.find((s) => s.id === id)?.name ?? id;
}

function view(config: SourcesConfig, row: ConsentRequestRow, changes: ReadonlyArray<{ event: string; at: Date }>): ConsentRequestView {
  // The history is the record of changes: a collection by a polling Provider does not move changedAt.
  const last = Math.max(row.changedAt.getTime(), ...changes.map((e) => e.at.getTime()));
  const needed = (CONSENT_APIS as readonly string[]).includes(row.api) ? scopesForApi(row.api as ConsentApi).needed : [];
  return {
    consumerReferenceId: row.consumerReferenceId,
    providerId: row.providerId,
    providerName: providerName(config, row.providerId),
    api: row.api,
    scopes: row.scopes,
    extraScopes: row.scopes.filter((s) => !needed.includes(s)),
    reason: row.extraScopesReason,
    delivery: row.delivery === "poll" ? "poll" : "put",
    status: row.status as ConsentStatus,
    attempts: row.attempts,
    lastError: row.lastError,
    providerReferenceId: row.providerReferenceId,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    changedAt: new Date(last).toISOString(),
    changes: changes.map((e) => ({ event: e.event, at: e.at.toISOString() })),
  };
}

/** The school's requests (newest change first, filtered), the matrix (unfiltered) and the Provider options. */
/** A failed status poll in words: "server_error · HTTP 503 · 0099" becomes "De bron meldt een storing. (HTTP 503 · 0099)". */
function pollError(stored: string | null, lang: Locale): string | null {
  if (!stored) return null;
  const [kind, ...answer] = stored.split(" · ");
  const words = SOURCE_ERROR_KINDS.has(kind!)
    ? sourceErrorText(kind as SourceErrorKind, lang)
    : wordsFor(lang)("apiError.generic.internal");
  return answer.length ? `${words} (${answer.join(" · ")})` : words;
}

export async function consentOverview(
  db: Db,
  config: SourcesConfig,
  schoolId: string,
  filter: ConsentListFilter = {},
  lang: Locale = "nl",
): Promise<ConsentOverview> {
  const rows = await listConsentRequests(db, { schoolIds: [schoolId] });
  const events = await db
    .select({
      consumerReferenceId: consentRequestEvents.consumerReferenceId,
      event: consentRequestEvents.event,
      at: consentRequestEvents.at,
    })
    .from(consentRequestEvents)
    .innerJoin(consentRequests, eq(consentRequests.consumerReferenceId, consentRequestEvents.consumerReferenceId))
    .where(and(eq(consentRequests.schoolId, schoolId), notInArray(consentRequestEvents.event, NOT_A_CHANGE)))
    .orderBy(asc(consentRequestEvents.at), asc(consentRequestEvents.id));
  const byRequest = new Map<string, typeof events>();
  for (const e of events) {
    const own = byRequest.get(e.consumerReferenceId);
    if (own) own.push(e);
    else byRequest.set(e.consumerReferenceId, [e]);
  }
  const all = rows.map((r) => view(config, r, byRequest.get(r.consumerReferenceId) ?? []));

  // Filtered here, not in SQL: the last change comes from the history as well as from changedAt.
  const since = filter.since?.getTime();
  const requests = all
    .filter(
      (r) =>
        (!filter.api || r.api === filter.api) &&
        (!filter.providerId || r.providerId === filter.providerId) &&
        (!filter.status || r.status === filter.status),
    )
    .filter((r) => since === undefined || Date.parse(r.changedAt) >= since)
    .sort((a, b) => Date.parse(b.changedAt) - Date.parse(a.changedAt));

  const providers = consentProviders(config, schoolId);
  const cursors = new Map((await statusCursors(db)).map((c) => [c.providerId, c]));
  // A Provider asked per school has a cursor per school (statuses.ts cursorKey), the general one until its first
  // per-school poll; one asked in general reads only the general one (a cursor left from per-school days is not news).
  const perSchool = (providerId: string) => config.sources.find((s) => s.id === providerId)?.consent?.statusesBySchool;
  const cursorOf = (providerId: string) =>
    (perSchool(providerId) ? cursors.get(cursorKey(providerId, schoolId)) : undefined) ?? cursors.get(cursorKey(providerId));
  const known = new Map((await knownConsentOf(db, schoolId)).map((k) => [`${k.providerId} ${k.api}`, k]));
  const knownAt = (providerId: string, api: string) => {
    const k = known.get(`${providerId} ${api}`);
    return k
      ? { providerStatus: k.providerStatus, providerReferenceId: k.providerReferenceId, changedAt: k.changedAt?.toISOString() ?? null }
      : null;
  };
  const apis = CONSENT_APIS.filter((api) => providers.some((p) => p.apis.some((a) => a.api === api)));
  const withdrawals = await latestWithdrawals(db, schoolId);
  const checks = await checksOf(db, schoolId);
  const latest = (providerId: string, api: string) =>
    all
      .filter((r) => r.providerId === providerId && r.api === api)
      .reduce<ConsentRequestView | null>((best, r) => (!best || r.createdAt > best.createdAt ? r : best), null);
  const matrix: ConsentMatrix = {
    apis,
    rows: providers.map((p) => ({
      providerId: p.id,
      providerName: p.name,
      delivery: p.delivery,
      statusPoll: {
        polledAt: cursorOf(p.id)?.polledAt?.toISOString() ?? null,
        lastError: pollError(cursorOf(p.id)?.lastError ?? null, lang),
      },
      cells: apis.map((api) => {
        const offered = p.apis.some((a) => a.api === api);
        const request = offered ? latest(p.id, api) : null;
        const known = offered ? knownAt(p.id, api) : null;
        const withdrawn = offered ? withdrawals.get(`${p.id} ${api}`) : undefined;
        const withdrawal = withdrawn ? withdrawalView(withdrawn) : null;
        const checked = offered ? checks.get(`${p.id} ${api}`) : undefined;
        return {
          api,
          offered,
          request,
          known,
          withdrawal,
          withdrawable: isWithdrawable(withdrawTarget(request, known), withdrawal),
          check: checked ? checkView(checked, { request, known, withdrawal }) : null,
        };
      }),
    })),
  };
  return { requests, matrix, providers };
}

export type NewRequestInput = { providerId: string; api: ConsentApi; scopes: string[]; reason?: string; send: boolean };
/** Why a new request is refused: a code and what the words name (consentRequest.refusal.* in lib/i18n/messages). */
export type Refusal =
  | { code: "provider_not_offered"; provider: string }
  | { code: "api_not_offered"; provider: string; api: string }
  | { code: "unknown_scope" | "needed_missing" | "reason_required"; scopes: string[] };
export type CreateOutcome = { ok: true; row: ConsentRequestRow } | { ok: false; refusal: Refusal };

/** A refusal in the user's language (the BFF prefixes the generic "invalid input"). */
export function refusalText(refusal: Refusal, locale: Locale): string {
  const words = wordsFor(locale);
  switch (refusal.code) {
    case "provider_not_offered":
      return words("consentRequest.refusal.provider_not_offered", { provider: refusal.provider });
    case "api_not_offered":
      return words("consentRequest.refusal.api_not_offered", { provider: refusal.provider, api: refusal.api });
    default:
      return words(`consentRequest.refusal.${refusal.code}`, { scopes: refusal.scopes.join(", ") });
  }
}

/**
 * A new request for a school: the Provider must take consent requests there, the API must be one
 * of its APIs, the scopes must pass checkScopes. Stored (concept or queued) with a "created"
 * history line before anything is sent; the reason is kept only when extra scopes were asked.
 */
export async function createRequest(
  db: Db,
  config: SourcesConfig,
  schoolId: string,
  input: NewRequestInput,
  actor: string,
): Promise<CreateOutcome> {
  const provider = consentProviders(config, schoolId).find((p) => p.id === input.providerId);
  if (!provider) return { ok: false, refusal: { code: "provider_not_offered", provider: input.providerId } };
  if (!provider.apis.some((a) => a.api === input.api))
    return { ok: false, refusal: { code: "api_not_offered", provider: provider.name, api: input.api } };
  const scopes = [...new Set(input.scopes)];
  const check = checkScopes(input.api, scopes, input.reason);
  if (!check.ok) return { ok: false, refusal: { code: check.reason, scopes: [...check.scopes] } };
  const row = await createConsentRequest(db, {
    schoolId,
    providerId: provider.id,
    api: input.api,
    scopes,
    extraScopesReason: check.extra.length ? input.reason?.trim() : undefined,
    delivery: provider.delivery,
    send: input.send,
    actor,
  });
  return { ok: true, row };
}

async function findRequest(db: Db, schoolId: string, consumerReferenceId: string): Promise<ConsentRequestRow | undefined> {
  const [row] = await db
    .select()
    .from(consentRequests)
    .where(and(eq(consentRequests.consumerReferenceId, consumerReferenceId), eq(consentRequests.schoolId, schoolId)));
  return row;
}

/** Releases a concept (or a request the Provider refused) of this school for sending; another school's request is as good as absent. */
export async function releaseConcept(
  db: Db,
  schoolId: string,
  consumerReferenceId: string,
  actor: string,
): Promise<"queued" | "not_found" | "not_concept"> {
  if (!(await findRequest(db, schoolId, consumerReferenceId))) return "not_found";
  return (await queueConsentRequest(db, consumerReferenceId, actor)) ? "queued" : "not_concept";
}

/** The history of one request of this school, oldest first; null when the school has no such request. */
export async function requestHistory(db: Db, schoolId: string, consumerReferenceId: string): Promise<HistoryLine[] | null> {
  if (!(await findRequest(db, schoolId, consumerReferenceId))) return null;
  return (await consentHistory(db, consumerReferenceId)).map((e) => ({
    at: e.at.toISOString(),
    actor: e.actor,
    event: e.event,
    detail: e.detail,
  }));
}

const PROBLEM_STATUS = { not_found: 404, conflict: 409 } as const;

/**
 * 404 and 409 in the BFF's one error shape ({ error: { code, message } }), with words about
 * consent requests (the generic not_found speaks of persons).
 */
export function consentProblem(
  code: keyof typeof PROBLEM_STATUS,
  lang: Locale,
  about: "request" | "withdrawal" | "check" = "request",
): Response {
  const words = wordsFor(lang);
  const message =
    about === "withdrawal"
      ? words(`consentRequest.problem.withdraw_${code}`)
      : about === "check"
        ? words("consentRequest.problem.check_not_found")
        : words(`consentRequest.problem.${code}`);
  const body = { error: { code, message } };
  return Response.json(body, { status: PROBLEM_STATUS[code] });
}
