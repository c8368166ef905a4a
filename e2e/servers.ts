import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

/**
 * The e2e run's servers and what every test may do to them. Kept apart from the specs so the config,
 * the global set-up and the fixtures agree on one set of ports, files and durations.
 */
export const PORT = 3000;
export const SANDBOX_PORT = 4100;
export const BASE_URL = `http://localhost:${PORT}`;
export const SANDBOX_ADMIN = `http://localhost:${SANDBOX_PORT}/_admin`;

/** Where the global set-up keeps each demo account's signed-in browser state (cookies only). */
export const AUTH_DIR = ".data/e2e-auth";
export const authFile = (account: string) => path.join(AUTH_DIR, `${account}.json`);
/** The accounts signed in once per run; a spec that tests the sign-in itself signs in with the browser. */
export const ACCOUNTS = ["beheer-po", "beheer-vo", "support", "toestemming", "auditor", "geen-rol"] as const;

/**
 * Durations of the e2e run, short so no test waits out a production timing: a Source call gives up
 * after SOURCE_TIMEOUT_MS (production default 10 s), a Source whose calls kept failing is left alone
 * for BREAKER_HALF_OPEN_MS (10 s). A call waits at most min(timeoutMs, 10 s) for a busy Source, so a
 * Retry-After longer than SOURCE_TIMEOUT_MS makes the page say "busy" at once.
 */
export const SOURCE_TIMEOUT_MS = 4_000;
export const BREAKER_HALF_OPEN_MS = 1_000;

/**
 * The demo's sources file with the e2e timeout on every Source, written where the dashboard reads it.
 * Made from config/sources.demo.json each time the config loads, so the two never drift.
 */
export function e2eSourcesFile(): string {
  const file = ".data/e2e/sources.json";
  const demo = JSON.parse(readFileSync("config/sources.demo.json", "utf8")) as { sources: Array<Record<string, unknown>> };
  demo.sources = demo.sources.map((s) => ({ ...s, timeoutMs: SOURCE_TIMEOUT_MS }));
  const text = `${JSON.stringify(demo, null, 2)}\n`;
  mkdirSync(path.dirname(file), { recursive: true });
  let same = false;
  try {
    same = readFileSync(file, "utf8") === text;
  } catch {
    /* not there yet */
  }
  if (!same) writeFileSync(file, text);
  return file;
}

/**
 * Both servers back to their start: the sandbox's knobs, consent, canaries, scale, counters and
 * pollers (POST /_admin/reset), and the dashboard's answer caches, Source client (breakers, pauses,
 * tokens) and rate limits (POST /api/e2e/reset, which exists only with LDB_E2E=1).
 */
export async function resetServers(request: APIRequestContext): Promise<void> {
  const [sandbox, dashboard] = await Promise.all([request.post(`${SANDBOX_ADMIN}/reset`), request.post(`${BASE_URL}/api/e2e/reset`)]);
  if (!sandbox.ok()) throw new Error(`sandbox reset answered ${sandbox.status()}`);
  if (!dashboard.ok()) throw new Error(`dashboard reset answered ${dashboard.status()} (is LDB_E2E=1 set for the e2e server?)`);
}
