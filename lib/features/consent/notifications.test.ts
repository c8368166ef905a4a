// Issue 24 item 4: PUT /consent/notifications, pushed by Data Providers with our bearer tokens.
// The route handlers are called directly; the Providers' JWKS is a real HTTP server.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { SignJWT } from "jose";
import { pollingProviders } from "./testing/polling-providers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getStore } from "@/lib/db/client";
import { consentHistory, createConsentRequest, knownConsentOf, listConsentRequests } from "@/lib/db/consent";
import { testSigningKey } from "@/lib/sources/testing/fixtures";
import type { SigningKey } from "@/lib/sources/transport/signing-key";
import { numRuns } from "@/lib/testing/fc-runs";

process.env.PGLITE_DIR = "memory://";
process.env.LDB_PUBLIC_URL = "http://localhost:3000";
process.env.LDB_LIMITS = JSON.stringify({ consentPoll: { capacity: 100_000, perMinute: 100_000 } });
const TOKEN_URL = "http://localhost:3000/api/eduv/oauth2/token";
const URL_ = "http://localhost:3000/api/eduv/v1/consent/notifications";

type Handler = (req: Request) => Promise<Response>;
let tokenRoute: Handler;
let notifyRoute: Handler;
let providers: { close: () => Promise<void> };
const keys: Record<string, SigningKey> = {};
const tokens: Record<string, string> = {};
const refs: Record<string, string> = {};

beforeAll(async () => {
  keys["lr-a"] = await testSigningKey();
  keys["lr-b"] = await testSigningKey();
  providers = await pollingProviders((id) => [keys[id]!.publicJwk]);
  tokenRoute = ((await import("@/app/api/eduv/oauth2/token/route")) as { POST: Handler }).POST;
  notifyRoute = ((await import("@/app/api/eduv/v1/consent/notifications/route")) as { PUT: Handler }).PUT;
  for (const id of ["lr-a", "lr-b"]) {
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: keys[id]!.alg, kid: keys[id]!.kid })
      .setIssuer(id)
      .setSubject(id)
      .setAudience(TOKEN_URL)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + 60)
      .sign(keys[id]!.privateKey);
    const res = await tokenRoute(
      new Request(TOKEN_URL, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
          client_assertion: assertion,
        }).toString(),
      }),
    );
    tokens[id] = ((await res.json()) as { access_token: string }).access_token;
  }
  const { db } = await getStore();
  for (const id of ["lr-a", "lr-b"]) {
    const row = await createConsentRequest(db, {
      schoolId: "meridiaan-college",
      providerId: id,
      api: "usage-api",
      scopes: ["eduv.usage.dashboard"],
      delivery: "poll",
      send: true,
      actor: "t",
    });
    refs[id] = row.consumerReferenceId;
  }
});
afterAll(() => providers.close());

const put = (body: unknown, token: string | undefined = tokens["lr-b"], contentType = "application/json") =>
  notifyRoute(
    new Request(URL_, {
      method: "PUT",
      headers: { "content-type": contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
const MERIDIAAN = { organisationMasterIdentifier: "900B201" };
const statusOf = async (ref: string) =>
  (await listConsentRequests((await getStore()).db, { schoolIds: ["meridiaan-college"] })).find((r) => r.consumerReferenceId === ref)!;

describe("PUT /consent/notifications, pushed by a Data Provider", () => {
  it("a confirmation of our request is recorded as a polled status would be, once: the same notification again changes nothing", async () => {
    const note = {
      providerReferenceId: "KOMPAS-5",
      consumerReferenceId: refs["lr-b"],
      school: MERIDIAAN,
      api: "usage-api",
      providerStatus: "confirmed",
    };
    expect((await put(note)).status).toBe(202);
    expect(await statusOf(refs["lr-b"]!)).toMatchObject({ status: "confirmed", providerReferenceId: "KOMPAS-5" });
    expect((await put(note)).status).toBe(202);
    const events = (await consentHistory((await getStore()).db, refs["lr-b"]!)).filter((e) => e.event === "confirmed");
    expect(events).toHaveLength(1);
  });

  it("consent the Provider holds without a request of ours is kept for the school it names", async () => {
    const note = {
      providerReferenceId: "KOMPAS-HELD",
      school: { organisationMasterIdentifier: "900A101" },
      api: "usage-api",
      providerStatus: "confirmed",
    };
    expect((await put(note)).status).toBe(202);
    expect(await knownConsentOf((await getStore()).db, "obs-de-regenboog")).toEqual([
      expect.objectContaining({ providerId: "lr-b", api: "usage-api", providerStatus: "confirmed", providerReferenceId: "KOMPAS-HELD" }),
    ]);
  });

  it("a Provider notifies only about its own requests: another Provider's reference is 404 (1003) and changes nothing", async () => {
    const res = await put({
      providerReferenceId: "X",
      consumerReferenceId: refs["lr-a"],
      school: MERIDIAAN,
      api: "usage-api",
      providerStatus: "revoked",
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ status: 1003, statusMessage: "consumerReferenceId unknown" });
    expect((await statusOf(refs["lr-a"]!)).status).not.toBe("revoked");
  });

  it.each([
    ["no token", () => put({}, ""), 401, 99],
    ["a token that is no token", () => put({}, "nonsense"), 401, 99],
    ["not JSON", () => put("{", undefined), 400, 11],
    ["JSON of another content type", () => put({ api: "usage-api" }, undefined, "text/plain"), 400, 11],
    ["no school", () => put({ api: "usage-api", providerStatus: "confirmed" }), 400, 11],
    [
      "a school this Provider does not serve",
      () => put({ school: { organisationMasterIdentifier: "999Z999" }, api: "usage-api" }),
      404,
      99,
    ],
    ["a body over 64 KiB", () => put({ school: MERIDIAAN, api: "usage-api", pad: "x".repeat(70_000) }), 413, 11],
  ] as const)("bad input: %s → %i with a StatusResponse", async (_label, send, httpStatus, status) => {
    const res = await send();
    expect(res.status).toBe(httpStatus);
    expect(await res.json()).toMatchObject({ status });
  });

  it("random bodies never get a 5xx", async () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constantFrom("usage-api", "confirmed", "900B201"));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc
            .dictionary(
              fc.constantFrom("school", "api", "providerStatus", "consumerReferenceId", "providerReferenceId", "changedAt", "x"),
              value,
            )
            .map((d) => JSON.stringify(d)),
          fc.constant(JSON.stringify({ school: MERIDIAAN, api: "usage-api", providerStatus: "refused", changedAt: "gisteren" })),
        ),
        async (body) => {
          const res = await put(body);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: numRuns(150) },
    );
  });
});
