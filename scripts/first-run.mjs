#!/usr/bin/env node
// The first-run test: what a new user gets from the README. A fresh clone of HEAD (no .data/, no
// .next/, no node_modules), the README's own demo command in it (`npm install && npm run demo`),
// then Playwright (playwright.first-run.config.ts) signs in as every demo account against it.
// Also checks that `npm install` leaves package-lock.json as committed and that `npm ci` accepts it.
// Part of `npm test` (scripts/test-all.mjs) in two halves: startFirstRun (clone, npm install, the
// lock-file checks) at its start, beside its other steps; finishFirstRun (the demo and the browser)
// after its main e2e run: both use ports 3000, 4100 and 4010, so they never run at once. When `npm test`
// built this very commit from a clean work tree and the clone installed the same packages, the demo
// gets a copy of that build (stageMainBuild) instead of building it again. Alone: `npm run test:first-run`.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync } from "node:fs";
import { cp } from "node:fs/promises";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { playwrightCount, playwrightErrors, verdict } from "./test-steps.mjs";
import { createTimings } from "./timing.mjs";

const PORTS = [3000, 4100, 4010];
const READY = "Leermiddelendashboard demo: open http://localhost:3000";
const BUILDING = "Building the dashboard (once)"; // scripts/demo.mjs, when it builds
const DEMO_TIMEOUT_MS = 20 * 60_000; // the demo builds first: minutes on 2 busy cores
// Settings of the project and of this run that must not reach the clone: it starts as a new user's would.
const PROJECT_VARS =
  /^(DATABASE_URL|TEST_DATABASE_URL|PGLITE_DIR|DEMO_MODE|NODE_ENV|PORT|ACCESS_LOG_HASH_KEY|(AUTH|OIDC|EDUV|LDB|SANDBOX|PLAYWRIGHT)_\w+|NEXT_(?!TELEMETRY_DISABLED)\w+)$/;
const NPM_RUN_VARS = /^(npm_(lifecycle|package)_\w+|npm_config_local_prefix|npm_command|npm_execpath|npm_node_execpath|INIT_CWD|NODE)$/;

/** The environment of a new user's shell: no project settings, no npm-run variables, the system's node and npm first. */
function userEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!PROJECT_VARS.test(k) && !NPM_RUN_VARS.test(k)) env[k] = v;
  env.PATH = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((p) => !/node_modules[\\/]\.bin$|node-gyp-bin$/.test(p))
    .join(path.delimiter);
  return env;
}

const seconds = (since) => Math.round((Date.now() - since) / 1000);

function portInUse(port) {
  const attempt = (host) =>
    new Promise((resolve) => {
      const socket = createConnection({ port, host })
        .once("connect", () => {
          socket.destroy();
          resolve(true);
        })
        .once("error", () => resolve(false));
      socket.setTimeout(1000, () => {
        socket.destroy();
        resolve(false);
      });
    });
  return Promise.all([attempt("127.0.0.1"), attempt("::1")]).then((r) => r.some(Boolean));
}

async function busyPorts() {
  const busy = [];
  for (const port of PORTS) if (await portInUse(port)) busy.push(port);
  return busy;
}

/** The process groups of `pid` and of all its descendants (the demo starts its servers in groups of their own). */
function groupsOf(pid) {
  const out = spawnSync("ps", ["-eo", "pid=,ppid=,pgid="], { encoding: "utf8" }).stdout ?? "";
  const rows = out
    .trim()
    .split("\n")
    .map((l) => l.trim().split(/\s+/).map(Number));
  const pids = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [p, pp] of rows)
      if (pids.has(pp) && !pids.has(p)) {
        pids.add(p);
        grew = true;
      }
  }
  return {
    pids: [...pids],
    groups: [
      ...new Set(
        rows
          .filter(([p]) => pids.has(p))
          .map(([, , g]) => g)
          .concat(pid),
      ),
    ],
  };
}

/** Running, not gone and not a zombie waiting to be reaped (Linux /proc). */
function alive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}
const signal = (groups, sig) => {
  for (const g of groups)
    try {
      process.kill(-g, sig);
    } catch {
      /* gone */
    }
};

/**
 * Stops the demo: SIGTERM to every process group it made (the same path as Ctrl+C), SIGKILL to what
 * is left after 20 s. `seen` holds the processes found while it ran: one that lost its parent is
 * no longer a descendant by then. Returns the processes that are still alive (none, normally).
 */
async function stopDemo(child, seen = { pids: [], groups: [] }) {
  if (!child?.pid) return [];
  const now = groupsOf(child.pid);
  const pids = [...new Set([...seen.pids, ...now.pids])];
  const groups = [...new Set([...seen.groups, ...now.groups])];
  signal(groups, "SIGTERM");
  for (let i = 0; i < 80 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 250));
  signal(groups, "SIGKILL");
  for (let i = 0; i < 20 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 250));
  return pids.filter(alive);
}

/** Runs a command with its output in `log` (created anew); resolves to its exit code, 127 when it cannot start. */
function runToLog(cmd, args, { cwd, env, log }) {
  const fd = openSync(log, "w");
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", fd, fd] });
    child.once("error", () => resolve(127));
    child.once("close", (code) => resolve(code ?? 128));
  }).finally(() => closeSync(fd));
}

/** Runs a command with its output shown (git's errors); resolves to its exit code. */
function runShown(cmd, args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: ["ignore", "inherit", "inherit"] });
    child.once("error", () => resolve(127));
    child.once("close", (code) => resolve(code ?? 128));
  });
}

/**
 * Starts the first run: a fresh clone of HEAD in a new temporary folder, `npm install` in it and the
 * lock-file checks. Network and disk more than CPU, so `npm test` starts it first and lets it run
 * beside its other steps; finishFirstRun (the demo and the browser) comes after the main e2e run.
 * Returns at once; `ready` resolves to whether the clone is installed and may run the demo.
 */
export function startFirstRun({ logDir = "reports/first-run", timings = createTimings() } = {}) {
  const root = spawnSync("git", ["rev-parse", "--show-toplevel"], { encoding: "utf8" }).stdout.trim();
  const head = spawnSync("git", ["rev-parse", "HEAD"], { encoding: "utf8", cwd: root }).stdout.trim();
  mkdirSync(path.resolve(root, logDir), { recursive: true });
  const checks = [];
  const dir = mkdtempSync(path.join(tmpdir(), "ldb-first-run-"));
  const run = {
    root,
    head,
    dir,
    repo: path.join(dir, "repo"),
    env: userEnv(),
    timings,
    checks,
    started: Date.now(),
    lockUnchanged: false,
    logs: {
      install: path.resolve(root, logDir, "npm-install.log"),
      ci: path.resolve(root, logDir, "npm-ci-dry-run.log"),
      demo: path.resolve(root, logDir, "demo.log"),
    },
    check: (name, ok, detail) => {
      checks.push({ name, ok });
      console.log(`${ok ? "✓" : "✗"} first run: ${name}${detail ? ` (${detail})` : ""}`);
      return ok;
    },
  };
  run.ready = prepare(run).catch((err) => run.check(`clone and install crashed: ${err}`, false));
  return run;
}

async function prepare(r) {
  let t = Date.now();
  const cloned =
    (await runShown("git", ["clone", "--quiet", "--no-checkout", r.root, r.repo])) === 0 &&
    (await runShown("git", ["checkout", "--quiet", "--detach", r.head], r.repo)) === 0;
  r.timings.record("first run: clone", t);
  if (
    !r.check(
      `fresh clone of ${r.head.slice(0, 7)} without .data/, .next/ and node_modules/`,
      cloned && ![".data", ".next", "node_modules"].some((d) => existsSync(path.join(r.repo, d))),
    )
  )
    return false;

  console.log(`\n▶ npm install   (in ${r.repo}, output in ${path.relative(r.root, r.logs.install)})`);
  t = Date.now();
  const installed = (await runToLog("npm", ["install"], { cwd: r.repo, env: r.env, log: r.logs.install })) === 0;
  r.timings.record("first run: npm install", t);
  if (!r.check("npm install", installed, `${seconds(t)} s`)) return false;

  t = Date.now();
  const changed = spawnSync("git", ["status", "--porcelain"], { cwd: r.repo, encoding: "utf8" }).stdout.trim();
  r.lockUnchanged = r.check(
    "npm install leaves package-lock.json and every committed file unchanged",
    changed === "",
    changed ? changed.replace(/\n/g, "; ") : undefined,
  );
  r.check(
    "npm ci --dry-run --ignore-scripts accepts the lock file",
    (await runToLog("npm", ["ci", "--dry-run", "--ignore-scripts"], { cwd: r.repo, env: r.env, log: r.logs.ci })) === 0,
  );
  r.timings.record("first run: lock-file checks", t);
  return true;
}

/** The packages npm installed (node_modules/.package-lock.json: name, version, integrity of each). */
function installedTree(dir) {
  try {
    return JSON.parse(readFileSync(path.join(dir, "node_modules/.package-lock.json"), "utf8")).packages;
  } catch {
    return undefined;
  }
}

/** Same keys, same entries: the two node_modules hold the same packages at the same versions. */
export function sameInstalledTree(a, b) {
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

/**
 * What `next build` would take from this shell but not from a new user's: NODE_ENV and NEXT_PUBLIC_*
 * settings (the first run strips them, and Next bakes them into the build) and `.env*` files git does
 * not track (Next loads them; a clone has none). Any of them: the main build is not the clone's.
 * "" when there is none.
 */
export function buildEnvProblem(env, untrackedEnvFiles) {
  const found = [...Object.keys(env).filter((k) => /^(NODE_ENV|NEXT_PUBLIC_\w+)$/.test(k)), ...untrackedEnvFiles];
  return found.length ? `the main build saw ${found.join(", ")}, a new user's clone would not` : "";
}

/**
 * Copies the main tree's build (`nextDir`, without its caches) aside, into the first run's temporary
 * folder, for finishFirstRun to hand to the demo instead of building the same thing again. The caller
 * vouches that the build is of `head` with a clean work tree; the copy is made at once, before the
 * main e2e run's `next start` can write into .next. Resolves to { dir } or { reason }.
 */
export async function stageMainBuild(r, { nextDir, head }) {
  if (head !== r.head) return { reason: `the main build is of ${head.slice(0, 7)}, the clone of ${r.head.slice(0, 7)}` };
  const t = Date.now();
  const dir = path.join(r.dir, "main-build");
  // cache/: the build's own caches (a new user's clone has none); dev/: `next dev`'s output, not the build's.
  const skip = new Set(["cache", "dev"].map((d) => path.resolve(nextDir, d)));
  try {
    await cp(nextDir, dir, { recursive: true, filter: (src) => !skip.has(path.resolve(src)) });
    return { dir };
  } catch (err) {
    return { reason: `copying the main build failed: ${err.message}` };
  } finally {
    r.timings.record("first run: copy of the main build", t);
  }
}

/**
 * Why the staged main build may not stand in for the demo's own build, or "" when it may: it must be
 * staged, and the clone's install must be the main tree's (lock file unchanged, the same packages).
 */
async function reuseProblem(r, staged) {
  if (!staged) return "this run made no build to lend it";
  const s = await staged;
  if (s.reason) return s.reason;
  if (!r.lockUnchanged) return "npm install changed the clone";
  if (!sameInstalledTree(installedTree(r.root), installedTree(r.repo))) return "the clone's node_modules differ from the main tree's";
  return "";
}

/** Moves the staged build into the clone as its .next (same file system: a rename); "" or why it could not. */
async function handOver(staged, repo) {
  try {
    renameSync((await staged).dir, path.join(repo, ".next"));
    return "";
  } catch (err) {
    return `the main build could not be moved into the clone (${err.message})`;
  }
}

/**
 * The rest of the first run, after startFirstRun: the demo (`npm run demo`, with the main build when
 * `staged` holds one it may use), Playwright signing in as every demo account, then stopping the demo
 * and deleting the clone. Returns the checks (name, ok) and whether Playwright ran (its JSON report
 * is `reportFile`); never throws for a failure of the product, only reports it.
 */
export async function finishFirstRun(r, { reportFile = "reports/first-run.json", staged, keep = process.env.FIRST_RUN_KEEP === "1" } = {}) {
  const { root, repo, env, logs, checks, check, timings } = r;
  let demo;
  let seen;
  let ran = false;
  let exitCode = null;
  const onSignal = async () => {
    await stopDemo(demo, seen);
    process.exit(130);
  };
  process.once("SIGINT", onSignal).once("SIGTERM", onSignal);

  try {
    if (!(await r.ready)) return { checks, ran };
    const busy = await busyPorts();
    if (
      !check(
        "ports 3000, 4100 and 4010 are free for the demo",
        busy.length === 0,
        busy.length ? `in use: ${busy.join(", ")}; another demo or e2e run?` : undefined,
      )
    )
      return { checks, ran };

    // The demo skips its build when .next/BUILD_ID is newer than HEAD's commit (scripts/demo.mjs).
    const notReused = await reuseProblem(r, staged).then((problem) => problem || handOver(staged, repo));
    console.log(
      `\n▶ npm run demo   (in ${repo}, output in ${path.relative(root, logs.demo)}; ${notReused ? `builds itself: ${notReused}` : "with the main build of this commit"})`,
    );
    let t = Date.now();
    const demoLog = openSync(logs.demo, "w");
    demo = spawn("npm", ["run", "demo"], { cwd: repo, env, stdio: ["ignore", demoLog, demoLog], detached: true });
    closeSync(demoLog);
    let exited = null;
    demo.on("exit", (code) => (exited = code ?? -1));
    let up = false;
    while (!up && exited === null && Date.now() - t < DEMO_TIMEOUT_MS) {
      await new Promise((res) => setTimeout(res, 1000));
      up = readFileSync(logs.demo, "utf8").includes(READY);
    }
    const built = readFileSync(logs.demo, "utf8").includes(BUILDING);
    timings.record(
      built ? "first run: demo build+start" : "first run: demo start",
      t,
      Date.now(),
      !notReused && built ? "(built although given the main build)" : undefined,
    );
    seen = groupsOf(demo.pid);
    if (
      !check(
        "npm run demo comes up (builds, starts the sandbox and the dashboard)",
        up,
        up ? `${seconds(t)} s` : exited !== null ? `exited with ${exited}` : "timed out",
      )
    )
      return { checks, ran };

    console.log("\n▶ playwright test -c playwright.first-run.config.ts");
    t = Date.now();
    const pw = spawnSync("playwright", ["test", "-c", "playwright.first-run.config.ts", "--reporter=list,json"], {
      cwd: root,
      stdio: "inherit",
      timeout: 30 * 60_000,
      killSignal: "SIGKILL",
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: path.resolve(root, reportFile), FIRST_RUN_LOG: logs.demo },
    });
    ran = true;
    exitCode = pw.status ?? 128;
    timings.record("first run: browser", t);
    return { checks, ran, exitCode };
  } finally {
    const t = Date.now();
    const left = await stopDemo(demo, seen);
    if (demo) {
      let busy = await busyPorts();
      for (let i = 0; i < 20 && busy.length; i++) {
        await new Promise((res) => setTimeout(res, 500));
        busy = await busyPorts();
      }
      const detail = [left.length ? `alive: ${left.join(", ")}` : "", busy.length ? `ports in use: ${busy.join(", ")}` : ""]
        .filter(Boolean)
        .join("; ");
      check(
        `every process the demo started (${seen?.pids.length ?? "?"}) is stopped and its ports are free`,
        !left.length && !busy.length,
        detail || undefined,
      );
      timings.record("first run: stop", t);
    }
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
    const c = Date.now();
    // About 1 GB in some 40,000 files: on a busy shared disk this alone can take two minutes.
    if (keep) console.log(`first run: clone kept in ${repo}`);
    else rmSync(r.dir, { recursive: true, force: true });
    timings.record("first run: cleanup", c);
    const own = timings.steps.filter((s) => s.name.startsWith("first run: "));
    console.log(`first run took ${seconds(r.started)} s: ${own.map((s) => `${s.name.slice(11)} ${Math.round(s.seconds)} s`).join(", ")}`);
  }
}

/** The whole first run at once (`npm run test:first-run`, `TEST_ONLY=first-run npm test`). */
export function firstRun({ reportFile, logDir, keep, timings } = {}) {
  return finishFirstRun(startFirstRun({ logDir, timings }), { reportFile, keep });
}

// Alone (`npm run test:first-run`): the checks and Playwright's count, and an exit code.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { checks, ran, exitCode } = await firstRun();
  let failed = checks.filter((c) => !c.ok).length;
  if (ran) {
    const v = verdict("first-run playwright", exitCode, "reports/first-run.json", playwrightCount, playwrightErrors);
    console.log(`first-run Playwright: ${v.passed} passed, ${v.failed} failed${v.problems.length ? `; ${v.problems.join("; ")}` : ""}`);
    failed += v.failed + v.problems.length;
  }
  process.exit(failed ? 1 : 0);
}
