import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "@/lib/db/client";
import { releaseSlot, takeSlot } from "@/lib/db/source-slots";
import { freshStoreEnv } from "@/lib/db/testing/fresh-store";
import { EduvClient } from "@/lib/sources/transport/client";
import { getUserUsage } from "@/lib/sources/operations";
import { SourceGates } from "@/lib/sources/capacity/source-gates";
import { StoreSlots } from "./store-permits";
import { startSandbox } from "@/lib/sources/testing/sandbox-harness";
import { TokenProvider } from "@/lib/sources/transport/token";

/**
 * maxConcurrentCalls across dashboard processes on one PostgreSQL: two real processes (the
 * server's own runtime, lib/sources/testing/fanout-process.ts) fan out at the same Source at once,
 * and the sandbox counts how many calls it had in flight at most. Then what a slot costs a lookup.
 */
const pgUrl = process.env.TEST_DATABASE_URL;
const h = startSandbox();
const LIMIT = 4;
const CALLS = 80;
const dir = mkdtempSync(path.join(tmpdir(), "ldb-instances-"));
let env: Record<string, string> = {};
let store: Store | undefined;
let drop = async () => {};

beforeAll(async () => {
  if (!pgUrl) return;
  const fresh = await freshStoreEnv("postgres");
  drop = fresh.drop;
  store = await openStore({ databaseUrl: fresh.env.DATABASE_URL }); // migrated before the processes start
  const keyFile = path.join(dir, "key.pem");
  writeFileSync(keyFile, h.key.privateKey.export({ type: "pkcs8", format: "pem" }));
  const lrA = h.config.sources.find((s) => s.id === "lr-a")!;
  const sourcesFile = path.join(dir, "sources.json");
  writeFileSync(
    sourcesFile,
    JSON.stringify({
      client: { clientId: "leermiddelendashboard" },
      schools: [{ id: "meridiaan", name: "Meridiaan College", sector: "VO", organisationMasterIdentifier: "900B201" }],
      sources: [
        {
          id: "lr-a",
          name: "lr-a",
          kind: "licentieregistratie",
          baseUrl: lrA.baseUrl,
          tokenEndpoint: lrA.tokenEndpoint,
          auth: { method: "private_key_jwt" },
          scopes: lrA.scopes,
          apis: ["usage"],
          schools: ["meridiaan"],
          timeoutMs: 10_000,
          maxConcurrentCalls: LIMIT,
        },
      ],
    }),
  );
  const users = h.sandbox.state
    .school("900B201")
    .data.pupils.slice(0, CALLS)
    .map((p) => p.eck);
  env = {
    EDUV_SOURCES_FILE: sourcesFile,
    EDUV_CLIENT_KEY_FILE: keyFile,
    DATABASE_URL: fresh.env.DATABASE_URL,
    LDB_TEST_SOURCE: "lr-a",
    LDB_TEST_CALLS: String(CALLS),
    LDB_TEST_USERS: JSON.stringify(users),
    LDB_CONSENT_WORKER: "0",
  };
}, 120_000);
afterAll(async () => {
  await store?.close();
  await drop();
});

/**
 * A process like the dashboard's behind a gate: it loads the fan-out's modules (tsx, the server's
 * runtime), says so on stdout, and runs lib/sources/testing/fanout-process.ts once the gate file exists.
 */
const GATED = `
import { existsSync } from "node:fs";
await Promise.all(["./lib/sources/capacity/caller.ts", "./lib/sources/errors.ts", "./lib/sources/operations/index.ts", "./lib/runtime/source-runtime.ts"].map((m) => import(m)));
process.stdout.write(JSON.stringify({ ready: true }) + "\\n");
while (!existsSync(process.env.LDB_TEST_GATE)) await new Promise((r) => setTimeout(r, 10));
await import("./lib/sources/testing/fanout-process.ts");
`;

/** Starts a gated process; `ready` resolves once it is loaded, `report` with its report line. */
function dashboard(extra: Record<string, string>, gate: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "--input-type=module", "--eval", GATED], {
    env: { ...process.env, ...env, ...extra, LDB_TEST_GATE: gate, LDB_TEST_START_AT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  let loaded!: () => void;
  const ready = new Promise<void>((resolve) => (loaded = resolve));
  child.stdout.on("data", (c: Buffer) => {
    out += c.toString();
    if (out.includes('{"ready":true}')) loaded();
  });
  child.stderr.on("data", (c: Buffer) => (err += c.toString()));
  const report = new Promise<{ calls: number; ms: number; failures: Record<string, number> }>((resolve, reject) =>
    child.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith('{"calls"'));
      if (code !== 0 || !line) reject(new Error(`dashboard process exited ${code}: ${err.slice(-2000)}`));
      else resolve(JSON.parse(line));
    }),
  );
  // A process that dies while loading never says it is ready: its exit ends the wait.
  return { ready: Promise.race([ready, report.then(() => {})]), report };
}

let gates = 0;
async function twoAtOnce(extra: Record<string, string>) {
  await h.sandbox.app.request("/_admin/reset", { method: "POST" });
  h.sandbox.state.knobs.set("lr-a", { latencyMs: 25 });
  // Both start at the same moment: once both have loaded, however long that took on this machine.
  const gate = path.join(dir, `gate-${++gates}`);
  const processes = [dashboard(extra, gate), dashboard(extra, gate)];
  await Promise.all(processes.map((p) => p.ready));
  writeFileSync(gate, "go");
  const reports = await Promise.all(processes.map((p) => p.report));
  const stats = (await (await h.sandbox.app.request("/_admin/stats")).json()) as Record<string, { calls: number; maxInFlight: number }>;
  return { reports, maxInFlight: stats["lr-a"]!.maxInFlight, calls: stats["lr-a"]!.calls };
}

describe.skipIf(!pgUrl)("one limit for all instances together (PostgreSQL)", () => {
  it("two processes fanning out at one Source never have more than maxConcurrentCalls in flight there together", async () => {
    const shared = await twoAtOnce({});
    const apart = await twoAtOnce({ DATABASE_URL: "", PGLITE_DIR: "memory://" }); // each process on its own: the limit per process only
    console.log(
      `two processes × ${CALLS} calls, 25 ms each, maxConcurrentCalls ${LIMIT}: shared through PostgreSQL: at most ${shared.maxInFlight} in flight at the Source ` +
        `(processes done in ${shared.reports.map((r) => r.ms).join(" and ")} ms); each on its own: at most ${apart.maxInFlight} (${apart.reports.map((r) => r.ms).join(" and ")} ms)`,
    );
    expect(shared.reports.map((r) => r.failures)).toEqual([{}, {}]);
    expect(shared.calls).toBe(2 * CALLS); // every call made once
    expect(shared.maxInFlight).toBeLessThanOrEqual(LIMIT);
    expect(shared.maxInFlight).toBe(LIMIT); // and the limit is used, not undercut
    expect(apart.maxInFlight).toBeGreaterThan(LIMIT); // without the store the test would see it
    // Neither process is starved: they take turns at the slots, so they finish close together.
    const [a, b] = shared.reports.map((r) => r.ms) as [number, number];
    expect(Math.abs(a - b)).toBeLessThan(0.5 * Math.max(a, b));
  }, 300_000);

  it("what the shared slot costs a lookup: one statement to take it, one (not waited for) to release it", async () => {
    await h.sandbox.app.request("/_admin/reset", { method: "POST" });
    const config = { ...h.config, sources: h.config.sources.map((s) => ({ ...s, maxConcurrentCalls: LIMIT })) };
    const slots = new StoreSlots({ db: async () => store!.db, databaseUrl: env.DATABASE_URL! });
    const clients = {
      local: new EduvClient({ config, tokens: new TokenProvider({ signingKey: async () => h.key }) }),
      shared: new EduvClient({
        config,
        tokens: new TokenProvider({ signingKey: async () => h.key }),
        gates: new SourceGates({ permits: slots.permitsFor }),
      }),
    };
    const eck = h.sandbox.state.school("900B201").data.pupils[0]!.eck;
    const lookup = (client: EduvClient) =>
      client
        .call(getUserUsage, "lr-a", { body: { school: { organisationMasterIdentifier: "900B201" }, user: { userMasterIdentifier: eck } } })
        .catch(() => undefined);
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const times: Record<"local" | "shared", number[]> = { local: [], shared: [] };
    await lookup(clients.local);
    await lookup(clients.shared);
    for (let round = 0; round < 100; round++) {
      for (const which of ["local", "shared"] as const) {
        const t = performance.now();
        await lookup(clients[which]);
        times[which].push(performance.now() - t);
      }
    }
    const roundTrip: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      const slot = await takeSlot(store!.db, {
        sourceId: "cost",
        holder: "me",
        limit: 1,
        leaseSeconds: 30,
        waitSeconds: 2,
        moreWaiting: false,
      });
      // (The first round finds no slot row yet and makes it.)
      roundTrip.push(performance.now() - t);
      if (slot === undefined)
        await store!.db.execute(
          (await import("drizzle-orm")).sql`INSERT INTO source_slots (source_id, slot) VALUES ('cost', 0) ON CONFLICT DO NOTHING`,
        );
      else await releaseSlot(store!.db, "cost", slot, "me");
    }
    await slots.close();
    const local = median(times.local);
    const shared = median(times.shared);
    console.log(
      `a lookup at a Source answering at once, median of 100: ${local.toFixed(2)} ms with the process's own slots, ${shared.toFixed(2)} ms with the slots in PostgreSQL (+${(shared - local).toFixed(2)} ms); taking a slot alone: ${median(roundTrip).toFixed(2)} ms`,
    );
    // A few statements' worth: the take, and the release (not waited for) that the next take may queue behind.
    expect(shared - local).toBeLessThan(Math.max(10, 4 * median(roundTrip)));
  }, 120_000);
});
