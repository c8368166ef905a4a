import "server-only";
import { createPublicKey } from "node:crypto";
import { SignJWT, createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTVerifyGetKey } from "jose";
import type { SigningKey } from "@/lib/eduv/keys";
import type { SourceConfig, SourcesConfig } from "@/lib/eduv/sources-config";

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
  return config.sources.flatMap((s: SourceConfig) => (s.consent?.delivery === "poll" && s.consent.jwksUri ? [{ providerId: s.id, clientId: s.consent.clientId ?? s.id, jwksUri: s.consent.jwksUri }] : []));
}

const jwksCache = new Map<string, JWTVerifyGetKey>();
const jwksOf = (uri: string) => {
  let set = jwksCache.get(uri);
  if (!set) jwksCache.set(uri, (set = createRemoteJWKSet(new URL(uri), { timeoutDuration: 5_000 })));
  return set;
};
// Assertion ids seen until they expire: a replayed assertion gets no second token.
const seenJti = new Map<string, number>();

export type TokenAnswer = { status: 200; body: { access_token: string; token_type: "Bearer"; expires_in: number; scope: string } } | { status: 400 | 401; body: { error: string; error_description: string } };

const fail = (status: 400 | 401, error: string, description: string): TokenAnswer => ({ status, body: { error, error_description: description } });

export async function issueToken(form: URLSearchParams, ctx: { tokenUrl: string; apiUrl: string; config: SourcesConfig; key: SigningKey; now?: number }): Promise<TokenAnswer> {
  if (form.get("grant_type") !== "client_credentials") return fail(400, "unsupported_grant_type", "only client_credentials");
  if (form.get("client_assertion_type") !== ASSERTION_TYPE || !form.get("client_assertion")) return fail(401, "invalid_client", "private_key_jwt client assertion required");
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
  if (!client || (claimedId && claimedId !== client.clientId)) return fail(401, "invalid_client", "unknown client");
  try {
    const { payload } = await jwtVerify(assertion, jwksOf(client.jwksUri), { issuer: client.clientId, subject: client.clientId, audience: ctx.tokenUrl, maxTokenAge: "5m", currentDate: ctx.now ? new Date(ctx.now) : undefined });
    const now = ctx.now ?? Date.now();
    for (const [jti, exp] of seenJti) if (exp < now) seenJti.delete(jti);
    if (!payload.jti || seenJti.has(`${client.clientId}:${payload.jti}`)) return fail(401, "invalid_client", "assertion without jti or replayed");
    seenJti.set(`${client.clientId}:${payload.jti}`, (payload.exp ?? 0) * 1000);
  } catch {
    return fail(401, "invalid_client", "client assertion not valid");
  }
  const accessToken = await new SignJWT({ scope: CONSENT_SCOPE, client_id: client.clientId })
    .setProtectedHeader({ alg: ctx.key.alg, kid: ctx.key.kid, typ: "at+jwt" })
    .setIssuer(ctx.tokenUrl)
    .setAudience(ctx.apiUrl)
    .setSubject(client.providerId)
    .setIssuedAt(Math.floor((ctx.now ?? Date.now()) / 1000))
    .setExpirationTime(Math.floor((ctx.now ?? Date.now()) / 1000) + TOKEN_SECONDS)
    .sign(ctx.key.privateKey);
  return { status: 200, body: { access_token: accessToken, token_type: "Bearer", expires_in: TOKEN_SECONDS, scope: CONSENT_SCOPE } };
}

export type BearerCheck = { ok: true; providerId: string } | { ok: false; status: 401 | 403; wwwAuthenticate: string };

/** RFC 6750: a missing or bad token gets 401 with `invalid_token` (or no error when none was sent); the wrong scope 403. */
export async function checkBearer(header: string | null, ctx: { tokenUrl: string; apiUrl: string; key: SigningKey; config: SourcesConfig; now?: number }): Promise<BearerCheck> {
  const realm = 'Bearer realm="leermiddelendashboard"';
  const token = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header ?? "")?.[1];
  if (!token) return { ok: false, status: 401, wwwAuthenticate: header ? `${realm}, error="invalid_request"` : realm };
  try {
    const { payload } = await jwtVerify(token, createPublicKey(ctx.key.privateKey), { issuer: ctx.tokenUrl, audience: ctx.apiUrl, typ: "at+jwt", currentDate: ctx.now ? new Date(ctx.now) : undefined });
    const scopes = String(payload.scope ?? "").split(" ");
    if (!scopes.includes(CONSENT_SCOPE)) return { ok: false, status: 403, wwwAuthenticate: `${realm}, error="insufficient_scope", scope="${CONSENT_SCOPE}"` };
    const providerId = payload.sub;
    if (!providerId || !providerClients(ctx.config).some((c) => c.providerId === providerId)) return { ok: false, status: 401, wwwAuthenticate: `${realm}, error="invalid_token"` };
    return { ok: true, providerId };
  } catch (err) {
    const expired = err instanceof errors.JWTExpired;
    return { ok: false, status: 401, wwwAuthenticate: `${realm}, error="invalid_token", error_description="${expired ? "expired" : "invalid"}"` };
  }
}

/** Where Providers reach the dashboard's Edu-V API: LDB_PUBLIC_URL, else AUTH_URL, else the request's origin. */
export function consentEndpoints(request: Request): { tokenUrl: string; apiUrl: string } {
  const base = (process.env.LDB_PUBLIC_URL || process.env.AUTH_URL || new URL(request.url).origin).replace(/\/+$/, "");
  return { tokenUrl: `${base}/api/eduv/oauth2/token`, apiUrl: `${base}/api/eduv/v1/consent/requests` };
}
