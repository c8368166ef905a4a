import { describe, expect, it } from "vitest";
import { CONSENT_STATUS_NAMES, consentCreate, consentHistory, consentList, consentSend } from "@/lib/contracts/consent";
import { consentEndpoints } from "./queries";
import { STATUSES } from "./status";

// The browser names the endpoints and the statuses without importing the contracts' values (zod stays out of its bundle): held to them here.
describe("the Toestemming page's requests", () => {
  it("name each endpoint's method and path as its contract does", () => {
    expect(consentEndpoints).toEqual({
      list: { method: consentList.method, path: consentList.path },
      create: { method: consentCreate.method, path: consentCreate.path },
      send: { method: consentSend.method, path: consentSend.path },
      history: { method: consentHistory.method, path: consentHistory.path },
    });
  });

  it("know every status, in the contract's order", () => {
    expect(STATUSES).toEqual([...CONSENT_STATUS_NAMES]);
  });
});
