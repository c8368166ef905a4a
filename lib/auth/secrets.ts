import "server-only";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { demoFallbackAllowed, envValue, MissingSettingError } from "@/lib/env/production";
import { readOrCreateFile } from "@/lib/local-files";

/**
 * A secret from the environment, or for the demo and the tests one generated once into
 * .data/keys/. A production server never makes up its own: each instance would hold a different
 * one, and a restart would forget it.
 */
export function secretFromEnvOrDemo(envName: string, file: string): string {
  const configured = envValue(envName);
  if (configured) return configured;
  if (!demoFallbackAllowed()) throw new MissingSettingError(envName);
  const full = path.resolve(/*turbopackIgnore: true*/ ".data/keys", file);
  return readOrCreateFile(full, () => randomBytes(32).toString("base64url")).trim();
}
