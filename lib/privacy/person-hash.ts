import "server-only";
import { createHmac, createSecretKey, randomBytes, type KeyObject } from "node:crypto";
import { demoFallbackAllowed, envValue, MissingSettingError } from "@/lib/env/production";
import { readOrCreateFile } from "@/lib/local-files";

// The keyed hash of a person's identifier: the access log stores it instead of the identifier, and
// the Source side uses it as the opaque key of one pupil across Sources (lib/sources/reading/identity.ts).

// A KeyObject, made once: handing createHmac a raw Buffer imports the key again on every call (6x slower per student row).
let hashKey: KeyObject | undefined;

/**
 * ACCESS_LOG_HASH_KEY (at least 32 characters), or for the demo a key generated once into
 * .data/keys/. Never generated in production: instances with different keys would hash the same
 * person differently, and the auditor's search by identifier would miss entries.
 */
function key(): KeyObject {
  if (hashKey) return hashKey;
  const configured = envValue("ACCESS_LOG_HASH_KEY");
  if (configured) {
    if (configured.length < 32) throw new Error("ACCESS_LOG_HASH_KEY must be at least 32 characters");
    return (hashKey = createSecretKey(Buffer.from(configured)));
  }
  if (!demoFallbackAllowed()) throw new MissingSettingError("ACCESS_LOG_HASH_KEY");
  const stored = readOrCreateFile(".data/keys/access-log-hash.key", () => randomBytes(32).toString("base64"));
  return (hashKey = createSecretKey(Buffer.from(stored.trim(), "base64")));
}

/** A keyed hash of a person's identifier: the same person gives the same hash, the hash gives no identifier. */
export function personHash(identifier: string): string {
  return createHmac("sha256", key()).update(identifier).digest("hex");
}
