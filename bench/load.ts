// npm run bench:load (also the second part of npm run bench) – load on the BUILT dashboard with
// autocannon, all figures from one run: a bare route handler (GET /api/health) against a warm
// students page (POST /api/students) with 50 connections, then the students page with 200
// connections, and the server's memory before, at peak and a minute after. The servers run on free
// ports and a PGlite folder of their own (bench/load-servers.ts), so a test run is never disturbed.
// Settings: BENCH_LOAD_SECONDS (per measurement, default 15), BENCH_LOAD_SETTLE_SECONDS (default 60).
import { loadavg } from "node:os";
import autocannon, { type Result } from "autocannon";
import { rssMb, startServers } from "./load-servers";

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 15);
const SETTLE_SECONDS = Number(process.env.BENCH_LOAD_SETTLE_SECONDS ?? 60);
const TIMEOUT_SECONDS = 30;

const loadBefore = loadavg()[0]!;
const servers = await startServers();
const { base, cookie } = servers;
const STUDENTS = {
  method: "POST",
  headers: { cookie, "content-type": "application/json", "x-ldb-csrf": "1" },
  body: JSON.stringify({ sort: "familyName", dir: "asc", page: 1, pageSize: 50 }),
};

// Warm the list (the Source answer kept), and make sure we are signed in.
for (let i = 0; i < 3; i++) {
  const res = await fetch(`${base}/api/students`, STUDENTS);
  if (res.status !== 200) throw new Error(`warming call: ${res.status} (not signed in, or the sandbox did not answer)`);
  await res.arrayBuffer();
}

// Memory: sampled all along, so the peak is seen.
const pid = servers.pid();
const rss = { start: rssMb(pid), peak: rssMb(pid), after: NaN };
const sampler = setInterval(() => (rss.peak = Math.max(rss.peak, rssMb(pid))), 200);

type Measured = { result: Result; times: number[]; retryAfterMissing: Record<string, number> };

/** One autocannon run; every response time kept (autocannon's own summary has no p95). */
async function load(path: string, connections: number, init?: typeof STUDENTS): Promise<Measured> {
  const times: number[] = [];
  const retryAfterMissing: Record<string, number> = {};
  const check = (status: number, _body: string, _ctx: object, headers: Record<string, string>) => {
    if ((status === 429 || status === 503) && !headers["retry-after"]) retryAfterMissing[status] = (retryAfterMissing[status] ?? 0) + 1;
  };
  const run = autocannon({
    url: base + path,
    connections,
    duration: SECONDS,
    timeout: TIMEOUT_SECONDS,
    requests: [{ ...init, onResponse: check }],
  });
  run.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  const result = await run;
  return { result, times: times.sort((a, b) => a - b), retryAfterMissing };
}

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
const rps = (m: Measured) => m.result.requests.total / m.result.duration;

// The bare handler and the list in turn, twice, so drift on the machine falls on both alike.
const bare: Measured[] = [];
const list: Measured[] = [];
for (let round = 0; round < 2; round++) {
  bare.push(await load("/api/health", 50));
  list.push(await load("/api/students", 50, STUDENTS));
}
const heavy = await load("/api/students", 200, STUDENTS);
const loadDuring = loadavg()[0]!;

// One minute after: does the server give its memory back?
await new Promise((r) => setTimeout(r, SETTLE_SECONDS * 1000));
rss.after = rssMb(pid);
clearInterval(sampler);
servers.stop();

const meanRps = (ms: Measured[]) => ms.reduce((s, m) => s + m.result.requests.total, 0) / ms.reduce((s, m) => s + m.result.duration, 0);
const bareRps = meanRps(bare);
const listRps = meanRps(list);
const listTimes = list.flatMap((m) => m.times).sort((a, b) => a - b);
const ratio = listRps / bareRps;
const statuses = (m: Measured) =>
  Object.entries(m.result.statusCodeStats)
    .map(([code, s]) => `${code}: ${s.count}`)
    .join(", ");
const bad = Object.keys(heavy.result.statusCodeStats).filter((c) => !c.startsWith("2") && c !== "429" && c !== "503");
const missing = Object.entries(heavy.retryAfterMissing).map(([c, n]) => `${n} × ${c} without Retry-After`);
const heavyOk = bad.length === 0 && missing.length === 0 && heavy.result.errors === 0 && heavy.result.timeouts === 0;
const p99 = pct(heavy.times, 99);
const rssOk = rss.after <= rss.start * 1.25;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const mb = (x: number) => `${x.toFixed(0)} MB`;
const verdict = (ok: boolean) => (ok ? "met" : "NOT MET");

console.log(
  `load (autocannon, ${SECONDS} s per run, built server, 1-minute load average ${loadBefore.toFixed(1)} before, ${loadDuring.toFixed(1)} during)`,
);
console.table({
  "bare handler, 50 conn": {
    "req/s": bareRps.toFixed(0),
    p50: ms(
      pct(
        bare.flatMap((m) => m.times).sort((a, b) => a - b),
        50,
      ),
    ),
    p95: "",
    p99: "",
    max: "",
    statuses: bare.map(statuses).join(" | "),
  },
  "warm students, 50 conn": {
    "req/s": listRps.toFixed(0),
    p50: ms(pct(listTimes, 50)),
    p95: ms(pct(listTimes, 95)),
    p99: ms(pct(listTimes, 99)),
    max: ms(listTimes.at(-1) ?? NaN),
    statuses: list.map(statuses).join(" | "),
  },
  "warm students, 200 conn": {
    "req/s": rps(heavy).toFixed(0),
    p50: ms(pct(heavy.times, 50)),
    p95: ms(pct(heavy.times, 95)),
    p99: ms(p99),
    max: ms(heavy.times.at(-1) ?? NaN),
    statuses: statuses(heavy),
  },
});
console.log(`  students / bare handler req/s            ${ratio.toFixed(2)} ×   (target ≥ 0.5 ×)   ${verdict(ratio >= 0.5)}`);
console.log(`  200 connections: p99                     ${ms(p99)}   (target ≤ 1000 ms)   ${verdict(p99 <= 1000)}`);
console.log(
  `  200 connections: errors                  ${heavy.result.errors} connection errors, ${heavy.result.timeouts} timeouts, other statuses: ${bad.join(", ") || "none"}${missing.length ? `, ${missing.join(", ")}` : ""}   (only 429/503 with Retry-After)   ${verdict(heavyOk)}`,
);
console.log(
  `  RSS of next-server                       ${mb(rss.start)} before, ${mb(rss.peak)} at peak, ${mb(rss.after)} ${SETTLE_SECONDS} s after (${((rss.after / rss.start - 1) * 100).toFixed(0)} %)   (target within 25 %)   ${verdict(rssOk)}`,
);
process.exit(0);
