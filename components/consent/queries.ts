"use client";

import { postJson } from "@/components/lists/api";
import type { BodyOf, Endpoint } from "@/components/lists/contract-types";
import type {
  ConsentCheckView,
  consentCheck,
  consentCreate,
  consentHistory,
  consentList,
  consentSend,
  consentWithdraw,
  WithdrawalView,
} from "@/lib/contracts/consent";
import type { ResponseOf } from "@/lib/contracts/define";
import { listQueryOf, type ListFilters } from "./list-filters";

/**
 * The BFF's requests of the Toestemming page: the endpoints, the URLs and the fetchers, typed
 * by lib/contracts/consent. The contracts are imported for their types only, so zod stays out of the
 * browser; queries.test.ts holds the endpoints to them.
 */
export const consentEndpoints = {
  list: { method: "GET", path: "/api/consent" },
  create: { method: "POST", path: "/api/consent" },
  send: { method: "POST", path: "/api/consent/send" },
  history: { method: "GET", path: "/api/consent/history" },
  withdraw: { method: "POST", path: "/api/consent/withdraw" },
  check: { method: "POST", path: "/api/consent/check" },
} as const satisfies Record<string, Endpoint>;

export type ConsentOverview = ResponseOf<typeof consentList>;
export type ConsentHistory = ResponseOf<typeof consentHistory>;
export type ConsentSaved = ResponseOf<typeof consentCreate>;
export type NewConsentRequest = Omit<BodyOf<typeof consentCreate>, "send">;
export type WithdrawBody = BodyOf<typeof consentWithdraw>;
export type Withdrawn = ResponseOf<typeof consentWithdraw>;
export type CheckBody = BodyOf<typeof consentCheck>;
export type Checked = ResponseOf<typeof consentCheck>;

/** The contract's WITHDRAW_REASON_MIN: the fewest characters of a withdrawal's trimmed reason (queries.test.ts keeps them equal). */
export const WITHDRAW_REASON_MIN = 10;
/** Where a withdrawal stands, in the contract's order (WITHDRAWAL_STATUS_NAMES; held to it by queries.test.ts). */
export const WITHDRAWAL_STATUSES = ["queued", "sent", "failed", "confirmed"] as const satisfies ReadonlyArray<WithdrawalView["status"]>;
/** What a live check found, in the contract's order (CHECK_STATE_NAMES; held to it by queries.test.ts). */
export const CHECK_STATES = ["delivers", "refuses", "unreachable", "other"] as const satisfies ReadonlyArray<ConsentCheckView["state"]>;

const withSchool = (path: string, schoolId: string, params: Record<string, string | undefined> = {}) => {
  const query = new URLSearchParams({ school: schoolId });
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  return `${path}?${query}`;
};

/** Where the school's requests (filtered as the list's filters say), the matrix and the Providers are read (polled by the page). */
export function overviewUrl(schoolId: string, filters: Partial<ListFilters> = {}): string {
  return withSchool(consentEndpoints.list.path, schoolId, listQueryOf(filters));
}

/** Where who created or changed a request, when, and what the Provider answered, is read (polled while open). */
export function historyUrl(schoolId: string, consumerReferenceId: string): string {
  return withSchool(consentEndpoints.history.path, schoolId, { id: consumerReferenceId });
}

/** Saves a new request as a concept, or queues it to be sent (`send`). */
export function createConsentRequest(schoolId: string, request: NewConsentRequest, send: boolean): Promise<ConsentSaved> {
  const body: BodyOf<typeof consentCreate> = { ...request, send };
  return postJson<ConsentSaved>(withSchool(consentEndpoints.create.path, schoolId), body);
}

/** Queues a concept to be sent. */
export function sendConsentRequest(schoolId: string, consumerReferenceId: string): Promise<ResponseOf<typeof consentSend>> {
  const body: BodyOf<typeof consentSend> = { consumerReferenceId };
  return postJson<ResponseOf<typeof consentSend>>(withSchool(consentEndpoints.send.path, schoolId), body);
}

/** Withdraws the school's consent for a Provider's API: stored at once, then reported to the Provider by the outbox. */
export function withdrawConsent(schoolId: string, body: WithdrawBody): Promise<Withdrawn> {
  return postJson<Withdrawn>(withSchool(consentEndpoints.withdraw.path, schoolId), body);
}

/** Asks the Provider's data endpoint now whether it answers the school for the API (the live check); the answer is kept for the matrix. */
export function checkConsent(schoolId: string, body: CheckBody): Promise<Checked> {
  return postJson<Checked>(withSchool(consentEndpoints.check.path, schoolId), body);
}
