// How the test command decides: each runner's exit code AND its JSON report. A report alone can say
// "0 failed" for a failing run (vitest: an unhandled rejection or an `expect` failing in a callback
// is reported as an error outside any test, the file's tests all passed; Playwright: an error in a
// config or a global set-up is not a test), and an exit code alone cannot say how many tests ran.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

/** Runs a command with its output shown; returns its exit code (a signal counts as 128 + its number, never 0). */
export function runCommand(cmd, args, env) {
  console.log(`\n▶ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.error) { console.log(`${cmd} could not start: ${r.error.message}`); return 127; }
  return r.status ?? 128;
}

function readReport(file) {
  if (!existsSync(file)) return { error: "no report written" };
  try { return { report: JSON.parse(readFileSync(file, "utf8")) }; } catch (err) { return { error: `report unreadable (${err.message})` }; }
}

/** A test file that failed to load has no failed test of its own: it counts as one failure. */
function filesFailedWithoutTests(r) {
  return (r.testResults ?? []).filter((f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed")).length;
}

/**
 * The verdict on one runner: tests passed/failed/skipped from the report, plus `problems`: every reason
 * the run failed that is not a failed test (the exit code, no report, no test at all, errors outside tests).
 */
export function verdict(name, exitCode, file, count, errorsOutsideTests = () => 0) {
  const out = { passed: 0, failed: 0, skipped: 0, problems: [] };
  const { report, error } = readReport(file);
  if (error) out.problems.push(`${name}: ${error}`);
  else {
    Object.assign(out, count(report));
    const outside = errorsOutsideTests(report);
    if (outside) out.problems.push(`${name}: ${outside} error(s) outside any test`);
    if (out.passed + out.failed === 0) out.problems.push(`${name}: ran no test`);
  }
  if (exitCode !== 0 && out.failed === 0 && out.problems.length === 0) {
    out.problems.push(`${name}: exited with code ${exitCode} although its report names no failed test (an unhandled error?)`);
  }
  return out;
}

export const vitestCount = (r) => ({ passed: r.numPassedTests ?? 0, failed: (r.numFailedTests ?? 0) + filesFailedWithoutTests(r), skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) });
export const playwrightCount = (r) => ({ passed: (r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0), failed: r.stats?.unexpected ?? 0, skipped: r.stats?.skipped ?? 0 });
export const playwrightErrors = (r) => (r.errors ?? []).length;

/** vitest with a JSON report; `args` may add a config or file filters. */
export function runVitest({ args = [], env, reportFile }) {
  const code = runCommand("vitest", ["run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${reportFile}`], env);
  return verdict("vitest", code, reportFile, vitestCount);
}

/** Playwright with its list output and a JSON report. */
export function runPlaywright({ args = [], env, reportFile, name = "playwright" }) {
  const code = runCommand("playwright", ["test", ...args, "--reporter=list,json"], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile });
  return verdict(name, code, reportFile, playwrightCount, playwrightErrors);
}
