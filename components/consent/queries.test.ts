import { describe, expect, it } from "vitest";
import {
  CHECK_STATE_NAMES,
  CONSENT_STATUS_NAMES,
  consentCheck,
  consentCreate,
  consentHistory,
  consentList,
  consentSend,
  consentWithdraw,
  WITHDRAW_REASON_MIN,
  WITHDRAWAL_STATUS_NAMES,
} from "@/lib/contracts/consent";
import { CHECK_STATES, consentEndpoints, WITHDRAW_REASON_MIN as REASON_MIN, WITHDRAWAL_STATUSES } from "./queries";
import { STATUSES } from "./status";

// The browser names the endpoints and the statuses without importing the contracts' values (zod stays out of its bundle): held to them here.
describe("the Toestemming page's requests", () => {
  it("name each endpoint's method and path as its contract does", () => {
    expect(consentEndpoints).toEqual({
      list: { method: consentList.method, path: consentList.path },
      create: { method: consentCreate.method, path: consentCreate.path },
      send: { method: consentSend.method, path: consentSend.path },
      history: { method: consentHistory.method, path: consentHistory.path },
      withdraw: { method: consentWithdraw.method, path: consentWithdraw.path },
      check: { method: consentCheck.method, path: consentCheck.path },
    });
  });

  it("know every status, in the contract's order", () => {
    expect(STATUSES).toEqual([...CONSENT_STATUS_NAMES]);
  });

  it("know the withdrawal's statuses and the shortest reason as the contract does", () => {
    expect(WITHDRAWAL_STATUSES).toEqual([...WITHDRAWAL_STATUS_NAMES]);
    expect(REASON_MIN).toBe(WITHDRAW_REASON_MIN);
    // The form's check and the contract's agree on where "too short" ends (the reason is trimmed).
    const body = (reason: string) => ({ providerId: "las-b", api: "students-api", reason });
    expect(consentWithdraw.body!.safeParse(body(` ${"x".repeat(REASON_MIN - 1)} `)).success).toBe(false);
    expect(consentWithdraw.body!.safeParse(body("x".repeat(REASON_MIN))).success).toBe(true);
  });

  it("know the live check's states as the contract does, and send exactly the pair it asks for", () => {
    expect(CHECK_STATES).toEqual([...CHECK_STATE_NAMES]);
    expect(consentCheck.body!.safeParse({ providerId: "las-b", api: "students-api" }).success).toBe(true);
    expect(consentCheck.body!.safeParse({ providerId: "las-b", api: "students-api", reason: "x" }).success).toBe(false);
  });
});
