import { z } from "zod";
import { contract } from "./define";
import { sourceKind } from "./sources";

/** Edu-V's APIs a consent request can name (lib/sources/reading/schemas/consent.ts CONSENT_APIS; lib/contracts/consent.test.ts keeps them equal). */
export const CONSENT_API_NAMES = [
  "students-api",
  "employees-api",
  "education-api",
  "association-api",
  "delivery-api",
  "entitlement-api",
  "usage-api",
  "progress-api",
  "results-api",
] as const;
/** A request's status in the dashboard (lib/db/consent.ts CONSENT_STATUSES; kept equal by the same test). */
export const CONSENT_STATUS_NAMES = ["concept", "queued", "sent", "failed", "confirmed", "refused", "revoked"] as const;

const consentApi = z.enum(CONSENT_API_NAMES);
const consentStatus = z.enum(CONSENT_STATUS_NAMES);
const delivery = z.enum(["put", "poll"]);
const isoTime = z.iso.datetime({ offset: true });

export const consentChange = z.object({ event: z.string(), at: isoTime });

export const consentRequestView = z.object({
  consumerReferenceId: z.string(),
  providerId: z.string(),
  providerName: z.string(),
  api: z.string(),
  scopes: z.array(z.string()),
  /** Scopes beyond what the dashboard needs for this API; they came with `reason`. */
  extraScopes: z.array(z.string()),
  reason: z.string().nullable(),
  delivery,
  status: consentStatus,
  attempts: z.number().int().nonnegative(),
  /** The Provider's last refusal or delivery error: HTTP status · Edu-V code · message. */
  lastError: z.string().nullable(),
  providerReferenceId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: isoTime,
  changedAt: isoTime,
  /** Every change but delivery retries, oldest first. */
  changes: z.array(consentChange),
});

/** Consent the Provider reports without a request of ours behind it (registered earlier or by another route). */
export const knownConsent = z.object({
  providerStatus: z.string(),
  providerReferenceId: z.string().nullable(),
  changedAt: isoTime.nullable(),
});
/** Where the school's withdrawal of consent stands: stored (and for the school in force) at once, then sent to the Provider. */
export const WITHDRAWAL_STATUS_NAMES = ["queued", "sent", "failed", "confirmed"] as const;
export const withdrawalView = z.object({
  revokeId: z.string(),
  /** queued: stored, waiting to be sent; sent: the Provider received it (202); failed: it refused it (lastError); confirmed: its statuses say revoked. */
  status: z.enum(WITHDRAWAL_STATUS_NAMES),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: isoTime,
  changedAt: isoTime,
  attempts: z.number().int().nonnegative(),
  /** The Provider's refusal or the last delivery error: HTTP status · Edu-V code · message. */
  lastError: z.string().nullable(),
});
/**
 * The live check of a pair: what the Provider's data endpoint answered the school when last asked.
 * delivers: it answers (the data would flow); refuses: 0022; unreachable: it could not be asked (the
 * kind in `detail`), so nothing is known; other: another refusal (its Edu-V code or kind in `detail`).
 */
export const CHECK_STATE_NAMES = ["delivers", "refuses", "unreachable", "other"] as const;
export const consentCheckView = z.object({
  state: z.enum(CHECK_STATE_NAMES),
  detail: z.string().nullable(),
  checkedAt: isoTime,
  /** What the records say: consent given (a confirmed request, or consent the Provider holds, not withdrawn), or none. */
  recorded: z.enum(["consent", "none"]),
  /** The check contradicts the records: consent recorded but refused, or none recorded but delivering. Unreachable never disagrees. */
  disagrees: z.boolean(),
});
export const matrixCell = z.object({
  api: consentApi,
  offered: z.boolean(),
  request: consentRequestView.nullable(),
  known: knownConsent.nullable(),
  /** The latest withdrawal of this pair by the school, if any. */
  withdrawal: withdrawalView.nullable(),
  /** Consent is given or asked at the Provider (our request sent or confirmed, or consent it holds) and no withdrawal is open. */
  withdrawable: z.boolean(),
  /** The latest live check of the pair, if any. */
  check: consentCheckView.nullable(),
});
/** The worker's last poll of the Provider's consent statuses: when, and why it failed if it did. */
export const statusPoll = z.object({ polledAt: isoTime.nullable(), lastError: z.string().nullable() });
export const consentMatrix = z.object({
  apis: z.array(consentApi),
  rows: z.array(z.object({ providerId: z.string(), providerName: z.string(), delivery, statusPoll, cells: z.array(matrixCell) })),
});
export const apiScopes = z.object({ api: consentApi, needed: z.array(z.string()), extra: z.array(z.string()) });
export const providerOption = z.object({ id: z.string(), name: z.string(), kind: sourceKind, delivery, apis: z.array(apiScopes) });
export const consentOverview = z.object({
  requests: z.array(consentRequestView),
  matrix: consentMatrix,
  providers: z.array(providerOption),
});
export const historyLine = z.object({ at: isoTime, actor: z.string(), event: z.string(), detail: z.string().nullable() });

export type ConsentApiName = z.infer<typeof consentApi>;
export type ConsentStatusName = z.infer<typeof consentStatus>;
export type ConsentChange = z.infer<typeof consentChange>;
export type ConsentRequestView = z.infer<typeof consentRequestView>;
export type MatrixCell = z.infer<typeof matrixCell>;
export type KnownConsentView = z.infer<typeof knownConsent>;
export type WithdrawalView = z.infer<typeof withdrawalView>;
export type ConsentCheckView = z.infer<typeof consentCheckView>;
export type StatusPoll = z.infer<typeof statusPoll>;
export type ConsentMatrix = z.infer<typeof consentMatrix>;
export type ApiScopes = z.infer<typeof apiScopes>;
export type ProviderOption = z.infer<typeof providerOption>;
export type ConsentOverview = z.infer<typeof consentOverview>;
export type HistoryLine = z.infer<typeof historyLine>;

/** A day (yyyy-mm-dd) or an RFC 3339 date-time; the route turns it into a Date. */
export const sinceText = z.string().max(40);

export const consentList = contract({
  method: "GET",
  path: "/api/consent",
  query: z.strictObject({
    api: consentApi.optional(),
    provider: z.string().min(1).max(64).optional(),
    status: consentStatus.optional(),
    since: sinceText.optional(),
  }),
  response: consentOverview,
});

export const consentCreate = contract({
  method: "POST",
  path: "/api/consent",
  body: z.strictObject({
    providerId: z.string().min(1).max(64),
    api: consentApi,
    scopes: z.array(z.string().min(1).max(100)).max(20),
    reason: z.string().max(1000).optional(),
    send: z.boolean(),
  }),
  response: z.object({ consumerReferenceId: z.string(), status: consentStatus }),
});

export const consentSend = contract({
  method: "POST",
  path: "/api/consent/send",
  body: z.strictObject({ consumerReferenceId: z.string().min(1).max(64) }),
  response: z.object({ consumerReferenceId: z.string(), status: consentStatus }),
});

export const consentHistory = contract({
  method: "GET",
  path: "/api/consent/history",
  query: z.strictObject({ id: z.string().min(1).max(64) }),
  response: z.object({ consumerReferenceId: z.string(), history: z.array(historyLine) }),
});

/** A withdrawal needs a reason the Provider and the school's records can be shown (at least 10 characters). */
export const WITHDRAW_REASON_MIN = 10;

export const consentWithdraw = contract({
  method: "POST",
  path: "/api/consent/withdraw",
  body: z.strictObject({
    providerId: z.string().min(1).max(64),
    api: consentApi,
    reason: z.string().trim().min(WITHDRAW_REASON_MIN).max(1000),
  }),
  response: z.object({ revokeId: z.string(), status: z.enum(WITHDRAWAL_STATUS_NAMES) }),
});

export const consentCheck = contract({
  method: "POST",
  path: "/api/consent/check",
  body: z.strictObject({ providerId: z.string().min(1).max(64), api: consentApi }),
  response: consentCheckView,
});
