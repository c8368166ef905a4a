import "server-only";
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { z } from "zod";
import { SourceError } from "../errors";
import type { SigningKey } from "./signing-key";
import { TOKEN_ANSWER_CAP, readSourceBody } from "./read-body";
import { busySignal } from "./retry-after";
import type { SourceConfig } from "../config";

export type AccessToken = { value: string; scopes: string[]; expiresAt: number };

const tokenAnswerSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.coerce.number().int().positive().optional(),
  scope: z.string().optional(),
});

export type TokenProviderOptions = {
  signingKey: () => Promise<SigningKey>;
  /** Resolves a client secret for client_secret_basic Sources (default: process.env). */
  secret?: (envName: string) => string | undefined;
  fetch?: typeof fetch;
  now?: () => number;
  /** Tokens are renewed this many seconds before they expire (capped at half their lifetime). */
  expiryMarginSeconds?: number;
  /** Lifetime assumed when the Source does not say (RFC 6749 makes expires_in optional). */
  defaultLifetimeSeconds?: number;
};

/**
 * OAuth2 client credentials per Edu-V: private_key_jwt (RFC 7523) by default, client_secret_basic
 * where a Source is so configured. Tokens are cached per (Source, client, scope set) and concurrent
 * callers for the same key share one request; the scope set is part of the key so a caller never
 * receives a token with another caller's scopes.
 */
export class TokenProvider {
  private readonly cache = new Map<string, AccessToken>();
  private readonly inFlight = new Map<string, Promise<AccessToken>>();
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly opts: TokenProviderOptions) {
    this.fetchImpl = opts.fetch ?? fetch;
    this.now = opts.now ?? Date.now;
  }

  static key(source: SourceConfig, scopes: readonly string[]): string {
    return `${source.id}\u0000${source.clientId}\u0000${[...new Set(scopes)].sort().join(" ")}`;
  }

  async getToken(source: SourceConfig, scopes: readonly string[]): Promise<AccessToken> {
    const key = TokenProvider.key(source, scopes);
    const cached = this.cache.get(key);
    if (cached && this.now() < cached.expiresAt) return cached;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const request = this.requestToken(source, scopes)
      .then((token) => {
        this.cache.set(key, token);
        return token;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, request);
    return request;
  }

  /** Drops a cached token the Source no longer accepts, so the next call fetches a new one. */
  invalidate(source: SourceConfig, scopes: readonly string[], token?: AccessToken): void {
    const key = TokenProvider.key(source, scopes);
    if (!token || this.cache.get(key)?.value === token.value) this.cache.delete(key);
  }

  private async requestToken(source: SourceConfig, scopes: readonly string[]): Promise<AccessToken> {
    const form = new URLSearchParams({ grant_type: "client_credentials" });
    const requested = [...new Set(scopes)].sort();
    if (requested.length) form.set("scope", requested.join(" "));
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };

    if (source.auth.method === "private_key_jwt") {
      form.set("client_id", source.clientId);
      form.set("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
      form.set("client_assertion", await this.clientAssertion(source));
    } else {
      const secret = (this.opts.secret ?? ((name) => process.env[name]))(source.auth.clientSecretEnv);
      if (!secret)
        throw new SourceError("not_configured", source.id, { detail: `environment variable ${source.auth.clientSecretEnv} is not set` });
      // RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
      const basic = Buffer.from(`${encodeURIComponent(source.clientId)}:${encodeURIComponent(secret)}`).toString("base64");
      headers.authorization = `Basic ${basic}`;
    }

    const started = this.now();
    let res: Response;
    try {
      res = await this.fetchImpl(source.tokenEndpoint, {
        method: "POST",
        headers,
        body: form,
        signal: AbortSignal.timeout(source.timeoutMs),
        redirect: "error",
      });
    } catch (err) {
      const timedOut = err instanceof DOMException && err.name === "TimeoutError";
      throw new SourceError(timedOut ? "timeout" : "unreachable", source.id, { detail: "token endpoint", cause: err });
    }
    const { text } = await readSourceBody(res, {
      sourceId: source.id,
      what: "token answer",
      limit: Math.min(source.maxAnswerBytes, TOKEN_ANSWER_CAP),
      timeoutMs: source.timeoutMs,
      error: !res.ok,
    });
    const body = parseJson(text);
    if (!res.ok) {
      const oauthError = z.object({ error: z.string().regex(/^[\x20-\x7e]{1,64}$/) }).safeParse(body);
      const detail = oauthError.success ? oauthError.data.error : "token endpoint";
      const busy = busySignal(res);
      // The token endpoint is the Source's: its "come back later" pauses the Source like any other answer would.
      if (busy.busy) throw new SourceError("busy", source.id, { httpStatus: res.status, detail, retryAt: busy.retryAt });
      // A failing token server is named as such: "the Source reports a failure" would send the school to the data endpoint.
      throw new SourceError(res.status >= 500 ? "token_unavailable" : "token_refused", source.id, { httpStatus: res.status, detail });
    }
    const parsed = tokenAnswerSchema.safeParse(body);
    if (!parsed.success) throw new SourceError("invalid_answer", source.id, { httpStatus: res.status, detail: "token answer" });
    const lifetime = parsed.data.expires_in ?? this.opts.defaultLifetimeSeconds ?? 300;
    const margin = Math.min(this.opts.expiryMarginSeconds ?? 30, lifetime / 2);
    return {
      value: parsed.data.access_token,
      // RFC 6749 §5.1: no scope in the answer means the requested scope was granted.
      scopes: parsed.data.scope !== undefined ? parsed.data.scope.split(" ").filter(Boolean) : requested,
      expiresAt: started + (lifetime - margin) * 1000,
    };
  }

  private async clientAssertion(source: SourceConfig): Promise<string> {
    const key = await this.opts.signingKey();
    return new SignJWT({})
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: "JWT" })
      .setIssuer(source.clientId)
      .setSubject(source.clientId)
      .setAudience(source.tokenEndpoint)
      .setIssuedAt()
      .setExpirationTime("2m")
      .setJti(randomUUID())
      .sign(key.privateKey);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
