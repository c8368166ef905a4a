import { generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getStore } from "@/lib/db/client";
import { clientAssertionJtis } from "@/lib/db/schema";
import { parseSourcesConfig, type SourcesConfig } from "@/lib/sources/config";
import { testSigningKey } from "@/lib/sources/testing/fixtures";
import type { SigningKey } from "@/lib/sources/transport/signing-key";
import { issueToken, type ReplayGuard } from "./provider-auth";

process.env.PGLITE_DIR = "memory://";
const TOKEN_URL = "http://localhost:3000/api/eduv/oauth2/token";
const API_URL = "http://localhost:3000/api/eduv/v1/consent/requests";
const ISSUER = "http://localhost:3000";
const NOW = Date.UTC(2026, 10, 30, 10, 0, 0);
const T = Math.floor(NOW / 1000);

let jwks: Server;
let config: SourcesConfig;
let ours: SigningKey;
let rsa: KeyObject;
let ec: KeyObject;

beforeAll(async () => {
  const r = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const e = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  rsa = r.privateKey;
  ec = e.privateKey;
  // The RSA key carries no "alg": whether RS256, PS256 or RS384 is accepted is our rule, not the key's.
  const keys = [
    { ...r.publicKey.export({ format: "jwk" }), kid: "rsa" },
    { ...e.publicKey.export({ format: "jwk" }), kid: "ec" },
  ];
  jwks = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys })));
  const port = await new Promise<number>((done) => jwks.listen(0, "127.0.0.1", () => done((jwks.address() as AddressInfo).port)));
  const demo = JSON.parse(readFileSync("config/sources.demo.json", "utf8"));
  for (const s of demo.sources)
    if (s.id === "lr-a" || s.id === "lr-b") s.consent = { delivery: "poll", jwksUri: `http://127.0.0.1:${port}/jwks.json` };
  config = parseSourcesConfig(demo);
  ours = await testSigningKey();
});
afterAll(() => new Promise((done) => jwks.close(done)));

type Claims = JWTPayload & Record<string, unknown>;
const base = (client = "lr-b"): Claims => ({ iss: client, sub: client, aud: TOKEN_URL, iat: T, exp: T + 60, jti: randomUUID() });
const sign = (claims: Claims, alg = "RS256", key: KeyObject | Uint8Array = rsa, kid = alg.startsWith("ES") ? "ec" : "rsa") =>
  new SignJWT(claims).setProtectedHeader({ alg, kid }).sign(key);
const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString("base64url");

/** An in-memory guard for the rule tests: which ids were claimed, by whom. */
function memoryGuard(): ReplayGuard & { seen: Map<string, Date> } {
  const seen = new Map<string, Date>();
  return {
    seen,
    async claim(client, jti, until) {
      const k = `${client}/${jti}`;
      if (seen.has(k)) return false;
      seen.set(k, until);
      return true;
    },
  };
}

const ask = (assertion: string, replay: ReplayGuard = memoryGuard()) =>
  issueToken(
    new URLSearchParams({
      grant_type: "client_credentials",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: assertion,
    }),
    { tokenUrl: TOKEN_URL, apiUrl: API_URL, issuer: ISSUER, config, key: ours, now: NOW, replay },
  );

const without = (claim: string): Claims => {
  const c = base();
  delete c[claim];
  return c;
};

describe("client assertions at the token endpoint for Providers", () => {
  it.each([
    ["RS256", () => sign(base(), "RS256")],
    ["PS256", () => sign(base(), "PS256")],
    ["ES256", () => sign(base(), "ES256", ec)],
    ["exp exactly 300 s after iat", () => sign({ ...base(), exp: T + 300 })],
    ["aud the issuer identifier (RFC 7523 allows it)", () => sign({ ...base(), aud: ISSUER })],
    ["aud an array holding only the token URL", () => sign({ ...base(), aud: [TOKEN_URL] })],
  ])("accepts %s", async (_label, make) => {
    const answer = await ask(await make());
    expect(answer.status).toBe(200);
  });

  it.each([
    ["without exp", () => sign(without("exp")), "client assertion without exp (exp, iat and jti are required)"],
    ["without iat", () => sign(without("iat")), "client assertion without iat (exp, iat and jti are required)"],
    ["without jti", () => sign(without("jti")), "client assertion without jti (exp, iat and jti are required)"],
    ["exp 301 s after iat", () => sign({ ...base(), exp: T + 301 }), "client assertion lives longer than 300 s (exp - iat)"],
    ["exp a day after iat", () => sign({ ...base(), exp: T + 86_400 }), "client assertion lives longer than 300 s (exp - iat)"],
    ["iat ten minutes ago", () => sign({ ...base(), iat: T - 600, exp: T + 60 }), "client assertion expired or issued too long ago"],
    ["already expired", () => sign({ ...base(), iat: T - 120, exp: T - 60 }), "client assertion expired or issued too long ago"],
    ["iat in the future (beyond 30 s of clock skew)", () => sign({ ...base(), iat: T + 120, exp: T + 180 }), "client assertion not valid"],
    [
      "a jti that is no string",
      () => sign({ ...base(), jti: 42 as unknown as string }),
      "client assertion jti must be a string of 1 to 256 characters",
    ],
    [
      "a jti of 257 characters",
      () => sign({ ...base(), jti: "j".repeat(257) }),
      "client assertion jti must be a string of 1 to 256 characters",
    ],
    ["alg none", async () => `${b64({ alg: "none" })}.${b64(base())}.`, "signing algorithm not allowed (RS256, PS256, ES256)"],
    [
      "HMAC (HS256) with a shared secret",
      () => sign(base(), "HS256", new TextEncoder().encode("a-secret-both-sides-know-32-bytes!")),
      "signing algorithm not allowed (RS256, PS256, ES256)",
    ],
    ["an asymmetric algorithm off the list (RS384)", () => sign(base(), "RS384"), "signing algorithm not allowed (RS256, PS256, ES256)"],
    ["another audience", () => sign({ ...base(), aud: "https://elsewhere.example/token" }), "client assertion not valid"],
    [
      "an audience of ours beside another's",
      () => sign({ ...base(), aud: [ISSUER, "https://elsewhere.example"] }),
      "client assertion aud must name this server alone",
    ],
    [
      "signed with a key the Provider's JWKS does not hold",
      () => sign(base(), "RS256", generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey),
      "client authentication failed",
    ],
    ["from a client nobody registered", () => sign(base("nobody")), "client authentication failed"],
  ])("refuses an assertion %s: 401 invalid_client", async (_label, make, description) => {
    const replay = memoryGuard();
    const answer = await ask(await make(), replay);
    expect(answer).toEqual({ status: 401, body: { error: "invalid_client", error_description: description } });
    expect(replay.seen.size).toBe(0); // a refused assertion never uses up its jti
  });

  it("keeps the jti until the assertion's exp plus the clock tolerance; the same jti of another Provider is its own", async () => {
    const replay = memoryGuard();
    const claims = base();
    expect((await ask(await sign(claims), replay)).status).toBe(200);
    expect(replay.seen.get(`lr-b/${claims.jti}`)).toEqual(new Date((T + 60 + 30) * 1000));
    expect(await ask(await sign({ ...claims, iat: T + 1 }), replay)).toEqual({
      status: 401,
      body: { error: "invalid_client", error_description: "client assertion replayed" },
    });
    expect((await ask(await sign({ ...base("lr-a"), jti: claims.jti }), replay)).status).toBe(200);
  });
});

describe("the token endpoint's errors, as RFC 6749 §5.2 names them", () => {
  const TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  const answer = (form: URLSearchParams) =>
    issueToken(form, { tokenUrl: TOKEN_URL, apiUrl: API_URL, issuer: ISSUER, config, key: ours, now: NOW, replay: memoryGuard() });
  it.each([
    ["no grant_type", (a: string) => new URLSearchParams({ client_assertion_type: TYPE, client_assertion: a }), 400, "invalid_request"],
    [
      "an empty grant_type",
      (a: string) => new URLSearchParams({ grant_type: "", client_assertion_type: TYPE, client_assertion: a }),
      400,
      "invalid_request",
    ],
    [
      "another grant type",
      (a: string) => new URLSearchParams({ grant_type: "password", client_assertion_type: TYPE, client_assertion: a }),
      400,
      "unsupported_grant_type",
    ],
    [
      "grant_type twice",
      (a: string) =>
        new URLSearchParams([
          ["grant_type", "client_credentials"],
          ["grant_type", "client_credentials"],
          ["client_assertion_type", TYPE],
          ["client_assertion", a],
        ]),
      400,
      "invalid_request",
    ],
    [
      "client_assertion twice",
      (a: string) =>
        new URLSearchParams([
          ["grant_type", "client_credentials"],
          ["client_assertion_type", TYPE],
          ["client_assertion", a],
          ["client_assertion", a],
        ]),
      400,
      "invalid_request",
    ],
    ["no client assertion", () => new URLSearchParams({ grant_type: "client_credentials" }), 401, "invalid_client"],
    [
      "a scope other than eduv.consent",
      (a: string) =>
        new URLSearchParams({ grant_type: "client_credentials", client_assertion_type: TYPE, client_assertion: a, scope: "eduv.student" }),
      400,
      "invalid_scope",
    ],
  ] as const)("%s: %i %s", async (_label, form, status, error) => {
    const got = await answer(form(await sign(base())));
    expect([got.status, got.status === 200 ? "" : got.body.error]).toEqual([status, error]);
  });

  it("a client nobody registered and a registered one whose signature does not hold get the same answer", async () => {
    const unknown = await answer(
      new URLSearchParams({ grant_type: "client_credentials", client_assertion_type: TYPE, client_assertion: await sign(base("nobody")) }),
    );
    const forged = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const invalid = await answer(
      new URLSearchParams({
        grant_type: "client_credentials",
        client_assertion_type: TYPE,
        client_assertion: await sign(base(), "RS256", forged),
      }),
    );
    expect(unknown).toEqual(invalid);
    expect(unknown).toEqual({ status: 401, body: { error: "invalid_client", error_description: "client authentication failed" } });
  });
});

describe("replays refused through the store (the default guard)", () => {
  it("a second use of an assertion is refused, and the id is stored with its expiry", async () => {
    const assertion = await sign(base());
    const ask = () =>
      issueToken(
        new URLSearchParams({
          grant_type: "client_credentials",
          client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
          client_assertion: assertion,
        }),
        { tokenUrl: TOKEN_URL, apiUrl: API_URL, issuer: ISSUER, config, key: ours, now: NOW },
      );
    const [first, second] = await Promise.all([ask(), ask()]);
    expect([first.status, second.status].sort()).toEqual([200, 401]);
    const rows = await (await getStore()).db.select().from(clientAssertionJtis);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ clientId: "lr-b", expiresAt: new Date((T + 90) * 1000) });
  });
});
