import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { SignJWT } from "jose";
import { pollingProviders } from "./testing/polling-providers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getStore } from "@/lib/db/client";
import { resetProcessLimits } from "@/lib/limits/process-limits";
import { createConsentRequest } from "@/lib/db/consent";
import { getSigningKey, type SigningKey } from "@/lib/sources/transport/signing-key";
import { testSigningKey } from "@/lib/sources/testing/fixtures";
import { numRuns } from "@/lib/testing/fc-runs";

process.env.PGLITE_DIR = "memory://";
process.env.LDB_PUBLIC_URL = "http://localhost:3000";
// The property below polls hundreds of times: the per-Provider limit is tried on its own (resetProcessLimits).
process.env.LDB_LIMITS = JSON.stringify({ consentPoll: { capacity: 100_000, perMinute: 100_000 } });
const TOKEN_URL = "http://localhost:3000/api/eduv/oauth2/token";
const API_URL = "http://localhost:3000/api/eduv/v1/consent/requests";

let providers: { close: () => Promise<void> };
const keys: Record<string, SigningKey> = {};
let stranger: SigningKey;
let ours: SigningKey;
type Handler = (req: Request) => Promise<Response>;
let tokenRoute: Handler;
let requestsRoute: Handler;
const ids: Record<string, string[]> = { "lr-b": [], "lr-a": [] };

beforeAll(async () => {
  keys["lr-a"] = await testSigningKey();
  keys["lr-b"] = await testSigningKey();
  stranger = await testSigningKey();
  providers = await pollingProviders((id) => [keys[id]!.publicJwk]);
  ours = await getSigningKey();
  tokenRoute = ((await import("@/app/api/eduv/oauth2/token/route")) as { POST: Handler }).POST;
  requestsRoute = ((await import("@/app/api/eduv/v1/consent/requests/route")) as { GET: Handler }).GET;
  const { db } = await getStore();
  const make = async (providerId: string, api: string, send = true) =>
    (
      await createConsentRequest(db, {
        schoolId: "meridiaan-college",
        providerId,
        api,
        scopes: ["eduv.usage.dashboard"],
        delivery: "poll",
        send,
        actor: "t",
      })
    ).consumerReferenceId;
  ids["lr-b"]!.push(await make("lr-b", "usage-api"), await make("lr-b", "students-api"));
  await make("lr-b", "usage-api", false); // a concept: never served
  ids["lr-a"]!.push(await make("lr-a", "usage-api"));
});

afterAll(() => providers.close());

const assertion = (key: SigningKey, clientId: string, extra: { aud?: string; exp?: number } = {}) =>
  new SignJWT({})
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(extra.aud ?? TOKEN_URL)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(extra.exp ?? Math.floor(Date.now() / 1000) + 60)
    .sign(key.privateKey);

const askToken = (form: Record<string, string>) =>
  tokenRoute(
    new Request(TOKEN_URL, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    }),
  );

async function tokenFor(providerId: string): Promise<string> {
  const res = await askToken({
    grant_type: "client_credentials",
    scope: "eduv.consent",
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: await assertion(keys[providerId]!, providerId),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

const ourToken = (claims: { scope?: string; sub?: string; exp?: number; key?: SigningKey }) =>
  new SignJWT({ scope: claims.scope ?? "eduv.consent" })
    .setProtectedHeader({ alg: "RS256", kid: (claims.key ?? ours).kid, typ: "at+jwt" })
    .setIssuer(new URL(TOKEN_URL).origin) // the issuer identifier (consentEndpoints), not the token URL
    .setAudience(API_URL)
    .setSubject(claims.sub ?? "lr-b")
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 60)
    .sign((claims.key ?? ours).privateKey);

const get = (query: string, token?: string) =>
  requestsRoute(new Request(`${API_URL}${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }));

describe("GET /consent/requests, served to Data Providers", () => {
  it("a Provider sees the requests addressed to it, released ones only, oldest change first, filtered by api and since", async () => {
    const token = await tokenFor("lr-b");
    const res = await get("", token);
    expect(res.status).toBe(200);
    const items = (await res.json()) as Array<{
      consumerReferenceId: string;
      api: string;
      school: { organisationMasterIdentifier: string };
      consumerStatus: string;
      scopes: string[];
    }>;
    expect(items.map((i) => i.consumerReferenceId)).toEqual(ids["lr-b"]);
    expect(items[0]).toMatchObject({
      api: "usage-api",
      school: { organisationMasterIdentifier: "900B201" },
      consumerStatus: "accepted",
      scopes: ["eduv.usage.dashboard"],
    });
    expect(((await (await get("?api=students-api", token)).json()) as unknown[]).length).toBe(1);
    expect(await (await get("?since=2999-01-01T00:00:00Z", token)).json()).toEqual([]);
  });

  let liberal: string | undefined;
  it.each([
    ["an empty api: every API (seed 002)", "?api=", 2],
    ["an empty since: from the start", "?since=", 2],
    ["since with an offset: the same moment as in Zulu", "?since=2999-01-01T01:00:00%2B01:00", 0],
    ["since with lower-case t and z (RFC 3339 allows them)", "?since=2999-01-01t00:00:00z", 0],
    ["a parameter the seed does not name: ignored", "?orgMasterId=900B201", 2],
  ])("reads the parameters liberally: %s", async (_label, query, count) => {
    // One token for the table: a Provider gets 10 tokens a minute (lib/limits/numbers.ts tokenClient).
    const res = await get(query, (liberal ??= await tokenFor("lr-b")));
    expect(res.status).toBe(200);
    expect(((await res.json()) as unknown[]).length).toBe(count);
  });

  it.each([
    ["bad api", "?api=cookies-api", "valid", 400, { status: 11 }],
    ["since that is no date", "?since=gisteren", "valid", 400, { status: 11 }],
    ["since a date without a time", "?since=2026-01-01", "valid", 400, { status: 11 }],
    ["since given twice", "?since=2026-01-01T00:00:00Z&since=2026-02-01T00:00:00Z", "valid", 400, { status: 11 }],
    ["no token", "", "none", 401, { status: 99 }],
    ["expired token", "", "expired", 401, { status: 99 }],
    ["wrong scope (401 and 0021, as the Edu-V table and spec/ERRATA.md say)", "", "scope", 401, { status: 21 }],
    ["token signed by an unknown key", "", "stranger", 401, { status: 99 }],
    ["token for a client that is no Provider", "", "nobody", 401, { status: 99 }],
  ])("%s → %i with a StatusResponse and, for tokens, WWW-Authenticate", async (_label, query, kind, code, body) => {
    const token =
      kind === "valid"
        ? await tokenFor("lr-b")
        : kind === "expired"
          ? await ourToken({ exp: Math.floor(Date.now() / 1000) - 10 })
          : kind === "scope"
            ? await ourToken({ scope: "eduv.student.basic" })
            : kind === "stranger"
              ? await ourToken({ key: stranger })
              : kind === "nobody"
                ? await ourToken({ sub: "las-a" })
                : undefined;
    const res = await get(query, token);
    expect(res.status).toBe(code);
    expect(await res.json()).toMatchObject(body);
    if (code === 401) expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="leermiddelendashboard"/);
    if (kind === "expired" || kind === "stranger") expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
    if (kind === "scope") expect(res.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
  });

  it("pages only when asked: limit=1 gives one request and a Link to the next, which gives the other and none; without limit, all", async () => {
    const token = await tokenFor("lr-b");
    const first = await get("?limit=1", token);
    expect(((await first.json()) as Array<{ consumerReferenceId: string }>).map((i) => i.consumerReferenceId)).toEqual([ids["lr-b"]![0]]);
    const link = first.headers.get("link");
    expect(link).toMatch(/^<\/api\/eduv\/v1\/consent\/requests\?limit=1&cursor=[A-Za-z0-9_-]+>; rel="next"$/);
    const next = await get(link!.slice(link!.indexOf("?"), link!.indexOf(">")), token);
    expect(((await next.json()) as Array<{ consumerReferenceId: string }>).map((i) => i.consumerReferenceId)).toEqual([ids["lr-b"]![1]]);
    expect(next.headers.get("link")).toBeNull();
    const all = await get("", token);
    expect(((await all.json()) as unknown[]).length).toBe(2);
    expect(all.headers.get("link")).toBeNull();
    for (const bad of ["?limit=0", "?limit=1001", "?limit=x", "?cursor=nonsense", "?limit=1&limit=2"])
      expect((await get(bad, token)).status, bad).toBe(400);
  });

  it("the token of another Provider shows only that Provider's requests", async () => {
    const items = (await (await get("", await tokenFor("lr-a"))).json()) as Array<{ consumerReferenceId: string }>;
    expect(items.map((i) => i.consumerReferenceId)).toEqual(ids["lr-a"]);
  });

  it("a Provider polling in a loop is told when to come back: 429 with a StatusResponse and Retry-After; another Provider is not", async () => {
    const [a, b] = [await tokenFor("lr-a"), await tokenFor("lr-b")];
    resetProcessLimits({ env: JSON.stringify({ consentPoll: { capacity: 2, perMinute: 1 } }) });
    try {
      expect([(await get("", a)).status, (await get("", a)).status]).toEqual([200, 200]);
      const busy = await get("", a);
      expect(busy.status).toBe(429);
      expect(busy.headers.get("retry-after")).toBe("60");
      expect(await busy.json()).toMatchObject({ status: 99 });
      expect((await get("", b)).status).toBe(200);
    } finally {
      resetProcessLimits();
    }
  });

  it("random query strings never get a 5xx", async () => {
    const token = await tokenFor("lr-b");
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.oneof(fc.constantFrom("api", "since", "x"), fc.string()),
            fc.oneof(fc.string(), fc.constantFrom("usage-api", "2026-01-01T00:00:00Z")),
          ),
          { maxLength: 4 },
        ),
        async (pairs) => {
          const res = await get(`?${new URLSearchParams(pairs)}`, token);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: numRuns(150) },
    );
  });
});

describe("the token endpoint for Providers", () => {
  const form = async (providerId: string, key: SigningKey, extra: Record<string, string> = {}) => ({
    grant_type: "client_credentials",
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: await assertion(key, providerId),
    ...extra,
  });

  it.each([
    ["another grant type", async () => ({ ...(await form("lr-b", keys["lr-b"]!)), grant_type: "password" }), 400, "unsupported_grant_type"],
    ["another scope", async () => form("lr-b", keys["lr-b"]!, { scope: "eduv.student.basic" }), 400, "invalid_scope"],
    ["no assertion", async () => ({ grant_type: "client_credentials" }), 401, "invalid_client"],
    ["a client that is not registered", async () => form("las-a", keys["lr-b"]!), 401, "invalid_client"],
    ["the assertion signed with another key", async () => form("lr-b", stranger), 401, "invalid_client"],
    [
      "an assertion for another audience",
      async () => ({
        ...(await form("lr-b", keys["lr-b"]!)),
        client_assertion: await assertion(keys["lr-b"]!, "lr-b", { aud: "https://elders.example/token" }),
      }),
      401,
      "invalid_client",
    ],
  ])("%s → %i %s", async (_label, make, code, error) => {
    const res = await askToken(await make());
    expect(res.status).toBe(code);
    expect(await res.json()).toMatchObject({ error });
  });

  it("a replayed assertion gets no second token", async () => {
    const f = await form("lr-b", keys["lr-b"]!);
    expect((await askToken(f)).status).toBe(200);
    expect(await (await askToken(f)).json()).toMatchObject({ error: "invalid_client" });
  });
});
