import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { z } from "zod";

/** A Source's own key pair, for the client assertions it sends a consumer it polls or notifies. */
export type ProviderKey = { privateKey: CryptoKey; jwk: JWK };

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** Raised for failures whose message is safe to log: never a body or a token. */
export class SafeError extends Error {}

/** What a log line or a stats field may say about a failed call to a consumer: a SafeError's message, else only that it was unreachable and why. */
export function failureReason(err: unknown): string {
  if (err instanceof SafeError) return err.message;
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return `unreachable (${cause?.code ?? cause?.message ?? (err as Error).name})`;
}

async function providerKey(): Promise<ProviderKey> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = await exportJWK(publicKey);
  return { privateKey, jwk: { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: "ES256", use: "sig" } };
}

/**
 * One key pair per Source that calls a consumer, whether it polls, notifies or both: the consumer
 * registers the Source once, with its public half at /{id}/.well-known/jwks.json.
 */
export function createProviderKeys(sourceIds: string[]) {
  const keys = new Map<string, Promise<ProviderKey>>();
  for (const id of sourceIds) if (!keys.has(id)) keys.set(id, providerKey());
  return {
    get(sourceId: string): Promise<ProviderKey> {
      const key = keys.get(sourceId);
      if (!key) throw new Error(`no key for ${sourceId}`);
      return key;
    },
    async jwks(sourceId: string) {
      const key = keys.get(sourceId);
      return key ? { keys: [(await key).jwk] } : undefined;
    },
  };
}

export type ProviderKeys = ReturnType<typeof createProviderKeys>;

/**
 * A client-credentials token (scope eduv.consent) from the consumer's token endpoint, the Source
 * authenticating by private_key_jwt (RFC 7523) as `clientId`; reused until 30 s before it expires.
 */
export class ConsumerToken {
  /** Whether the consumer's token endpoint has answered at all (a poller logs an unreachable consumer only after a grace period). */
  reached = false;
  private token?: { value: string; expiresAt: number };

  constructor(
    private readonly link: { clientId: string; tokenUrl: string },
    private readonly key: Promise<ProviderKey>,
    private readonly now: () => number,
  ) {}

  /** Drops the cached token: the consumer refused it (401), so the next call proves the key again. */
  forget() {
    this.token = undefined;
  }

  async get(): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt - 30_000) return this.token.value;
    const res = await fetch(this.link.tokenUrl, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: await this.assertion(),
        client_id: this.link.clientId,
        scope: "eduv.consent",
      }),
      signal: AbortSignal.timeout(10_000),
    });
    this.reached = true;
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new SafeError(`token HTTP ${res.status}`);
    }
    const body = z
      .object({ access_token: z.string().min(1), expires_in: z.number().positive() })
      .safeParse(await res.json().catch(() => undefined));
    if (!body.success) throw new SafeError("token answer unreadable");
    this.token = { value: body.data.access_token, expiresAt: this.now() + body.data.expires_in * 1000 };
    return this.token.value;
  }

  private async assertion() {
    const { privateKey, jwk } = await this.key;
    return new SignJWT({})
      .setProtectedHeader({ alg: "ES256", kid: jwk.kid })
      .setIssuer(this.link.clientId)
      .setSubject(this.link.clientId)
      .setAudience(this.link.tokenUrl)
      .setJti(crypto.randomUUID())
      .setIssuedAt()
      .setExpirationTime("60s")
      .sign(privateKey);
  }
}
