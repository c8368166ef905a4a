import "server-only";
import { processState } from "@/lib/process-state";
import { createPublicKey } from "node:crypto";
import { SignJWT, createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { claimAssertionJti } from "@/lib/db/assertion-jtis";
import { getStore } from "@/lib/db/client";
import type { SigningKey } from "@/lib/sources/transport/signing-key";
import type { SourceConfig, SourcesConfig } from "@/lib/sources/config";

/**
 * The dashboard as authorization server for its own Edu-V API (GET /consent/requests): Providers
 * registered in the sources file get a client-credentials token for `eduv.consent` by proving
 * their key (private_key_jwt, RFC 7523), verified with jose against their jwks_uri.
 */
export const CONSENT_SCOPE = "eduv.consent";
const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const TOKEN_SECONDS = 300;

export type ProviderClient = { providerId: string; clientId: string; jwksUri: string };

export function providerClients(config: SourcesConfig): ProviderClient[] {
  return config.sources.flatMap((s: SourceConfig) =>
    (s.consent?.delivery === "poll" || s.consent?.notifies) && s.consent.jwksUri
      ? [{ providerId: s.id, clientId: s.consent.clientId ?? s.id, jwksUri: s.consent.jwksUri }]
      : [],
  );
}

// One for the process: the token endpoint and GET /consent/requests are bundled apart, and each copy would fetch the keys again.
const jwksCache = processState(
  {
    key: "cache.provider-jwks",
    kind: "cache",
    what: "the public keys (JWKS) of the Providers that poll or push, fetched from their jwks_uri",
    cap: "one key set per Provider in the sources file",
  },
  () => new Map<string, JWTVerifyGetKey>(),
);
const jwksOf = (uri: string) => {
  let set = jwksCache.get(uri);
  if (!set) jwksCache.set(uri, (set = createRemoteJWKSet(new URL(uri), { timeoutDuration: 5_000 })));
  return set;
};

/**
 * What a client assertion must be (RFC 7523 §3, RFC 7521 §5.2): signed with an asymmetric
 * algorithm from this list (never `none`, never HMAC: a shared secret is not a key the Provider
 * proves it holds), carrying `exp`, `iat` and `jti`, and living at most ASSERTION_MAX_SECONDS from
 * `iat` to `exp`, so a stored `jti` need be kept only that long.
 */
export const ASSERTION_ALGORITHMS = ["RS256", "PS256", "ES256"] as const;
export const ASSERTION_MAX_SECONDS = 300;
/** Clocks of the Provider and ours may differ by this much. */
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * The `aud` values an assertion may name (RFC 7523 §3, RFC 7521 §5.2): our issuer identifier or our
 * token endpoint's URL, as one value; an array only when it holds nothing else (checkAudienceShape).
 */
export function acceptedAudiences(ctx: { tokenUrl: string; issuer: string }): string[] {
  return [ctx.issuer, ctx.tokenUrl];
}

/** jose accepts an array of audiences when one of them is ours; an assertion meant for others as well is refused. */
function audienceIsOursAlone(aud: JWTPayload["aud"]): boolean {
  return typeof aud === "string" || (Array.isArray(aud) && aud.length === 1);
}

/** Remembers assertion ids until they expire; `claim` is true only the first time (lib/db/assertion-jtis.ts). */
export type ReplayGuard = { claim(clientId: string, jti: string, expiresAt: Date, now: Date): Promise<boolean> };

const storeReplayGuard: ReplayGuard = {
  async claim(clientId, jti, expiresAt, now) {
    return claimAssertionJti((await getStore()).db, clientId, jti, expiresAt, now);
  },
};

export type TokenAnswer =
  | { status: 200; body: { access_token: string; token_type: "Bearer"; expires_in: number; scope: string } }
  | { status: 400 | 401; body: { error: string; error_description: string } };

const fail = (status: 400 | 401, error: string, description: string): TokenAnswer => ({
  status,
  body: { error, error_description: description },
});

/**
 * One answer for a client we do not know and for a signature that does not hold (RFC 6749 §5.2
 * invalid_client): the token endpoint does not tell which client ids exist.
 */
const AUTHENTICATION_FAILED = "client authentication failed";

/** Why jose refused the assertion, in words a Provider's developer can act on; never a claim's value. */
function refusal(err: unknown): string {
  if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JWKSNoMatchingKey) return AUTHENTICATION_FAILED;
  if (err instanceof errors.JOSEAlgNotAllowed) return `signing algorithm not allowed (${ASSERTION_ALGORITHMS.join(", ")})`;
  if (err instanceof errors.JWTClaimValidationFailed && err.reason === "missing")
    return `client assertion without ${err.claim} (exp, iat and jti are required)`;
  if (err instanceof errors.JWTExpired) return "client assertion expired or issued too long ago";
  return "client assertion not valid";
}

type TokenContext = {
  tokenUrl: string;
  apiUrl: string;
  issuer: string;
  config: SourcesConfig;
  key: SigningKey;
  now?: number;
  replay?: ReplayGuard;
};

/** RFC 6749 §3.2 and §5.2: a parameter given twice, or no grant_type, is an invalid request; another grant type is not supported. */
function requestProblem(form: URLSearchParams): TokenAnswer | undefined {
  const twice = [...new Set(form.keys())].find((name) => form.getAll(name).length > 1);
  if (twice) return fail(400, "invalid_request", `parameter ${twice.slice(0, 64)} given more than once`);
  const grant = form.get("grant_type");
  if (!grant) return fail(400, "invalid_request", "grant_type missing");
  if (grant !== "client_credentials") return fail(400, "unsupported_grant_type", "only client_credentials");
  return undefined;
}

export async function issueToken(form: URLSearchParams, ctx: TokenContext): Promise<TokenAnswer> {
  const problem = requestProblem(form);
  if (problem) return problem;
  if (form.get("client_assertion_type") !== ASSERTION_TYPE || !form.get("client_assertion"))
    return fail(401, "invalid_client", "private_key_jwt client assertion required");
  const requested = (form.get("scope") ?? CONSENT_SCOPE).split(" ").filter(Boolean);
  if (requested.some((s) => s !== CONSENT_SCOPE)) return fail(400, "invalid_scope", `only ${CONSENT_SCOPE}`);
  const assertion = form.get("client_assertion")!;
  const claimedId = form.get("client_id") ?? undefined;
  let clientId: string | undefined;
  try {
    clientId = decodeJwt(assertion).iss; // which key to check it with; the signature is verified below
  } catch {
    return fail(401, "invalid_client", "unreadable client assertion");
  }
  const client = providerClients(ctx.config).find((c) => c.clientId === clientId);
  if (!client || (claimedId && claimedId !== client.clientId)) return fail(401, "invalid_client", AUTHENTICATION_FAILED);
  const now = new Date(ctx.now ?? Date.now());
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(assertion, jwksOf(client.jwksUri), {
      algorithms: [...ASSERTION_ALGORITHMS],
      issuer: client.clientId,
      subject: client.clientId,
      audience: acceptedAudiences(ctx),
      requiredClaims: ["exp", "iat", "jti"],
      maxTokenAge: ASSERTION_MAX_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: now,
    }));
  } catch (err) {
    return fail(401, "invalid_client", refusal(err));
  }
  if (!audienceIsOursAlone(payload.aud)) return fail(401, "invalid_client", "client assertion aud must name this server alone");
  // jose checked that exp, iat and jti are there and that exp and iat are numbers.
  const { exp, iat, jti } = payload as { exp: number; iat: number; jti: unknown };
  if (exp - iat > ASSERTION_MAX_SECONDS)
    return fail(401, "invalid_client", `client assertion lives longer than ${ASSERTION_MAX_SECONDS} s (exp - iat)`);
  if (typeof jti !== "string" || jti.length === 0 || jti.length > 256)
    return fail(401, "invalid_client", "client assertion jti must be a string of 1 to 256 characters");
  // Kept as long as the assertion could still be accepted, clock tolerance included.
  const keepUntil = new Date((exp + CLOCK_TOLERANCE_SECONDS) * 1000);
  if (!(await (ctx.replay ?? storeReplayGuard).claim(client.clientId, jti, keepUntil, now)))
    return fail(401, "invalid_client", "client assertion replayed");
  const accessToken = await new SignJWT({ scope: CONSENT_SCOPE, client_id: client.clientId })
    .setProtectedHeader({ alg: ctx.key.alg, kid: ctx.key.kid, typ: "at+jwt" })
    .setIssuer(ctx.issuer)
    .setAudience(ctx.apiUrl)
    .setSubject(client.providerId)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(now.getTime() / 1000) + TOKEN_SECONDS)
    .sign(ctx.key.privateKey);
  return { status: 200, body: { access_token: accessToken, token_type: "Bearer", expires_in: TOKEN_SECONDS, scope: CONSENT_SCOPE } };
}

export type BearerCheck = { ok: true; providerId: string } | { ok: false; status: 401; reason: "token" | "scope"; wwwAuthenticate: string };

/** RFC 6750's challenges: a missing or bad token gets `invalid_token` (or no error when none was sent), the wrong scope `insufficient_scope`; both 401. */
export async function checkBearer(
  header: string | null,
  ctx: { issuer: string; apiUrl: string; key: SigningKey; config: SourcesConfig; now?: number },
): Promise<BearerCheck> {
  const realm = 'Bearer realm="leermiddelendashboard"';
  const token = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header ?? "")?.[1];
  if (!token) return { ok: false, status: 401, reason: "token", wwwAuthenticate: header ? `${realm}, error="invalid_request"` : realm };
  try {
    const { payload } = await jwtVerify(token, createPublicKey(ctx.key.privateKey), {
      issuer: ctx.issuer,
      audience: ctx.apiUrl,
      typ: "at+jwt",
      currentDate: ctx.now ? new Date(ctx.now) : undefined,
    });
    const scopes = String(payload.scope ?? "").split(" ");
    // The Edu-V status table answers a missing scope with 401 and 0021 (spec/ERRATA.md, "Token errors"), not RFC 6750's 403.
    if (!scopes.includes(CONSENT_SCOPE))
      return { ok: false, status: 401, reason: "scope", wwwAuthenticate: `${realm}, error="insufficient_scope", scope="${CONSENT_SCOPE}"` };
    const providerId = payload.sub;
    if (!providerId || !providerClients(ctx.config).some((c) => c.providerId === providerId))
      return { ok: false, status: 401, reason: "token", wwwAuthenticate: `${realm}, error="invalid_token"` };
    return { ok: true, providerId };
  } catch (err) {
    const expired = err instanceof errors.JWTExpired;
    return {
      ok: false,
      status: 401,
      reason: "token",
      wwwAuthenticate: `${realm}, error="invalid_token", error_description="${expired ? "expired" : "invalid"}"`,
    };
  }
}

export type ConsentEndpoints = { issuer: string; tokenUrl: string; apiUrl: string; metadataUrl: string; jwksUrl: string };

/**
 * Where Providers reach the dashboard's Edu-V API: LDB_PUBLIC_URL, else AUTH_URL, else the request's
 * origin. The issuer identifier is that base; its RFC 8414 metadata is at the well-known path after
 * the host (for a base with a path, the path follows the well-known part, RFC 8414 §3.1).
 */
export function consentEndpoints(request: Request): ConsentEndpoints {
  const base = (process.env.LDB_PUBLIC_URL || process.env.AUTH_URL || new URL(request.url).origin).replace(/\/+$/, "");
  const { origin, pathname } = new URL(base);
  const path = pathname === "/" ? "" : pathname;
  return {
    issuer: base,
    tokenUrl: `${base}/api/eduv/oauth2/token`,
    apiUrl: `${base}/api/eduv/v1/consent/requests`,
    metadataUrl: `${origin}/.well-known/oauth-authorization-server${path}`,
    jwksUrl: `${base}/.well-known/jwks.json`,
  };
}

/** RFC 8414 metadata of the dashboard's authorization server: what a standard OAuth2 client discovers. */
export function authorizationServerMetadata(endpoints: ConsentEndpoints) {
  return {
    issuer: endpoints.issuer,
    token_endpoint: endpoints.tokenUrl,
    jwks_uri: endpoints.jwksUrl,
    grant_types_supported: ["client_credentials"],
    response_types_supported: [],
    token_endpoint_auth_methods_supported: ["private_key_jwt"],
    token_endpoint_auth_signing_alg_values_supported: [...ASSERTION_ALGORITHMS],
    scopes_supported: [CONSENT_SCOPE],
  };
}
