import { describe, expect, it } from "vitest";
import { CONSENT_STATUSES } from "@/lib/db/consent";
import { CONSENT_APIS } from "@/lib/sources/reading/schemas/consent";
import { CONSENT_API_NAMES, CONSENT_STATUS_NAMES, consentOverview } from "./consent";

describe("consent contract", () => {
  it("names the same APIs as the Source side and the same statuses as the store", () => {
    expect([...CONSENT_API_NAMES]).toEqual([...CONSENT_APIS]);
    expect([...CONSENT_STATUS_NAMES]).toEqual([...CONSENT_STATUSES]);
  });

  it("refuses an overview whose request lacks its history or carries a status the store does not know", () => {
    const request = {
      consumerReferenceId: "c1",
      providerId: "lr-a",
      providerName: "LR Alfa",
      api: "usage-api",
      scopes: ["eduv.usage"],
      extraScopes: [],
      reason: null,
      delivery: "put",
      status: "sent",
      attempts: 1,
      lastError: null,
      providerReferenceId: null,
      createdBy: "t@school.example",
      createdAt: "2026-12-07T10:00:00.000Z",
      changedAt: "2026-12-07T10:00:01.000Z",
      changes: [{ event: "sent", at: "2026-12-07T10:00:01.000Z" }],
    };
    const overview = { requests: [request], matrix: { apis: ["usage-api"], rows: [] }, providers: [] };
    expect(consentOverview.safeParse(overview).success).toBe(true);
    const withoutHistory: Partial<typeof request> = { ...request };
    delete withoutHistory.changes;
    expect(consentOverview.safeParse({ ...overview, requests: [withoutHistory] }).success).toBe(false);
    expect(consentOverview.safeParse({ ...overview, requests: [{ ...request, status: "accepted" }] }).success).toBe(false);
  });
});
