#!/usr/bin/env node
// The README's demo command: the sandbox Sources and the dashboard, seeded, one URL to open.
// Runs under `npm run demo`, so node_modules/.bin (Node 24, next, tsx) is first on PATH.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import pretty from "pino-pretty";

const PORT = Number(process.env.PORT ?? 3000);
const SANDBOX_PORT = Number(process.env.SANDBOX_PORT ?? 4100);
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  EDUV_SOURCES_FILE: process.env.EDUV_SOURCES_FILE ?? "config/sources.demo.json",
  EDUV_LAS_B_CLIENT_SECRET: process.env.EDUV_LAS_B_CLIENT_SECRET ?? "demo-secret-las-b",
  SANDBOX_PORT: String(SANDBOX_PORT),
  DEMO_MODE: "1",
  // The sandbox's data describe school year 2025-2026: the demo looks at them from a day inside it.
  LDB_REFERENCE_DATE: process.env.LDB_REFERENCE_DATE ?? "2026-03-02",
  AUTH_URL: process.env.AUTH_URL ?? `http://localhost:${PORT}`,
  SANDBOX_CLIENT_JWKS_URI: `http://localhost:${PORT}/.well-known/jwks.json`,
  // The whole consent cycle in seconds: the outbox and the Providers' statuses often, lr-b collecting often.
  SANDBOX_CONSUMER_URL: `http://localhost:${PORT}`,
  SANDBOX_CONSENT_POLL_MS: process.env.SANDBOX_CONSENT_POLL_MS ?? "2000",
  LDB_CONSENT_INTERVAL_MS: process.env.LDB_CONSENT_INTERVAL_MS ?? "1000",
  LDB_CONSENT_STATUS_INTERVAL_MS: process.env.LDB_CONSENT_STATUS_INTERVAL_MS ?? "2000",
  // The live check of every pair two minutes after the start and every two minutes after (production: 15 min).
  LDB_CONSENT_LIVE_CHECK_MS: process.env.LDB_CONSENT_LIVE_CHECK_MS ?? "120000",
};

function newestSource() {
  const out = spawnSync("git", ["log", "-1", "--format=%ct"], { encoding: "utf8" });
  return Number(out.stdout.trim() || 0) * 1000;
}

if (!existsSync(".next/BUILD_ID") || statSync(".next/BUILD_ID").mtimeMs < newestSource()) {
  console.log("Building the dashboard (once)…");
  const build = spawnSync("node", ["scripts/next-build.mjs"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const dashboard = spawn("node", ["node_modules/next/dist/bin/next", "start", "-p", String(PORT)], {
  stdio: ["ignore", "pipe", "inherit"],
  env,
  detached: true,
});
// The dashboard logs JSON lines (as in production, for a log shipper); here they are made readable.
// Lines that are not JSON (Next's own banner) pass through as they are.
dashboard.stdout.pipe(
  pretty({ colorize: Boolean(process.stdout.isTTY), translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname", singleLine: true }),
);

const children = [spawn("tsx", ["sandbox/main.ts"], { stdio: ["ignore", "ignore", "inherit"], env, detached: true }), dashboard];

function stop(code = 0) {
  for (const child of children) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
  process.exit(code);
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
for (const child of children)
  child.on("exit", (code) => {
    console.error(`A demo process stopped (exit ${code}); stopping the demo.`);
    stop(code ?? 1);
  });

async function waitFor(url, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

if ((await waitFor(`http://localhost:${SANDBOX_PORT}/`)) && (await waitFor(`http://localhost:${PORT}/api/health`))) {
  console.log(`\nLeermiddelendashboard demo: open http://localhost:${PORT}   (Ctrl+C stops it)\n`);
} else {
  console.error("The demo did not come up within a minute.");
  stop(1);
}
