import type { Db } from "../client";
import { claimDueConsentRequests, type Claim } from "../consent";

/** The outbox's claim on one queued request, as a sender holds it before recording its outcome (tests only). */
export async function claimOne(db: Db, consumerReferenceId: string): Promise<Claim> {
  const claimed = await claimDueConsentRequests(db, { limit: 1_000, leaseSeconds: 60 });
  const mine = claimed.find((r) => r.consumerReferenceId === consumerReferenceId);
  if (!mine) throw new Error("the request is not due for sending");
  return mine;
}
