import "server-only";
import { generateKeyPairSync, createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { calculateJwkThumbprint, exportJWK, type JWK } from "jose";
import { demoFallbackAllowed, envValue, MissingSettingError } from "@/lib/env/production";
import { readOrCreateFile } from "@/lib/local-files";

/** The key the dashboard signs its client assertions (RFC 7523) with; Sources fetch its public half from our jwks_uri. */
export type SigningKey = { privateKey: KeyObject; publicJwk: JWK; kid: string; alg: string };

const DEMO_KEY_FILE = ".data/keys/eduv-client-key.pem";

function algFor(key: KeyObject): string {
  const wanted = process.env.EDUV_CLIENT_KEY_ALG;
  if (key.asymmetricKeyType === "rsa") return wanted === "PS256" ? "PS256" : "RS256";
  if (key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1") return "ES256";
  throw new Error("EDUV_CLIENT_KEY_FILE must hold an RSA or EC P-256 private key (PKCS#8 PEM)");
}

export async function signingKeyFromPem(pem: string): Promise<SigningKey> {
  const privateKey = createPrivateKey(pem);
  const alg = algFor(privateKey);
  const jwk = await exportJWK(createPublicKey(privateKey));
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey, alg, kid, publicJwk: { ...jwk, kid, alg, use: "sig" } };
}

/**
 * Reads EDUV_CLIENT_KEY_FILE. Without it (the demo, the tests), a key is generated once into
 * .data/keys/ so the same JWKS survives restarts; production sets the variable to its PKIoverheid
 * key and never gets a generated one (the Sources would trust a key nobody registered).
 */
function readOrCreatePem(): string {
  const configured = envValue("EDUV_CLIENT_KEY_FILE");
  if (configured) return readFileSync(/*turbopackIgnore: true*/ configured, "utf8");
  if (!demoFallbackAllowed()) throw new MissingSettingError("EDUV_CLIENT_KEY_FILE");
  return readOrCreateFile(DEMO_KEY_FILE, () =>
    generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }),
  );
}

let cached: Promise<SigningKey> | undefined;

/** The key, read once per process; a failed read is not kept, so the next use tries again. */
export function getSigningKey(): Promise<SigningKey> {
  cached ??= Promise.resolve()
    .then(() => signingKeyFromPem(readOrCreatePem()))
    .catch((err: unknown) => {
      cached = undefined;
      throw err;
    });
  return cached;
}

/** The JWKS served at /.well-known/jwks.json: public key only. */
export async function getPublicJwks(): Promise<{ keys: Array<Record<string, unknown>> }> {
  const key = await getSigningKey();
  return { keys: [{ ...key.publicJwk }] };
}
