import "server-only";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { readOrCreateFile } from "@/lib/local-files";

/** A secret from the environment, or for the demo one generated once into .data/keys/. */
export function secretFromEnvOrDemo(envName: string, file: string): string {
  const configured = process.env[envName];
  if (configured) return configured;
  const full = path.resolve(/*turbopackIgnore: true*/ ".data/keys", file);
  return readOrCreateFile(full, () => randomBytes(32).toString("base64url")).trim();
}
