#!/usr/bin/env node
// The first-run test: what a new user gets from the README. A fresh clone of HEAD (no .data/, no
// .next/, no node_modules), the README's own demo command in it (`npm install && npm run demo`),
// then Playwright (playwright.first-run.config.ts) signs in as every demo account against it.
// Also checks that `npm install` leaves package-lock.json as committed and that `npm ci` accepts it.
// Part of `npm test` (scripts/test-all.mjs), after the main e2e run: both use ports 3000, 4100
// and 4010, so they never run at once. Alone: `npm run test:first-run`.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { playwrightCount, playwrightErrors, verdict } from "./test-steps.mjs";

const PORTS = [3000, 4100, 4010];
const READY = "Leermiddelendashboard demo: open http://localhost:3000";
const DEMO_TIMEOUT_MS = 20 * 60_000; // the demo builds first: minutes on 2 busy cores
// Settings of the project and of this run that must not reach the clone: it starts as a new user's would.
const PROJECT_VARS = /^(DATABASE_URL|TEST_DATABASE_URL|PGLITE_DIR|DEMO_MODE|NODE_ENV|PORT|ACCESS_LOG_HASH_KEY|(AUTH|OIDC|EDUV|LDB|SANDBOX|PLAYWRIGHT)_\w+|NEXT_(?!TELEMETRY_DISABLED)\w+)$/;
const NPM_RUN_VARS = /^(npm_(lifecycle|package)_\w+|npm_config_local_prefix|npm_command|npm_execpath|npm_node_execpath|INIT_CWD|NODE)$/;

/** The environment of a new user's shell: no project settings, no npm-run variables, the system's node and npm first. */
function userEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!PROJECT_VARS.test(k) && !NPM_RUN_VARS.test(k)) env[k] = v;
  env.PATH = (process.env.PATH ?? "").split(path.delimiter).filter((p) => !/node_modules[\\/]\.bin$|node-gyp-bin$/.test(p)).join(path.delimiter);
  return env;
}

const seconds = (since) => Math.round((Date.now() - since) / 1000);

function portInUse(port) {
  const attempt = (host) => new Promise((resolve) => {
    const socket = createConnection({ port, host }).once("connect", () => { socket.destroy(); resolve(true); }).once("error", () => resolve(false));
    socket.setTimeout(1000, () => { socket.destroy(); resolve(false); });
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
  const rows = out.trim().split("\n").map((l) => l.trim().split(/\s+/).map(Number));
  const pids = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [p, pp] of rows) if (pids.has(pp) && !pids.has(p)) { pids.add(p); grew = true; }
  }
  return { pids: [...pids], groups: [...new Set(rows.filter(([p]) => pids.has(p)).map(([, , g]) => g).concat(pid))] };
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
const signal = (groups, sig) => { for (const g of groups) try { process.kill(-g, sig); } catch { /* gone */ } };

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

/**
 * Runs the whole first run. Returns the checks (name, ok) and whether Playwright ran (its JSON
 * report is `reportFile`); never throws for a failure of the product, only reports it.
 */
export async function firstRun({ reportFile = "reports/first-run.json", logDir = "reports/first-run", keep = process.env.FIRST_RUN_KEEP === "1" } = {}) {
  const root = spawnSync("git", ["rev-parse", "--show-toplevel"], { encoding: "utf8" }).stdout.trim();
  const head = spawnSync("git", ["rev-parse", "HEAD"], { encoding: "utf8", cwd: root }).stdout.trim();
  mkdirSync(path.resolve(root, logDir), { recursive: true });
  const logs = { install: path.resolve(root, logDir, "npm-install.log"), ci: path.resolve(root, logDir, "npm-ci-dry-run.log"), demo: path.resolve(root, logDir, "demo.log") };
  const checks = [];
  const check = (name, ok, detail) => { checks.push({ name, ok }); console.log(`${ok ? "✓" : "✗"} first run: ${name}${detail ? ` (${detail})` : ""}`); return ok; };
  const times = {};
  const started = Date.now();
  const dir = mkdtempSync(path.join(tmpdir(), "ldb-first-run-"));
  const repo = path.join(dir, "repo");
  const env = userEnv();
  let demo;
  let seen;
  let ran = false;
  let exitCode = null;
  const onSignal = async () => { await stopDemo(demo, seen); process.exit(130); };
  process.once("SIGINT", onSignal).once("SIGTERM", onSignal);

  try {
    let t = Date.now();
    const cloned = spawnSync("git", ["clone", "--quiet", "--no-checkout", root, repo], { stdio: "inherit" }).status === 0
      && spawnSync("git", ["checkout", "--quiet", "--detach", head], { cwd: repo, stdio: "inherit" }).status === 0;
    if (!check(`fresh clone of ${head.slice(0, 7)} without .data/, .next/ and node_modules/`, cloned && ![".data", ".next", "node_modules"].some((d) => existsSync(path.join(repo, d))))) return { checks, ran };
    times.clone = seconds(t);

    console.log(`\n▶ npm install   (in ${repo}, output in ${path.relative(root, logs.install)})`);
    t = Date.now();
    const installLog = openSync(logs.install, "w");
    const installed = spawnSync("npm", ["install"], { cwd: repo, env, stdio: ["ignore", installLog, installLog] }).status === 0;
    closeSync(installLog);
    times.install = seconds(t);
    if (!check("npm install", installed, `${times.install} s`)) return { checks, ran };
    const changed = spawnSync("git", ["status", "--porcelain"], { cwd: repo, encoding: "utf8" }).stdout.trim();
    check("npm install leaves package-lock.json and every committed file unchanged", changed === "", changed ? changed.replace(/\n/g, "; ") : undefined);
    const ciLog = openSync(logs.ci, "w");
    check("npm ci --dry-run --ignore-scripts accepts the lock file", spawnSync("npm", ["ci", "--dry-run", "--ignore-scripts"], { cwd: repo, env, stdio: ["ignore", ciLog, ciLog] }).status === 0);
    closeSync(ciLog);

    const busy = await busyPorts();
    if (!check("ports 3000, 4100 and 4010 are free for the demo", busy.length === 0, busy.length ? `in use: ${busy.join(", ")}; another demo or e2e run?` : undefined)) return { checks, ran };

    console.log(`\n▶ npm run demo   (in ${repo}, output in ${path.relative(root, logs.demo)})`);
    t = Date.now();
    const demoLog = openSync(logs.demo, "w");
    demo = spawn("npm", ["run", "demo"], { cwd: repo, env, stdio: ["ignore", demoLog, demoLog], detached: true });
    closeSync(demoLog);
    let exited = null;
    demo.on("exit", (code) => (exited = code ?? -1));
    let up = false;
    while (!up && exited === null && Date.now() - t < DEMO_TIMEOUT_MS) {
      await new Promise((r) => setTimeout(r, 1000));
      up = readFileSync(logs.demo, "utf8").includes(READY);
    }
    times.demo = seconds(t);
    seen = groupsOf(demo.pid);
    if (!check("npm run demo comes up (builds, starts the sandbox and the dashboard)", up, up ? `${times.demo} s` : exited !== null ? `exited with ${exited}` : "timed out")) return { checks, ran };

    console.log("\n▶ playwright test -c playwright.first-run.config.ts");
    t = Date.now();
    const pw = spawnSync("playwright", ["test", "-c", "playwright.first-run.config.ts", "--reporter=list,json"], {
      cwd: root, stdio: "inherit", timeout: 30 * 60_000, killSignal: "SIGKILL",
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: path.resolve(root, reportFile), FIRST_RUN_LOG: logs.demo },
    });
    ran = true;
    exitCode = pw.status ?? 128;
    times.playwright = seconds(t);
    return { checks, ran, exitCode };
  } finally {
    const t = Date.now();
    const left = await stopDemo(demo, seen);
    if (demo) {
      let busy = await busyPorts();
      for (let i = 0; i < 20 && busy.length; i++) { await new Promise((r) => setTimeout(r, 500)); busy = await busyPorts(); }
      const detail = [left.length ? `alive: ${left.join(", ")}` : "", busy.length ? `ports in use: ${busy.join(", ")}` : ""].filter(Boolean).join("; ");
      check(`every process the demo started (${seen?.pids.length ?? "?"}) is stopped and its ports are free`, !left.length && !busy.length, detail || undefined);
    }
    times.stop = seconds(t);
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
    const c = Date.now();
    // About 1 GB in some 40,000 files: on a busy shared disk this alone can take two minutes.
    if (keep) console.log(`first run: clone kept in ${repo}`);
    else rmSync(dir, { recursive: true, force: true });
    times.cleanup = seconds(c);
    times.total = seconds(started);
    console.log(`first run took ${times.total} s: ${Object.entries(times).filter(([k]) => k !== "total").map(([k, v]) => `${k} ${v} s`).join(", ")}`);
  }
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
