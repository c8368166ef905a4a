import { describe, expect, it } from "vitest";
import { SOURCE_APIS, SOURCE_KINDS } from "@/lib/sources/config";
import { SOURCE_ERROR_KINDS } from "@/lib/sources/errors";
import { SourceHealthRegistry } from "@/lib/sources/health/last-call";
import { lastCall, SOURCE_API_NAMES, SOURCE_ERROR_KIND_NAMES, SOURCE_KIND_NAMES, sourceStatus } from "./sources";

describe("sources contract", () => {
  it("names the same error kinds, Source kinds and APIs as the Source side", () => {
    expect([...SOURCE_ERROR_KIND_NAMES]).toEqual([...SOURCE_ERROR_KINDS]);
    expect([...SOURCE_KIND_NAMES]).toEqual([...SOURCE_KINDS]);
    expect([...SOURCE_API_NAMES]).toEqual([...SOURCE_APIS]);
  });

  it("describes the last call as the Source side records it", () => {
    const health = new SourceHealthRegistry();
    health.record("lr-a", 12.4, { kind: "busy", httpStatus: 429 });
    expect(lastCall.safeParse(health.get("lr-a")).success).toBe(true);
    health.record("lr-a", 3);
    expect(lastCall.parse(health.get("lr-a"))).toMatchObject({
      lastOk: true,
      lastLatencyMs: 3,
      lastError: { kind: "busy", httpStatus: 429 },
    });
  });

  it("refuses a Source status carrying a URL or a token the contract does not name", () => {
    const status = {
      id: "lr-a",
      name: "LR Alfa",
      kind: "licentieregistratie",
      apis: ["usage"],
      schools: [{ id: "s", name: "School" }],
      token: { ok: false, errorKind: "internal", latencyMs: 2 },
      lastCall: null,
    };
    expect(sourceStatus.safeParse(status).success).toBe(true);
    expect(sourceStatus.safeParse({ ...status, baseUrl: "https://lr-a.example" }).success).toBe(false);
    expect(
      sourceStatus.safeParse({ ...status, token: { ok: true, scopes: [], expiresInSeconds: 60, latencyMs: 2, accessToken: "eyJ" } })
        .success,
    ).toBe(false);
  });
});
