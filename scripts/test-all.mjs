#!/usr/bin/env node
// The README's test command: every check and every test, a table of where the time went, and two
// summary lines at the end. Runs under `npm test`, so node_modules/.bin (Node 24, next, vitest,
// playwright) is first on PATH. Each runner is judged by its exit code and its JSON report
// (scripts/test-steps.mjs). CI is set for both runners: `.only` fails the run, and Playwright starts
// its own servers (never reuses one).
// "checks" are set-up steps (Chromium, typecheck, lint, PostgreSQL, build, the first run's steps);
// "tests" are tests only. Either failing fails the command.
//
// What overlaps (2 cores): the first run's clone and `npm install` (network and disk) start first and
// run beside everything else; the type check runs beside ESLint (one core each, output printed whole
// as each ends); test files named in VITEST_BESIDE_E2E run in a second vitest beside Playwright. The
// first run's demo and browser come last: they need the ports of the main e2e run. The demo gets a copy
// of this run's build when that build is provably the one it would make (see stageMainBuild).
//
// TEST_ONLY=unit: checks and vitest, no browser. TEST_ONLY=first-run: the first-run step alone.
// TEST_ONLY=vitest: vitest alone, with this script's arguments passed on (its own tests use this).
// FIRST_RUN_OWN_BUILD=1: the first run's demo builds for itself, as in a new user's clone.
import { spawnSync } from "node:child_process";
import { accessSync, constants, mkdirSync, readdirSync, rmSync } from "node:fs";
import { buildEnvProblem, finishFirstRun, stageMainBuild, startFirstRun } from "./first-run.mjs";
import { startPostgres } from "./postgres.mjs";
import { createTally, playwrightCount, playwrightErrors, run, runGroup, runPlaywright, runVitest, verdict } from "./test-steps.mjs";
import { createTimings, timingReport } from "./timing.mjs";

const timings = createTimings();
process.env.CI ||= "1"; // also for the first run's Playwright, started with this process's environment
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const only = process.env.TEST_ONLY ?? "";
const { check, add, summary, failed } = createTally();

// Test files (paths from the project root, comma or space separated) that a second vitest runs beside
// Playwright instead of in the main vitest run: CPU-bound files that need no database (PostgreSQL is
// stopped by then) and no port of the e2e servers. None by default.
const BESIDE_E2E = (process.env.VITEST_BESIDE_E2E ?? "").split(/[\s,]+/).filter(Boolean);

const ran = async (cmd, args) => (await run(cmd, args, { env })).code === 0;

function hasChromium() {
  try {
    accessSync("/usr/bin/chromium", constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function ensureChromium() {
  if (hasChromium()) return true;
  const apt = (...a) => (process.getuid?.() === 0 ? ran("apt-get", a) : ran("sudo", ["apt-get", ...a]));
  return (await apt("update")) && (await apt("install", "-y", "--no-install-recommends", "chromium")) && hasChromium();
}

/** HEAD and whether the work tree is clean (untracked files count, ignored ones do not); leaves the index alone. */
function treeState() {
  const git = (...args) => spawnSync("git", ["--no-optional-locks", ...args], { encoding: "utf8" });
  const head = git("rev-parse", "HEAD");
  const status = git("status", "--porcelain");
  return { head: head.stdout.trim(), clean: head.status === 0 && status.status === 0 && status.stdout.trim() === "" };
}

/**
 * The main build may stand in for the first run's demo build only when it is provably a build of the
 * clone's commit: HEAD the same and the work tree clean both before and after `next build` (other
 * people may edit the tree meanwhile). stageMainBuild then copies it aside before e2e touches .next.
 */
function stageForFirstRun(first, before, after) {
  if (process.env.FIRST_RUN_OWN_BUILD === "1") return { reason: "FIRST_RUN_OWN_BUILD=1" };
  if (!(before.clean && after.clean)) return { reason: "the work tree had changes while the main build ran" };
  if (before.head !== after.head) return { reason: "HEAD moved while the main build ran" };
  const tracked = new Set((spawnSync("git", ["ls-files", "-z", "--", ".env*"], { encoding: "utf8" }).stdout ?? "").split("\0"));
  const envProblem = buildEnvProblem(
    env,
    readdirSync(".").filter((f) => f.startsWith(".env") && !tracked.has(f)),
  );
  if (envProblem) return { reason: envProblem };
  return stageMainBuild(first, { nextDir: ".next", head: after.head });
}

// TEST_REPORTS_DIR: where the JSON reports go (its own tests use a folder of their own).
const reports = process.env.TEST_REPORTS_DIR || "reports";
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const reportFiles = {
  vitest: { runner: "vitest", kind: "vitest", file: `${reports}/vitest.json` },
  beside: { runner: "vitest beside e2e", kind: "vitest", file: `${reports}/vitest-beside-e2e.json` },
  playwright: { runner: "playwright", kind: "playwright", file: `${reports}/playwright.json` },
  firstRun: { runner: "first run", kind: "playwright", file: `${reports}/first-run.json` },
};

if (only === "vitest") {
  add("vitest", await timings.time("vitest", () => runVitest({ args: process.argv.slice(2), env, reportFile: reportFiles.vitest.file })));
} else {
  if (only !== "unit") check("Debian Chromium present", await timings.time("chromium", ensureChromium));
  let first;
  if (only === "" || only === "first-run") {
    console.log("\n▶ first run, in the background: a fresh clone and npm install (the demo and its browser come last)");
    first = startFirstRun({ logDir: `${reports}/first-run`, timings });
  }
  let staged;

  if (only !== "first-run") {
    // One core each; their outputs are held back and printed whole as each ends.
    const [typed, linted, formatted] = await Promise.all([
      timings.time("typecheck", () =>
        runGroup(
          [
            ["next", ["typegen"]],
            ["tsc", ["--noEmit"]],
          ],
          { env },
        ),
      ),
      timings.time("lint", () => runGroup([["eslint", [".", "--max-warnings=0"]]], { env })),
      // The house style (.prettierrc.json): `npx prettier --write .` fixes what this finds.
      timings.time("format", () => runGroup([["prettier", ["--check", ".", "--log-level=warn"]]], { env })),
    ]);
    check("typecheck", typed === 0);
    check("format (prettier --check)", formatted === 0);
    check("lint", linted === 0);

    // The store tests run against embedded PGlite and against this real PostgreSQL server.
    const postgres = await timings.time("postgres", () => startPostgres().catch((err) => ({ error: String(err) })));
    if (!check("PostgreSQL server for the store tests", !!postgres.url)) console.log(postgres.error);
    const besideExcluded = only === "" ? BESIDE_E2E.flatMap((f) => ["--exclude", f]) : [];
    add(
      "vitest",
      await timings.time("vitest", () =>
        runVitest({
          args: besideExcluded,
          env: postgres.url ? { ...env, TEST_DATABASE_URL: postgres.url } : env,
          reportFile: reportFiles.vitest.file,
        }),
      ),
    );
    postgres.stop?.();
  }

  if (only === "") {
    const before = treeState();
    const built = check("next build", await timings.time("build", () => ran("node", ["scripts/next-build.mjs"])));
    if (built && first) staged = await stageForFirstRun(first, before, treeState());
    // What each page costs the browser (issue 23's budget): no page over it, or over its ceiling while it is not yet within it.
    if (built)
      check("first-load JavaScript per page within its budget or ceiling", await ran("node", ["scripts/page-weight.mjs", "--check"]));
    const beside = BESIDE_E2E.length
      ? timings.time("vitest beside e2e", () =>
          runVitest({ args: BESIDE_E2E, env, reportFile: reportFiles.beside.file, name: "vitest beside e2e", buffer: true }),
        )
      : undefined;
    if (built) add("playwright", await timings.time("playwright", () => runPlaywright({ env, reportFile: reportFiles.playwright.file })));
    else check("playwright (not run: build failed)", false);
    if (beside) add("vitest beside e2e", await beside);
  }

  // After the main e2e run has stopped its servers: the first run needs the same ports.
  if (first) {
    console.log("\n▶ first run: npm run demo in the clone, every demo account");
    const result = await finishFirstRun(first, { reportFile: reportFiles.firstRun.file, staged }).catch((err) => ({
      checks: [...first.checks, { name: `crashed: ${err}`, ok: false }],
      ran: false,
    }));
    for (const c of result.checks) check(`first run: ${c.name}`, c.ok);
    if (result.ran)
      add(
        "first-run playwright",
        verdict("first-run playwright", result.exitCode, reportFiles.firstRun.file, playwrightCount, playwrightErrors),
      );
    else check("first-run playwright (not run: the step stopped before it)", false);
  }
}

console.log("");
for (const line of timingReport({ timings, reports: Object.values(reportFiles), root: process.cwd(), outFile: `${reports}/timings.json` }))
  console.log(line);
for (const line of summary()) console.log(line);
process.exit(failed() ? 1 : 0);
