import "server-only";
import { OPEN_WITHDRAWALS, latestWithdrawals, storeWithdrawal, type WithdrawalStatus } from "@/lib/db/consent-revokes";
import type { Db } from "@/lib/db/client";
import type { ConsentRevokeRow } from "@/lib/db/schema";
import { publishConsentChange } from "@/lib/runtime/consent-changes";
import type { SourcesConfig } from "@/lib/sources/config";
import type { ConsentApi } from "@/lib/sources/reading/schemas/consent";
import type { ConsentRequestView, KnownConsentView, WithdrawalView } from "@/lib/contracts/consent";
import { consentProviders, scopesForApi } from "./catalog";

/**
 * The school withdraws consent for a Provider × API (issue 24, ERRATA 42). What can be withdrawn is
 * decided here, once, for the matrix's button and for the route: our latest request when the Provider
 * has it (sent or confirmed), else consent the Provider reports holding (confirmed, with its
 * reference, so the revoke can name it), else a withdrawal the Provider refused (sent again). Nothing,
 * or a withdrawal still on its way, is nothing to do.
 */

/** Request statuses the Provider knows of: the consent is there or being decided there. */
const AT_PROVIDER = new Set(["sent", "confirmed"]);

export type WithdrawTarget =
  | { kind: "request"; consumerReferenceId: string; providerReferenceId: string | null; scopes: readonly string[] }
  | { kind: "known"; providerReferenceId: string };

/** What a withdrawal of this pair would name; undefined when there is nothing to withdraw. */
export function withdrawTarget(
  request: Pick<ConsentRequestView, "consumerReferenceId" | "providerReferenceId" | "scopes" | "status"> | null,
  known: KnownConsentView | null,
): WithdrawTarget | undefined {
  if (request && AT_PROVIDER.has(request.status))
    return {
      kind: "request",
      consumerReferenceId: request.consumerReferenceId,
      providerReferenceId: request.providerReferenceId,
      scopes: request.scopes,
    };
  // Consent held at the Provider without a live request of ours; its reference is how a revoke names it.
  if (known?.providerStatus === "confirmed" && known.providerReferenceId && (!request || !AT_PROVIDER.has(request.status)))
    return { kind: "known", providerReferenceId: known.providerReferenceId };
  return undefined;
}

/** Whether a cell offers withdrawing: something to withdraw and no withdrawal of it still on its way. */
export function isWithdrawable(target: WithdrawTarget | undefined, latest: Pick<WithdrawalView, "status"> | null): boolean {
  if (latest && (OPEN_WITHDRAWALS as readonly string[]).includes(latest.status)) return false;
  // A withdrawal the Provider refused may be sent again (after whatever it named is fixed).
  return target !== undefined || latest?.status === "failed";
}

export function withdrawalView(row: ConsentRevokeRow): WithdrawalView {
  return {
    revokeId: row.revokeId,
    status: row.status as WithdrawalStatus,
    reason: row.reason,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    changedAt: row.changedAt.toISOString(),
    attempts: row.attempts,
    lastError: row.lastError,
  };
}

export type WithdrawInput = { providerId: string; api: ConsentApi; reason: string };
export type WithdrawOutcome = { ok: true; row: ConsentRevokeRow } | { ok: false; code: "not_found" | "conflict" };

/**
 * Stores the withdrawal (the outbox sends it), marks our request revoked, and drops what that Source
 * said about the school from every instance's cache at once. `not_found`: the Provider does not take
 * consent for this API at this school; `conflict`: nothing to withdraw, or a withdrawal is on its way.
 */
export async function withdrawConsent(
  db: Db,
  config: SourcesConfig,
  schoolId: string,
  input: WithdrawInput,
  actor: string,
  current: { request: ConsentRequestView | null; known: KnownConsentView | null },
): Promise<WithdrawOutcome> {
  const provider = consentProviders(config, schoolId).find((p) => p.id === input.providerId);
  if (!provider?.apis.some((a) => a.api === input.api)) return { ok: false, code: "not_found" };
  const target = withdrawTarget(current.request, current.known);
  const refused = target ? undefined : (await latestWithdrawals(db, schoolId)).get(`${provider.id} ${input.api}`);
  // Nothing given to withdraw, unless the last withdrawal was refused: then it is sent again, naming the same consent.
  const names = target
    ? {
        consumerReferenceId: target.kind === "request" ? target.consumerReferenceId : null,
        providerReferenceId: target.providerReferenceId,
        // The request's scopes; for consent we did not ask, the scopes this dashboard uses of the API (ERRATA 42).
        scopes: target.kind === "request" ? target.scopes : scopesForApi(input.api).needed,
      }
    : refused?.status === "failed"
      ? { consumerReferenceId: refused.consumerReferenceId, providerReferenceId: refused.providerReferenceId, scopes: refused.scopes }
      : undefined;
  if (!names) return { ok: false, code: "conflict" };
  const stored = await storeWithdrawal(db, {
    schoolId,
    providerId: provider.id,
    api: input.api,
    ...names,
    reason: input.reason.trim(),
    actor,
  });
  if (stored === "open") return { ok: false, code: "conflict" };
  await publishConsentChange(db, provider.id, schoolId);
  return { ok: true, row: stored };
}
