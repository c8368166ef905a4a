#!/usr/bin/env node
// The README's test command: every check and every test, one summary line at the end.
// Runs under `npm test`, so node_modules/.bin (Node 24, next, vitest, playwright) is first on PATH.
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { firstRun } from "./first-run.mjs";
import { startPostgres } from "./postgres.mjs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const unitOnly = process.env.TEST_ONLY === "unit";
// TEST_ONLY=first-run: only the first-run step (a fresh clone running the README's demo command).
const firstRunOnly = process.env.TEST_ONLY === "first-run";
const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(cmd, args, extraEnv = {}) {
  console.log(`\n▶ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  return r.status === 0;
}

function check(name, ok) {
  if (ok) results.passed++;
  else { results.failed++; failures.push(name); }
  console.log(`${ok ? "✓" : "✗"} check: ${name}`);
  return ok;
}

function countReport(name, file, count) {
  if (!existsSync(file)) return check(`${name} (no report written)`, false);
  const c = count(JSON.parse(readFileSync(file, "utf8")));
  results.passed += c.passed; results.failed += c.failed; results.skipped += c.skipped;
  if (c.failed) failures.push(`${name}: ${c.failed} failed`);
  if (c.passed + c.failed === 0) return check(`${name} ran no test`, false);
  return c.failed === 0;
}

function hasChromium() {
  try { accessSync("/usr/bin/chromium", constants.X_OK); return true; } catch { return false; }
}

function ensureChromium() {
  if (hasChromium()) return true;
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const apt = (...a) => (sudo.length ? run("sudo", ["apt-get", ...a]) : run("apt-get", a));
  return apt("update") && apt("install", "-y", "--no-install-recommends", "chromium") && hasChromium();
}

rmSync("reports", { recursive: true, force: true });
mkdirSync("reports", { recursive: true });

if (!unitOnly) check("Debian Chromium present", ensureChromium());
if (!firstRunOnly) {
  check("typecheck", run("next", ["typegen"]) && run("tsc", ["--noEmit"]));
  check("lint", run("eslint", [".", "--max-warnings=0"]));

  // The store tests run against embedded PGlite and against this real PostgreSQL server.
  const postgres = await startPostgres().catch((err) => ({ error: String(err) }));
  if (!check("PostgreSQL server for the store tests", !!postgres.url)) console.log(postgres.error);
  run("vitest", ["run", "--reporter=default", "--reporter=json", "--outputFile.json=reports/vitest.json"], postgres.url ? { TEST_DATABASE_URL: postgres.url } : {});
  postgres.stop?.();
  countReport("vitest", "reports/vitest.json", (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests + filesFailedWithoutTests(r), skipped: r.numPendingTests + r.numTodoTests }));
}

/** A test file that failed to load has no failed test of its own: count it as one failure. */
function filesFailedWithoutTests(r) {
  return (r.testResults ?? []).filter((f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed")).length;
}

const playwrightCount = (r) => ({ passed: r.stats.expected + (r.stats.flaky ?? 0), failed: r.stats.unexpected, skipped: r.stats.skipped });

if (!unitOnly && !firstRunOnly) {
  if (check("next build", run("next", ["build"]))) {
    run("playwright", ["test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: "reports/playwright.json" });
    countReport("playwright", "reports/playwright.json", playwrightCount);
  } else {
    check("playwright (not run: build failed)", false);
  }
}

// After the main e2e run has stopped its servers: the first run needs the same ports.
if (!unitOnly) {
  console.log("\n▶ first run: a fresh clone, npm install && npm run demo, every demo account");
  const first = await firstRun({ reportFile: "reports/first-run.json" }).catch((err) => ({ checks: [{ name: `crashed: ${err}`, ok: false }], ran: false }));
  for (const c of first.checks) check(`first run: ${c.name}`, c.ok);
  if (first.ran) countReport("first-run playwright", "reports/first-run.json", playwrightCount);
  else check("first-run playwright (not run: the step stopped before it)", false);
}

if (failures.length) console.log(`\nFailed: ${failures.join(", ")}`);
console.log(`tests: ${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ""}`);
process.exit(results.failed ? 1 : 0);
