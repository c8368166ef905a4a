// npm run bench – speed ratios measured in one run against the sandbox at bench scale
// (one VO school with 3,000 pupils and 45,000 enrollments). Ratios, not absolute times, so the
// figures mean the same on any machine. Run with `--conditions=react-server` (see package.json).
import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { PerformanceObserver } from "node:perf_hooks";
import { serve } from "@hono/node-server";
import { createSandbox } from "../sandbox/app";
import { EduvClient } from "../lib/sources/transport/client";
import { signingKeyFromPem } from "../lib/sources/transport/signing-key";
import { toEnrollmentRows } from "../lib/features/enrollments/enrollments";
import { parseList } from "../lib/sources/reading/parse-list";
import { enrollmentSchema } from "../lib/sources/reading/schemas/enrollment";
import { studentSchema } from "../lib/sources/reading/schemas/student";
import { parseSourcesConfig } from "../lib/sources/config";
import { listSchoolStudents, pageStudents } from "../lib/features/students/students";
import { fanOut, type CoveragePupil } from "../lib/features/coverage/group";
import { benchScanPupils, timeLicenceScan } from "./licence-scan";
import { TokenProvider } from "../lib/sources/transport/token";

// The lists' mass-change guard (lib/features/mass-change) keeps its counts in the store: an in-memory one here, so the
// bench's 3,000 pupils never become the demo store's baseline (its first open falls in the warm-up runs).
process.env.PGLITE_DIR = "memory://";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const FANOUT_PUPILS = 1_000;
const FANOUT_LATENCY_MS = 25;
const FANOUT_CONCURRENCY = Number(process.env.BENCH_FANOUT_CONCURRENCY ?? 8);
// Issue 25: the school-wide licence scan of a 1,450-pupil VO school, one registry at 25 ms, 8 at once.
const SCAN_PUPILS = 1_450;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}
/** Medians of several measurements taken in turn, run after run, so drift (GC, JIT, the machine) falls on all of them alike. */
async function timedTogether<const F extends ReadonlyArray<() => unknown>>(...fns: F): Promise<{ [K in keyof F]: number }> {
  for (const fn of fns) await fn(); // warm-up
  const xs = fns.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) for (const [j, fn] of fns.entries()) xs[j]!.push(await time(fn));
  return xs.map(median) as { [K in keyof F]: number };
}

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const key = await signingKeyFromPem(privateKey.export({ type: "pkcs8", format: "pem" }).toString());
const jwks = createServer((_q, r) =>
  r.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [key.publicJwk] })),
);
await new Promise<void>((r) => jwks.listen(0, "127.0.0.1", r));
const jwksUri = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks`;

// The sandbox needs its own URL, known only once the server listens.
const holder: { sandbox?: ReturnType<typeof createSandbox> } = {};
const port = await new Promise<number>((resolve) => {
  const server = serve({ fetch: (req, env) => holder.sandbox!.app.fetch(req, env), port: 0, hostname: "127.0.0.1" }, (info) =>
    resolve(info.port),
  );
  // Node closes an idle connection after 5 s, while fetch may just be reusing it: after the enrollment
  // rounds (longer than that on a busy machine) the next request could fail with ECONNRESET.
  (server as import("node:http").Server).keepAliveTimeout = 10 * 60_000;
  process.on("exit", () => server.close());
});
const base = `http://127.0.0.1:${port}`;
const sandbox = (holder.sandbox = createSandbox({
  publicUrl: base,
  scale: "bench",
  clients: [{ clientId: "bench", method: "private_key_jwt", jwksUri, sources: ["las-b"] }],
}));
const config = parseSourcesConfig({
  client: { clientId: "bench" },
  schools: [{ id: "meridiaan", name: "Meridiaan College", sector: "VO", organisationMasterIdentifier: "900B201" }],
  sources: [
    {
      id: "las-b",
      name: "LAS",
      kind: "las",
      baseUrl: `${base}/las-b/v1`,
      tokenEndpoint: `${base}/las-b/oauth2/token`,
      auth: { method: "private_key_jwt" },
      scopes: ["eduv.student.basic", "eduv.association"],
      apis: ["students", "enrollments"],
      schools: ["meridiaan"],
      timeoutMs: 60_000,
    },
  ],
});
const tokens = new TokenProvider({ signingKey: async () => key });
const client = new EduvClient({ config, tokens });
const school = config.schools[0]!;
const token = await tokens.getToken(config.sources[0]!, ["eduv.student.basic"]);
const tokenA = await tokens.getToken(config.sources[0]!, ["eduv.association"]);
const get = (path: string, t: string) =>
  fetch(`${base}/las-b/v1${path}?orgMasterId=900B201`, { headers: { authorization: `Bearer ${t}` } });

sandbox.state.school("900B201"); // generate the data before measuring
const firstPage = { sort: "familyName" as const, dir: "asc" as const, page: 1, pageSize: 50 };
const studentSchemaLenient = studentSchema("lenient");
const schema = enrollmentSchema("lenient");
/** The sandbox's seed-allowed variance (nulls, empties, extra fields, minimal records, recased date-times…) on its answers. */
const VARIANCE_RATE = Number(process.env.BENCH_VARIANCE_RATE ?? 0.1);
const setVariance = (rate: number) => sandbox.state.knobs.set("las-b", { varianceRate: rate });

/** Garbage-collection pauses, to say how much of a timed stretch was the collector's. */
const pauses: { start: number; end: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) pauses.push({ start: e.startTime, end: e.startTime + e.duration });
}).observe({ entryTypes: ["gc"] });
const pausedWithin = (from: number, to: number) =>
  pauses.reduce((ms, p) => ms + Math.max(0, Math.min(to, p.end) - Math.max(from, p.start)), 0);

/**
 * The product's own path after the bytes: JSON.parse, then parseList (validation and the reading
 * rules) and the rows with their keyed hashes, each round on freshly parsed data (as a real answer
 * is), the two parts timed apart in the same round. Also how much of each was garbage collection:
 * V8 leaves the 34 MB that JSON.parse builds in the young generation in some rounds and not in
 * others, and the collection that then copies it falls in whatever allocates next, parse or path.
 */
async function enrollmentPath(text: string): Promise<{ parse: number; path: number; parseGc: number; pathGc: number }> {
  const rounds: { t0: number; t1: number; t2: number }[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    const data = JSON.parse(text) as unknown[];
    const t1 = performance.now();
    toEnrollmentRows(parseList(schema, data).records);
    const t2 = performance.now();
    if (i > 0) rounds.push({ t0, t1, t2 }); // the first is a warm-up
  }
  await new Promise((resolve) => setTimeout(resolve, 20)); // the observer reports after the loop
  return {
    parse: median(rounds.map((r) => r.t1 - r.t0)),
    path: median(rounds.map((r) => r.t2 - r.t1)),
    parseGc: median(rounds.map((r) => pausedWithin(r.t0, r.t1))),
    pathGc: median(rounds.map((r) => pausedWithin(r.t1, r.t2))),
  };
}

type Measured = {
  floor: number;
  cold: number;
  warm: number;
  studentValidation: number;
  enrollments: Awaited<ReturnType<typeof enrollmentPath>>;
  enrollmentBytes: number;
  enrollmentCount: number;
};

async function measure(varianceRate: number): Promise<Measured> {
  setVariance(varianceRate);
  // Floor: fetching and JSON-parsing the same Source answer directly.
  const [floor, cold, warm] = await timedTogether(
    async () => JSON.parse(await (await get("/students/school", token.value)).text()),
    async () => pageStudents((await listSchoolStudents(client, school, {}, { refresh: true })).rows, firstPage),
    async () => pageStudents((await listSchoolStudents(client, school)).rows, firstPage),
  );
  // Where the cold time beyond the floor goes: validating the 3,000 student records on their own.
  const studentsText = await (await get("/students/school", token.value)).text();
  const [studentValidation] = await timedTogether(() => parseList(studentSchemaLenient, JSON.parse(studentsText) as unknown[]));
  const enrollmentsText = await (await get("/enrollments/school", tokenA.value)).text();
  const enrollments = await enrollmentPath(enrollmentsText);
  return {
    floor,
    cold,
    warm,
    studentValidation,
    enrollments,
    enrollmentBytes: enrollmentsText.length,
    enrollmentCount: (JSON.parse(enrollmentsText) as unknown[]).length,
  };
}

const plain = await measure(0);
const varied = await measure(VARIANCE_RATE);
setVariance(0);

// Licence coverage fan-out: 1,000 pupils, 25 ms per call at the Licentieregistratie, at most
// FANOUT_CONCURRENCY at once. The Licentieregistratie runs as its own process (`npm run sandbox`), as
// a real Source runs on its own machine: its work does not share the dashboard's event loop.
const sandboxPort = await new Promise<number>((resolve) => {
  const probe = createServer();
  probe.listen(0, "127.0.0.1", () => {
    const { port: free } = probe.address() as AddressInfo;
    probe.close(() => resolve(free));
  });
});
const sourceProcess = spawn("node_modules/.bin/tsx", ["sandbox/main.ts"], {
  env: {
    ...process.env,
    SANDBOX_PORT: String(sandboxPort),
    SANDBOX_IDP_PORT: "0",
    SANDBOX_SCALE: "bench",
    SANDBOX_CLIENT_JWKS_URI: jwksUri,
    SANDBOX_PUBLIC_URL: `http://127.0.0.1:${sandboxPort}`,
  },
  stdio: ["ignore", "pipe", "inherit"],
});
process.on("exit", () => sourceProcess.kill());
await new Promise<void>((resolve, reject) => {
  sourceProcess.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("sandbox (scale bench) listening") && resolve());
  sourceProcess.on("exit", (code) => reject(new Error(`sandbox process ended (${code})`)));
});
sourceProcess.stdout!.resume();
const lrBase = `http://127.0.0.1:${sandboxPort}`;
const admin = (path: string, init?: RequestInit) => fetch(`${lrBase}/_admin${path}`, init);
const setLatency = (ms: number) =>
  admin("/knobs", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ "lr-a": { latencyMs: ms } }) });
const fanOutConfig = parseSourcesConfig({
  client: { clientId: "leermiddelendashboard" },
  schools: config.schools,
  sources: [
    {
      id: "lr-a",
      name: "Licentieregistratie",
      kind: "licentieregistratie",
      baseUrl: `${lrBase}/lr-a/v1`,
      tokenEndpoint: `${lrBase}/lr-a/oauth2/token`,
      auth: { method: "private_key_jwt" },
      scopes: ["eduv.usage.dashboard"],
      apis: ["usage"],
      schools: ["meridiaan"],
      maxConcurrentCalls: FANOUT_CONCURRENCY,
    },
  ],
});
const fanOutClient = new EduvClient({ config: fanOutConfig, tokens: new TokenProvider({ signingKey: async () => key }) });
const fanOutPupils: CoveragePupil[] = sandbox.state
  .school("900B201")
  .data.pupils.slice(0, FANOUT_PUPILS)
  .map((p) => ({ key: String(p.index), current: true, user: { userMasterIdentifier: p.eck } }));
// Warm-up (token, connections, JIT) on a few pupils without latency; then the median of three runs.
await fanOut(fanOutClient, school, fanOutPupils.slice(0, 200), { refresh: true });
const fanOutRuns: number[] = [];
let fanOutStats = { calls: 0, maxInFlight: 0 };
for (let i = 0; i < 3; i++) {
  await admin("/reset", { method: "POST" });
  await setLatency(FANOUT_LATENCY_MS);
  fanOutRuns.push(await time(() => fanOut(fanOutClient, school, fanOutPupils, { refresh: true })));
  const seen = ((await (await admin("/stats")).json()) as Record<string, { calls: number; maxInFlight: number }>)["lr-a"]!;
  fanOutStats = { calls: seen.calls, maxInFlight: Math.max(fanOutStats.maxInFlight, seen.maxInFlight) };
}
const scanPupils = benchScanPupils(sandbox.state.school("900B201").data.pupils, SCAN_PUPILS);
const scanRuns: number[] = [];
for (let i = 0; i < 3; i++)
  scanRuns.push(
    await timeLicenceScan(fanOutClient, school, scanPupils, async () => {
      await admin("/reset", { method: "POST" });
      await setLatency(FANOUT_LATENCY_MS);
    }),
  );
sourceProcess.kill();
const scanWall = median(scanRuns);
const scanIdeal = (SCAN_PUPILS * FANOUT_LATENCY_MS) / FANOUT_CONCURRENCY;
const fanOutWall = median(fanOutRuns);
const fanOutIdeal = (FANOUT_PUPILS * FANOUT_LATENCY_MS) / FANOUT_CONCURRENCY;

const peakMb = process.resourceUsage().maxRSS / 1024;
const r = (x: number) => x.toFixed(2);
console.log(
  `bench (median of ${RUNS} runs; 3,000 students, ${plain.enrollmentCount} enrollments, ${(plain.enrollmentBytes / 1e6).toFixed(1)} MB)`,
);
for (const [label, m] of [
  ["variance off", plain],
  [`variance ${VARIANCE_RATE}`, varied],
] as const) {
  console.log(`  ${label}:`);
  console.log(`    students, cold first page / floor      ${r(m.cold / m.floor)}   (target <= 1.3)   [${m.floor.toFixed(0)} ms floor]`);
  console.log(
    `      of which validating the 3,000 records  ${m.studentValidation.toFixed(1)} ms (${r(m.studentValidation / m.floor)} of the floor)`,
  );
  console.log(`    students, warm first page / floor      ${r(m.warm / m.floor)}   (target <= 0.05)`);
  const e = m.enrollments;
  console.log(
    `    enrollments, parseList + rows / parse  ${r(e.path / e.parse)}   (target <= 1.2)   [${e.parse.toFixed(0)} ms JSON.parse, ${e.path.toFixed(0)} ms path]`,
  );
  console.log(
    `      of which garbage collection           ${e.parseGc.toFixed(0)} ms in JSON.parse, ${e.pathGc.toFixed(0)} ms in the path (medians)`,
  );
}
console.log(
  `  usage fan-out, wall / ideal             ${r(fanOutWall / fanOutIdeal)}   (target <= 1.2)   [${FANOUT_PUPILS} pupils x ${FANOUT_LATENCY_MS} ms / ${FANOUT_CONCURRENCY} = ${fanOutIdeal.toFixed(0)} ms; ${fanOutWall.toFixed(0)} ms; ${fanOutStats.calls} calls, at most ${fanOutStats.maxInFlight} at once]`,
);
console.log(
  `  licence scan, wall / ideal              ${r(scanWall / scanIdeal)}   (target <= 1.2)   [${SCAN_PUPILS} pupils x 1 registry x ${FANOUT_LATENCY_MS} ms / ${FANOUT_CONCURRENCY} = ${scanIdeal.toFixed(0)} ms; ${scanWall.toFixed(0)} ms, from start to the job's result]`,
);
console.log(`  peak memory (RSS)                      ${peakMb.toFixed(0)} MB`);
console.log("  note: cold/warm are measured at the BFF service (client, cache, paging), not through HTTP to Next.");
jwks.close();
process.exit(0);
