#!/usr/bin/env node
// The README's test command: every check and every test, two summary lines at the end.
// Runs under `npm test`, so node_modules/.bin (Node 24, next, vitest, playwright) is first on PATH.
// Each runner is judged by its exit code and its JSON report (scripts/test-steps.mjs). CI is set for
// both runners: `.only` fails the run, and Playwright starts its own servers (never reuses one).
// "checks" are set-up steps (Chromium, typecheck, lint, PostgreSQL, build, the first run's steps);
// "tests" are tests only. Either failing fails the command.
// TEST_ONLY=unit: checks and vitest, no browser. TEST_ONLY=first-run: the first-run step alone.
// TEST_ONLY=vitest: vitest alone, with this script's arguments passed on (its own tests use this).
import { accessSync, constants, mkdirSync, rmSync } from "node:fs";
import { firstRun } from "./first-run.mjs";
import { startPostgres } from "./postgres.mjs";
import { playwrightCount, playwrightErrors, runCommand, runPlaywright, runVitest, verdict } from "./test-steps.mjs";

process.env.CI ||= "1"; // also for the first run's Playwright, started with this process's environment
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const only = process.env.TEST_ONLY ?? "";
const checks = { passed: 0, failed: 0 };
const tests = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function check(name, ok) {
  if (ok) checks.passed++;
  else { checks.failed++; failures.push(name); }
  console.log(`${ok ? "✓" : "✗"} check: ${name}`);
  return ok;
}

/** Adds a runner's verdict: its tests to the tests, each problem outside its tests as a failed check. */
function add(name, v) {
  tests.passed += v.passed; tests.failed += v.failed; tests.skipped += v.skipped;
  if (v.failed) failures.push(`${name}: ${v.failed} failed`);
  for (const p of v.problems) check(p, false);
}

const ran = (cmd, args, extraEnv = {}) => runCommand(cmd, args, { ...env, ...extraEnv }) === 0;

function hasChromium() {
  try { accessSync("/usr/bin/chromium", constants.X_OK); return true; } catch { return false; }
}

function ensureChromium() {
  if (hasChromium()) return true;
  const apt = (...a) => (process.getuid?.() === 0 ? ran("apt-get", a) : ran("sudo", ["apt-get", ...a]));
  return apt("update") && apt("install", "-y", "--no-install-recommends", "chromium") && hasChromium();
}

// TEST_REPORTS_DIR: where the JSON reports go (its own tests use a folder of their own).
const reports = process.env.TEST_REPORTS_DIR || "reports";
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

if (only === "vitest") {
  add("vitest", runVitest({ args: process.argv.slice(2), env, reportFile: `${reports}/vitest.json` }));
} else {
  if (only !== "unit") check("Debian Chromium present", ensureChromium());
  if (only !== "first-run") {
    check("typecheck", ran("next", ["typegen"]) && ran("tsc", ["--noEmit"]));
    check("lint", ran("eslint", [".", "--max-warnings=0"]));

    // The store tests run against embedded PGlite and against this real PostgreSQL server.
    const postgres = await startPostgres().catch((err) => ({ error: String(err) }));
    if (!check("PostgreSQL server for the store tests", !!postgres.url)) console.log(postgres.error);
    add("vitest", runVitest({ env: postgres.url ? { ...env, TEST_DATABASE_URL: postgres.url } : env, reportFile: `${reports}/vitest.json` }));
    postgres.stop?.();
  }

  if (only === "") {
    if (check("next build", ran("next", ["build"]))) add("playwright", runPlaywright({ env, reportFile: `${reports}/playwright.json` }));
    else check("playwright (not run: build failed)", false);
  }

  // After the main e2e run has stopped its servers: the first run needs the same ports.
  if (only === "" || only === "first-run") {
    console.log("\n▶ first run: a fresh clone, npm install && npm run demo, every demo account");
    const first = await firstRun({ reportFile: `${reports}/first-run.json` }).catch((err) => ({ checks: [{ name: `crashed: ${err}`, ok: false }], ran: false }));
    for (const c of first.checks) check(`first run: ${c.name}`, c.ok);
    if (first.ran) add("first-run playwright", verdict("first-run playwright", first.exitCode, `${reports}/first-run.json`, playwrightCount, playwrightErrors));
    else check("first-run playwright (not run: the step stopped before it)", false);
  }
}

if (failures.length) console.log(`\nFailed: ${failures.join(", ")}`);
console.log(`checks: ${checks.passed} passed, ${checks.failed} failed`);
console.log(`tests: ${tests.passed} passed, ${tests.failed} failed${tests.skipped ? `, ${tests.skipped} skipped` : ""}`);
process.exit(checks.failed || tests.failed ? 1 : 0);
