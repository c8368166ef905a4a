// How the test command decides: each runner's exit code AND its JSON report. A report alone can say
// "0 failed" for a failing run (vitest: an unhandled rejection or an `expect` failing in a callback
// is reported as an error outside any test, the file's tests all passed; Playwright: an error in a
// config or a global set-up is not a test), and an exit code alone cannot say how many tests ran.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { constants } from "node:os";

/** Exit code of a finished child: a signal counts as 128 + its number, never 0. */
const exitCode = (code, sig) => code ?? 128 + (constants.signals[sig] ?? 0);

/**
 * Runs a command (async, so other steps can run meanwhile); resolves to its exit code and, when
 * `buffer` is set, its output. Shown live by default; buffered output is printed whole by runGroup, so
 * two steps running side by side do not interleave their lines. Never rejects: a command that
 * cannot start is exit code 127.
 */
export function run(cmd, args, { env, cwd, buffer = false } = {}) {
  if (!buffer) console.log(`\n▶ ${cmd} ${args.join(" ")}`);
  return new Promise((resolve) => {
    const chunks = [];
    const child = spawn(cmd, args, { env, cwd, stdio: buffer ? ["ignore", "pipe", "pipe"] : "inherit" });
    if (buffer) for (const s of [child.stdout, child.stderr]) s.on("data", (c) => chunks.push(c));
    child.once("error", (err) => resolve({ code: 127, output: `${cmd} could not start: ${err.message}\n` }));
    child.once("close", (code, sig) => resolve({ code: exitCode(code, sig), output: Buffer.concat(chunks).toString() }));
  }).then((r) => {
    if (!buffer && r.code === 127 && r.output) console.log(r.output.trimEnd());
    return r;
  });
}

/**
 * Runs commands one after the other until one fails, their output buffered and printed in one piece
 * when the group ends (headed by each command, as when shown live). Resolves to the last exit code.
 */
export async function runGroup(commands, { env, cwd } = {}) {
  let out = "";
  let code = 0;
  for (const [cmd, args] of commands) {
    const r = await run(cmd, args, { env, cwd, buffer: true });
    out += `\n▶ ${cmd} ${args.join(" ")}\n${r.output}`;
    code = r.code;
    if (code !== 0) break;
  }
  process.stdout.write(out.endsWith("\n") ? out : `${out}\n`);
  return code;
}

/**
 * The two closing counts: checks (set-up steps) and tests. `check` prints one line per check;
 * `add` takes a runner's verdict: its tests to the tests, each problem outside its tests as a failed check.
 */
export function createTally() {
  const checks = { passed: 0, failed: 0 };
  const tests = { passed: 0, failed: 0, skipped: 0 };
  const failures = [];
  const check = (name, ok) => {
    if (ok) checks.passed++;
    else {
      checks.failed++;
      failures.push(name);
    }
    console.log(`${ok ? "✓" : "✗"} check: ${name}`);
    return ok;
  };
  const add = (name, v) => {
    tests.passed += v.passed;
    tests.failed += v.failed;
    tests.skipped += v.skipped;
    if (v.failed) failures.push(`${name}: ${v.failed} failed${v.failedTests?.length ? ` (${v.failedTests.join("; ")})` : ""}`);
    for (const p of v.problems) check(p, false);
  };
  /** The closing lines: the failures (if any) and the two counts, which stay the very last two lines. */
  const summary = () => [
    ...(failures.length ? [`\nFailed: ${failures.join(", ")}`] : []),
    `checks: ${checks.passed} passed, ${checks.failed} failed`,
    `tests: ${tests.passed} passed, ${tests.failed} failed${tests.skipped ? `, ${tests.skipped} skipped` : ""}`,
  ];
  return { checks, tests, failures, check, add, summary, failed: () => checks.failed > 0 || tests.failed > 0 };
}

function readReport(file) {
  if (!existsSync(file)) return { error: "no report written" };
  try {
    return { report: JSON.parse(readFileSync(file, "utf8")) };
  } catch (err) {
    return { error: `report unreadable (${err.message})` };
  }
}

/** A test file that failed to load has no failed test of its own: it counts as one failure. */
function filesFailedWithoutTests(r) {
  return (r.testResults ?? []).filter((f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed"))
    .length;
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

/** A report's path relative to the working directory, so the closing line names a file one can open. */
const relative = (file = "") => (file.startsWith(`${process.cwd()}/`) ? file.slice(process.cwd().length + 1) : file);
/** At most this many failed tests are named in the closing line (CI shows only the end of the output). */
const NAMED = 5;

/** "file › test" for each failed test (a file that failed to load: "file (did not load)"). */
function vitestFailedTests(r) {
  const names = [];
  for (const f of r.testResults ?? []) {
    const failed = (f.assertionResults ?? []).filter((a) => a.status === "failed");
    if (f.status === "failed" && failed.length === 0) names.push(`${relative(f.name)} (did not load)`);
    for (const a of failed) names.push(`${relative(f.name)} › ${a.fullName ?? a.title}`);
  }
  return names.slice(0, NAMED);
}

function playwrightFailedTests(r) {
  const names = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      if ((spec.tests ?? []).some((t) => t.status === "unexpected")) names.push(`${spec.file ?? suite.file} › ${spec.title}`);
    }
    for (const s of suite.suites ?? []) walk(s);
  };
  for (const s of r.suites ?? []) walk(s);
  return names.slice(0, NAMED);
}

export const vitestCount = (r) => ({
  passed: r.numPassedTests ?? 0,
  failed: (r.numFailedTests ?? 0) + filesFailedWithoutTests(r),
  skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
  failedTests: vitestFailedTests(r),
});
export const playwrightCount = (r) => ({
  passed: (r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0),
  failed: r.stats?.unexpected ?? 0,
  skipped: r.stats?.skipped ?? 0,
  failedTests: playwrightFailedTests(r),
});
export const playwrightErrors = (r) => (r.errors ?? []).length;

/** vitest with a JSON report; `args` may add a config, file filters or excludes. `buffer`: see run(). */
export async function runVitest({ args = [], env, reportFile, name = "vitest", buffer = false, command = ["run"] }) {
  const cmd = [...command, ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${reportFile}`];
  const code = buffer ? await runGroup([["vitest", cmd]], { env }) : (await run("vitest", cmd, { env })).code;
  return verdict(name, code, reportFile, vitestCount);
}

/** Playwright with its list output and a JSON report. */
export async function runPlaywright({ args = [], env, reportFile, name = "playwright" }) {
  const { code } = await run("playwright", ["test", ...args, "--reporter=list,json"], {
    env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile },
  });
  return verdict(name, code, reportFile, playwrightCount, playwrightErrors);
}
