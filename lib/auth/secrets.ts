import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** A secret from the environment, or for the demo one generated once into .data/keys/. */
export function secretFromEnvOrDemo(envName: string, file: string): string {
  const configured = process.env[envName];
  if (configured) return configured;
  const full = path.resolve(/*turbopackIgnore: true*/ ".data/keys", file);
  if (!existsSync(full)) {
    mkdirSync(path.dirname(full), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(full, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch {
      // Another process wrote it first.
    }
  }
  return readFileSync(full, "utf8").trim();
}
