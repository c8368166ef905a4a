import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { openStore } from "@/lib/db/client";
import { consentHistory, listConsentRequests } from "@/lib/db/consent";
import { freshStoreEnv } from "@/lib/db/testing/fresh-store";
import { startProvider } from "./durability-provider";

/**
 * The outbox across real process deaths: each dashboard here is its own Node process (the same
 * worker start-up as the server), killed with SIGKILL, restarted, or run twice on one PostgreSQL.
 * The Provider is an HTTP server in this test that counts what arrives. Counts are printed.
 *
 * One suite, one test file per store (durability.test.ts, durability-postgres.test.ts), so the two
 * halves run side by side: each starts and kills a dozen dashboard processes.
 */

type Dashboard = { child: ChildProcess; lines: Array<Record<string, unknown>>; exit: Promise<number | null> };

const dir = mkdtempSync(path.join(tmpdir(), "ldb-durability-"));
const keyFile = path.join(dir, "key.pem");
writeFileSync(keyFile, generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }));

function sourcesFile(base: string): string {
  const file = path.join(dir, `sources-${randomBytes(4).toString("hex")}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      client: { clientId: "leermiddelendashboard" },
      schools: [{ id: "obs", name: "OBS Test", sector: "PO", organisationMasterIdentifier: "900A101" }],
      sources: [
        {
          id: "las",
          name: "LAS",
          kind: "las",
          baseUrl: `${base}/las/v1`,
          tokenEndpoint: `${base}/las/oauth2/token`,
          auth: { method: "private_key_jwt" },
          scopes: ["eduv.student.basic", "eduv.consent"],
          apis: ["students", "consent"],
          schools: ["obs"],
          timeoutMs: 60_000,
        },
      ],
    }),
  );
  return file;
}

/** Starts a dashboard process; `store` requests are stored first, `hold` keeps it from sending them. */
function dashboard(
  env: Record<string, string>,
  opts: { store?: number; withdraw?: number; hold?: boolean; gate?: string } = {},
): Dashboard {
  // Node itself with tsx as a loader, not the tsx CLI: signals must reach the dashboard process, not a wrapper around it.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "lib/features/consent/testing/worker-process.ts"],
    {
      env: {
        ...process.env,
        ...env,
        EDUV_CLIENT_KEY_FILE: keyFile,
        LDB_CONSENT_INTERVAL_MS: "100",
        LDB_CONSENT_STATUS_INTERVAL_MS: "3600000",
        LDB_CONSENT_LEASE_SECONDS: env.LDB_CONSENT_LEASE_SECONDS ?? "2",
        LDB_CONSENT_RETRY_BASE_MS: "50",
        LDB_CONSENT_RETRY_CAP_MS: "200",
        LDB_TEST_STORE: String(opts.store ?? 0),
        LDB_TEST_WITHDRAW: String(opts.withdraw ?? 0),
        LDB_TEST_HOLD: opts.hold ? "1" : "0",
        ...(opts.gate ? { LDB_TEST_GATE: opts.gate } : {}),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const lines: Array<Record<string, unknown>> = [];
  let buffer = "";
  child.stdout!.on("data", (c: Buffer) => {
    buffer += c.toString();
    for (let i = buffer.indexOf("\n"); i >= 0; i = buffer.indexOf("\n")) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      if (line.startsWith("{")) lines.push(JSON.parse(line) as Record<string, unknown>);
    }
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      if (code && code !== 0) console.error(`dashboard process exited ${code}: ${stderr.slice(-2000)}`);
      resolve(code);
    }),
  );
  running.push(child);
  return { child, lines, exit };
}

const running: ChildProcess[] = [];

async function until(what: string, ok: () => boolean, timeoutMs = 120_000) {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const storedIds = (d: Dashboard) => (d.lines.find((l) => Array.isArray(l.stored))?.stored ?? []) as string[];
const withdrawnIds = (d: Dashboard) => (d.lines.find((l) => Array.isArray(l.withdrawn))?.withdrawn ?? []) as string[];

/** SIGTERM: the worker finishes its round, closes the store and the process exits 0. */
async function stopGracefully(d: Dashboard) {
  await until("the worker is running", () => d.lines.some((l) => l.worker === true));
  d.child.kill("SIGTERM");
  expect(await d.exit).toBe(0);
}

async function killHard(d: Dashboard) {
  d.child.kill("SIGKILL");
  await d.exit;
}

/** The suite on one store: embedded PGlite in a folder, or the test PostgreSQL server (TEST_DATABASE_URL). */
export function describeDurability(kind: "pglite" | "postgres") {
  const enabled = kind === "pglite" || !!process.env.TEST_DATABASE_URL;
  const name =
    kind === "pglite"
      ? "PGlite (embedded, in a folder)"
      : enabled
        ? "PostgreSQL server"
        : "PostgreSQL server (skipped: TEST_DATABASE_URL not set; npm test sets it)";

  afterEach(() => {
    for (const c of running.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe(`consent outbox across process deaths on ${name}`, () => {
    const drops: Array<() => Promise<void>> = [];
    afterAll(async () => {
      for (const drop of drops) await drop();
    });

    async function freshStore(): Promise<Record<string, string>> {
      const { env, drop } = await freshStoreEnv(kind);
      drops.push(drop);
      return env;
    }

    async function readBack(env: Record<string, string>) {
      const store = await openStore({ databaseUrl: env.DATABASE_URL || "", pgliteDir: env.PGLITE_DIR });
      try {
        const rows = await listConsentRequests(store.db, { schoolIds: ["obs"] });
        const events = new Map(
          await Promise.all(
            rows.map(
              async (r) => [r.consumerReferenceId, (await consentHistory(store.db, r.consumerReferenceId)).map((e) => e.event)] as const,
            ),
          ),
        );
        return { rows, events };
      } finally {
        await store.close();
      }
    }

    it.skipIf(!enabled)(
      "killed with SIGKILL between storing and sending: the requests are sent after the restart, each once",
      async () => {
        const provider = await startProvider();
        try {
          const env = { ...(await freshStore()), EDUV_SOURCES_FILE: sourcesFile(provider.base) };
          const first = dashboard(env, { store: 3, hold: true });
          await until("the requests are stored", () => storedIds(first).length === 3);
          await killHard(first);
          expect(provider.state.puts).toBe(0);

          const second = dashboard(env);
          await until("all three arrived", () => provider.state.registered.size === 3);
          await stopGracefully(second);
          console.log(
            `[durability ${kind}] killed between store and send: stored 3, PUT calls ${provider.state.puts}, registered ${provider.state.registered.size}, max registrations per request ${Math.max(...provider.state.registered.values())}`,
          );
          expect([...provider.state.registered.keys()].sort()).toEqual([...storedIds(first)].sort());
          expect(provider.state.puts).toBe(3);
          const { rows, events } = await readBack(env);
          expect(rows.map((r) => r.status)).toEqual(["sent", "sent", "sent"]);
          for (const id of storedIds(first)) expect(events.get(id)).toEqual(["created", "sent"]);
        } finally {
          await provider.close();
        }
      },
      300_000,
    );

    it.skipIf(!enabled)(
      "withdrawals killed with SIGKILL between storing and sending: each PUT /consent/revokes is sent after the restart, once",
      async () => {
        const provider = await startProvider();
        try {
          const env = { ...(await freshStore()), EDUV_SOURCES_FILE: sourcesFile(provider.base) };
          const first = dashboard(env, { withdraw: 3, hold: true });
          await until("the withdrawals are stored", () => withdrawnIds(first).length === 3);
          await killHard(first);
          expect(provider.state.revokePuts).toBe(0);

          const second = dashboard(env);
          await until("all three arrived", () => provider.state.revoked.size === 3);
          await stopGracefully(second);
          console.log(
            `[durability ${kind}] withdrawals killed between store and send: stored 3, PUT /consent/revokes calls ${provider.state.revokePuts}, revoked ${provider.state.revoked.size}, max revokes per registration ${Math.max(...provider.state.revoked.values())}`,
          );
          expect([...provider.state.revoked.keys()].sort()).toEqual(["held-0", "held-1", "held-2"]);
          expect(provider.state.revokePuts).toBe(3);
          const store = await openStore({
            databaseUrl: (env as Record<string, string>).DATABASE_URL || "",
            pgliteDir: (env as Record<string, string>).PGLITE_DIR,
          });
          try {
            const rows = await store.db.execute(sql`SELECT status, attempts FROM consent_revokes ORDER BY provider_reference_id`);
            expect(rows.rows).toEqual([
              { status: "sent", attempts: 1 },
              { status: "sent", attempts: 1 },
              { status: "sent", attempts: 1 },
            ]);
          } finally {
            await store.close();
          }
        } finally {
          await provider.close();
        }
      },
      300_000,
    );

    it.skipIf(!enabled)(
      "killed with SIGKILL in the middle of sending: after the lease another process sends again, and the Provider registers each once",
      async () => {
        const provider = await startProvider();
        try {
          const env = { ...(await freshStore()), EDUV_SOURCES_FILE: sourcesFile(provider.base) };
          provider.state.mode = "hang";
          const first = dashboard(env, { store: 3 });
          await until("three PUTs are in flight", () => provider.state.puts === 3);
          await killHard(first);
          provider.state.mode = "up";

          const second = dashboard(env);
          await until("all three registered", () => provider.state.registered.size === 3);
          await stopGracefully(second);
          console.log(
            `[durability ${kind}] killed mid-send: stored 3, PUT calls ${provider.state.puts} (3 lost with the process), registered ${provider.state.registered.size}, max registrations per request ${Math.max(...provider.state.registered.values())}`,
          );
          expect(provider.state.puts).toBe(6);
          expect([...provider.state.registered.values()]).toEqual([1, 1, 1]);
          const { rows } = await readBack(env);
          expect(rows.map((r) => [r.status, r.attempts])).toEqual([
            ["sent", 2],
            ["sent", 2],
            ["sent", 2],
          ]);
        } finally {
          await provider.close();
        }
      },
      300_000,
    );

    // PGlite is embedded in one process: two instances share a database only on a PostgreSQL server.
    if (kind === "postgres")
      it.skipIf(!enabled)(
        "two dashboard processes on one PostgreSQL: each of 40 requests is sent exactly once",
        async () => {
          const provider = await startProvider();
          try {
            // No process dies here, so the lease only has to outlast a claimed batch: 20 sends per process through the
            // Source's 8 slots, now shared by both processes through the store (not 8 each), on a loaded machine.
            const env = { ...(await freshStore()), EDUV_SOURCES_FILE: sourcesFile(provider.base), LDB_CONSENT_LEASE_SECONDS: "10" };
            const seeding = dashboard(env, { store: 40, hold: true });
            await until("40 stored", () => storedIds(seeding).length === 40);
            await killHard(seeding);
            // Both held at the gate until both are up, then let loose together: the race is real, not one process after the other.
            const gate = path.join(dir, `gate-${randomBytes(4).toString("hex")}`);
            const a = dashboard(env, { gate });
            const b = dashboard(env, { gate });
            await until("both processes ready", () => [a, b].every((d) => d.lines.some((l) => l.ready === true)));
            writeFileSync(gate, "go");
            await until("all 40 registered", () => provider.state.registered.size === 40);
            await Promise.all([stopGracefully(a), stopGracefully(b)]);
            const perProcess = [...provider.state.byToken.values()];
            console.log(
              `[durability ${kind}] two processes: stored 40, PUT calls ${provider.state.puts}, registered ${provider.state.registered.size}, max registrations per request ${Math.max(...provider.state.registered.values())}, sent per process ${perProcess.join(" + ")}`,
            );
            expect(provider.state.puts).toBe(40);
            expect(new Set(provider.state.registered.values())).toEqual(new Set([1]));
            // Each process sent at least one: both took part in the race.
            expect(perProcess).toHaveLength(2);
            expect(Math.min(...perProcess)).toBeGreaterThanOrEqual(1);
          } finally {
            await provider.close();
          }
        },
        300_000,
      );
  });
}
