/**
 * What a production server needs before it may start. The demo and the tests fall back to demo
 * settings (the sandbox's IdP, config/sources.demo.json, secrets and keys generated into .data/);
 * a production server must never do that silently, so it refuses to start instead and names every
 * setting that is missing. No `server-only` here: scripts and the proxy use it too.
 */

/** Required when NODE_ENV=production without DEMO_MODE=1, in the order the message names them. */
export const PRODUCTION_SETTINGS = [
  "OIDC_ISSUER",
  "OIDC_CLIENT_ID",
  "OIDC_CLIENT_SECRET",
  "AUTH_SECRET",
  "AUTH_URL",
  "EDUV_SOURCES_FILE",
  "EDUV_CLIENT_KEY_FILE",
  "ACCESS_LOG_HASH_KEY",
] as const;

export type ProductionSetting = (typeof PRODUCTION_SETTINGS)[number];

type Env = Readonly<Record<string, string | undefined>>;

/** What the demo and the tests use when a setting is missing: the sandbox's IdP, the demo's sources file. */
export const DEMO_DEFAULTS = {
  AUTH_URL: "http://localhost:3000",
  OIDC_ISSUER: "http://localhost:4010",
  OIDC_CLIENT_ID: "leermiddelendashboard-staff",
  OIDC_CLIENT_SECRET: "demo-staff-secret",
  EDUV_SOURCES_FILE: "config/sources.demo.json",
} as const;

/**
 * A variable's value, or undefined when unset or blank (`NAME=` in an env file is not a setting).
 * The value itself is returned as given: a key's bytes must not change.
 */
export function envValue(name: string, env: Env = process.env): string | undefined {
  const value = env[name];
  return value?.trim() ? value : undefined;
}

/**
 * A production run: NODE_ENV=production (what `next start` sets) without DEMO_MODE=1. The build
 * itself (`next build`, also NODE_ENV=production) is not a run: it needs no secrets.
 */
export function isProductionRun(env: Env = process.env): boolean {
  return env.NODE_ENV === "production" && env.DEMO_MODE !== "1" && env.NEXT_PHASE !== "phase-production-build";
}

/** Whether a missing setting may be replaced by its demo value (demo, tests, development). */
export function demoFallbackAllowed(env: Env = process.env): boolean {
  return !isProductionRun(env);
}

export function missingProductionSettings(env: Env = process.env): ProductionSetting[] {
  return PRODUCTION_SETTINGS.filter((name) => !envValue(name, env));
}

/**
 * LDB_E2E=1 opens the browser tests' reset route (POST /api/e2e/reset, which empties the process's
 * caches, circuit breakers, Source pauses and rate limits for anyone who asks). Only the demo and the
 * tests may have it.
 */
export function e2eResetAllowed(env: Env = process.env): boolean {
  return env.LDB_E2E === "1" && !isProductionRun(env);
}

/** The one message a production server stops with, or null when it may start. */
export function productionStartProblem(env: Env = process.env): string | null {
  if (!isProductionRun(env)) return null;
  if (env.LDB_E2E === "1") {
    return "Leermiddelendashboard will not start in production: LDB_E2E=1 is set, which opens the browser tests' reset route. Unset it (it is for the e2e tests, with DEMO_MODE=1).";
  }
  const missing = missingProductionSettings(env);
  if (!missing.length) return null;
  return (
    `Leermiddelendashboard will not start in production: ${missing.length === 1 ? "this setting is" : "these settings are"} missing: ${missing.join(", ")}. ` +
    `Set ${missing.length === 1 ? "it" : "them"} (see .env.example and the README, "Running in production"), or set DEMO_MODE=1 for the demo.`
  );
}

export class MissingSettingError extends Error {
  override readonly name = "MissingSettingError";
  constructor(readonly setting: string) {
    super(`${setting} is not set; a production server has no demo fallback for it`);
  }
}

/** A setting, its demo value outside production, or an error naming it in production. */
export function settingOrDemo(name: keyof typeof DEMO_DEFAULTS, env: Env = process.env): string {
  const value = envValue(name, env);
  if (value) return value;
  if (demoFallbackAllowed(env)) return DEMO_DEFAULTS[name];
  throw new MissingSettingError(name);
}
