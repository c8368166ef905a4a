// The built dashboard and the sandbox for bench/load.ts: on free ports of their own (never 3000,
// 4100 or 4010, which the e2e and first-run tests use), a PGlite folder of their own, signed in
// by a session row written into that folder before the server opens it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { openStore } from "../lib/db/client";
import { sessions, users } from "../lib/db/auth-schema";

/** A port the OS says is free now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** `next build` when .next is missing or older than the last commit (as scripts/demo.mjs decides). */
export function buildIfStale(env: NodeJS.ProcessEnv): void {
  const committed = Number(spawnSync("git", ["log", "-1", "--format=%ct"], { encoding: "utf8" }).stdout.trim() || 0) * 1000;
  if (existsSync(".next/BUILD_ID") && statSync(".next/BUILD_ID").mtimeMs >= committed) return;
  console.log("load: building the dashboard (next build)…");
  const out = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit", env });
  if (out.status !== 0) throw new Error(`next build failed (${out.status})`);
}

async function waitFor(url: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** Resident set size of a process in MB (Linux /proc), or NaN when it is gone. */
export function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** The process that serves: the `next-server` descendant of what we started (or that process itself). */
function serverPid(root: number): number {
  const out = spawnSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" }).stdout ?? "";
  const rows = out
    .trim()
    .split("\n")
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m) => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  const mine = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows)
      if (mine.has(r.ppid) && !mine.has(r.pid)) {
        mine.add(r.pid);
        grew = true;
      }
  }
  return rows.find((r) => mine.has(r.pid) && r.args.startsWith("next-server"))?.pid ?? root;
}

/** A staff member with a session, written straight into the store the server will open (one process at a time: PGlite). */
async function seedSession(pgliteDir: string, roles: readonly string[]): Promise<string> {
  const store = await openStore({ pgliteDir, databaseUrl: "" });
  const token = randomBytes(32).toString("hex");
  try {
    await store.db.insert(users).values({
      id: "bench-user",
      name: null,
      email: "bench@meridiaancollege.example",
      idpRoles: roles.map((r) => `${r}:meridiaan-college`),
    });
    await store.db.insert(sessions).values({ sessionToken: token, userId: "bench-user", expires: new Date(Date.now() + 30 * 60_000) });
  } finally {
    await store.close();
  }
  return token;
}

export type Servers = { base: string; cookie: string; pid: () => number; stop: () => void };

/**
 * Starts the sandbox (`tsx sandbox/main.ts`) and the built dashboard (`next start`) with the e2e's settings;
 * `sandboxEnv` adds settings for the sandbox alone (bench/scroll.ts: SANDBOX_SCALE and SANDBOX_BENCH_PUPILS).
 */
export async function startServers(
  opts: { roles?: readonly string[]; sandboxEnv?: Readonly<Record<string, string>> } = {},
): Promise<Servers> {
  const [port, sandboxPort] = [await freePort(), await freePort()];
  const work = mkdtempSync(path.join(tmpdir(), "ldb-load-"));
  const pgliteDir = path.join(work, "pglite");
  // The demo sources file, pointed at this run's ports.
  const sourcesFile = path.join(work, "sources.json");
  writeFileSync(
    sourcesFile,
    readFileSync("config/sources.demo.json", "utf8")
      .replaceAll("localhost:4100", `localhost:${sandboxPort}`)
      .replaceAll("localhost:3000", `localhost:${port}`),
  );
  const base = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: "",
    PGLITE_DIR: pgliteDir,
    EDUV_SOURCES_FILE: sourcesFile,
    EDUV_LAS_B_CLIENT_SECRET: "demo-secret-las-b",
    DEMO_MODE: "1",
    AUTH_URL: base,
    LDB_REFERENCE_DATE: "2026-03-02",
    LDB_CONSENT_INTERVAL_MS: "500",
    LDB_CONSENT_STATUS_INTERVAL_MS: "1000",
    // No background live checks: they would add Source calls to what is measured.
    LDB_CONSENT_LIVE_CHECK_MS: "0",
    LDB_LOG_FILE: "",
    SANDBOX_PORT: String(sandboxPort),
    SANDBOX_IDP_PORT: "0",
    SANDBOX_APP_URL: base,
    SANDBOX_CLIENT_JWKS_URI: `${base}/.well-known/jwks.json`,
    SANDBOX_CONSUMER_URL: base,
    SANDBOX_CONSENT_POLL_MS: "1000",
    SANDBOX_LOG_FILE: "",
  };
  buildIfStale({ ...env, EDUV_SOURCES_FILE: "config/sources.demo.json" });
  const token = await seedSession(pgliteDir, opts.roles ?? ["schooladmin"]);
  // BENCH_LOAD_NODE_ARGS: Node options for the dashboard, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where its time goes.
  const nodeArgs = (process.env.BENCH_LOAD_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const children: ChildProcess[] = [
    spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "sandbox/main.ts"], {
      env: { ...env, ...opts.sandboxEnv },
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    }),
    spawn(process.execPath, [...nodeArgs, "node_modules/next/dist/bin/next", "start", "-p", String(port)], {
      env,
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    }),
  ];
  const stop = () => {
    for (const child of children)
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        /* gone */
      }
    rmSync(work, { recursive: true, force: true });
  };
  process.on("exit", stop);
  await waitFor(`http://localhost:${sandboxPort}/`);
  await waitFor(`${base}/api/health`);
  const next = children[1]!.pid!;
  let found: number | undefined;
  return { base, cookie: `ldb.session=${token}`, pid: () => (found ??= serverPid(next)), stop };
}
