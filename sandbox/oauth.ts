import { randomBytes, timingSafeEqual } from "node:crypto";
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";
import type { ClientRegistration, SandboxSource } from "./sources";

export type IssuedToken = { sourceId: string; clientId: string; scopes: string[]; expiresAt: number };
type OAuthError = { status: 400 | 401; error: string; description: string };

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** One authorization server per Source, sharing a token store that remembers which Source issued what. */
export class AuthorizationServers {
  readonly tokens = new Map<string, IssuedToken>();
  private readonly seenJti = new Map<string, number>();
  private readonly jwksCache = new Map<string, JWTVerifyGetKey>();

  constructor(
    private readonly clients: ClientRegistration[],
    private readonly publicUrl: string,
    private readonly now: () => number,
  ) {}

  issuer(source: SandboxSource) {
    return `${this.publicUrl}/${source.id}`;
  }

  tokenEndpoint(source: SandboxSource) {
    return `${this.issuer(source)}/oauth2/token`;
  }

  async token(source: SandboxSource, form: URLSearchParams, authorization: string | undefined, ttlSeconds: number) {
    if (form.get("grant_type") !== "client_credentials") return fail(400, "unsupported_grant_type", "only client_credentials");
    const client = await this.authenticate(source, form, authorization);
    if ("error" in client) return client;
    const requested = (form.get("scope") ?? "").split(" ").filter(Boolean);
    const granted = requested.length ? requested.filter((s) => source.allowedScopes.includes(s)) : source.allowedScopes;
    if (!granted.length) return fail(400, "invalid_scope", "none of the requested scopes is allowed");
    const accessToken = randomBytes(32).toString("base64url");
    this.tokens.set(accessToken, {
      sourceId: source.id,
      clientId: client.clientId,
      scopes: granted,
      expiresAt: this.now() + ttlSeconds * 1000,
    });
    return { access_token: accessToken, token_type: "Bearer", expires_in: ttlSeconds, scope: granted.join(" ") };
  }

  private async authenticate(
    source: SandboxSource,
    form: URLSearchParams,
    authorization: string | undefined,
  ): Promise<ClientRegistration | OAuthError> {
    const registered = (id: string | undefined) => this.clients.find((c) => c.clientId === id && c.sources.includes(source.id as never));
    if (authorization?.startsWith("Basic ")) {
      const [id, secret] = Buffer.from(authorization.slice(6), "base64").toString().split(":").map(decodeURIComponent);
      const client = registered(id);
      if (!client || client.method !== "client_secret_basic" || !secret || !safeEqual(secret, client.secret))
        return fail(401, "invalid_client", "client authentication failed");
      return client;
    }
    const assertion = form.get("client_assertion");
    if (form.get("client_assertion_type") !== ASSERTION_TYPE || !assertion)
      return fail(401, "invalid_client", "client authentication required");
    const claimedId = form.get("client_id") ?? undefined;
    let iss: string | undefined;
    try {
      iss = JSON.parse(Buffer.from(assertion.split(".")[1] ?? "", "base64url").toString()).iss;
    } catch {
      return fail(401, "invalid_client", "malformed client assertion");
    }
    const client = registered(iss);
    if (!client || client.method !== "private_key_jwt" || (claimedId && claimedId !== iss))
      return fail(401, "invalid_client", "unknown client or method");
    try {
      const { payload } = await jwtVerify(assertion, this.jwks(client.jwksUri), {
        issuer: client.clientId,
        subject: client.clientId,
        audience: [this.tokenEndpoint(source), this.issuer(source)],
        algorithms: ["RS256", "PS256", "ES256"],
        requiredClaims: ["exp", "jti"],
        currentDate: new Date(this.now()),
      });
      if (payload.exp! * 1000 - this.now() > 5 * 60_000) return fail(401, "invalid_client", "assertion lives too long");
      this.forgetOldJti();
      if (this.seenJti.has(`${client.clientId}/${payload.jti}`)) return fail(401, "invalid_client", "assertion replayed");
      this.seenJti.set(`${client.clientId}/${payload.jti}`, payload.exp! * 1000);
      return client;
    } catch {
      return fail(401, "invalid_client", "client assertion rejected");
    }
  }

  private jwks(uri: string): JWTVerifyGetKey {
    let set = this.jwksCache.get(uri);
    if (!set) {
      set = createRemoteJWKSet(new URL(uri), { cooldownDuration: 1_000, cacheMaxAge: 60_000 });
      this.jwksCache.set(uri, set);
    }
    return set;
  }

  private forgetOldJti() {
    const now = this.now();
    for (const [k, exp] of this.seenJti) if (exp < now) this.seenJti.delete(k);
  }

  /** The token's grant if it is valid at this Source right now. */
  check(source: SandboxSource, bearer: string | undefined, expireAll: boolean): IssuedToken | undefined {
    const token = bearer ? this.tokens.get(bearer) : undefined;
    if (!token || token.sourceId !== source.id || expireAll || token.expiresAt <= this.now()) return undefined;
    return token;
  }

  reset() {
    this.tokens.clear();
    this.seenJti.clear();
  }
}

function fail(status: 400 | 401, error: string, description: string): OAuthError {
  return { status, error, description };
}

function safeEqual(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
