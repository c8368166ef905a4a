// Lighthouse (the npm package, on Debian's Chromium), mobile preset, on every page signed in, against
// the built dashboard and the sandbox on ports of their own (bench/load-servers.ts). Prints per page
// performance, accessibility and best practices against issue 23's budget (98, 100, 100) and the
// total blocking time. `npm run bench:lighthouse`; part of `npm run bench`.
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import { startServers } from "./load-servers";

const ALL_PAGES = [
  "/",
  "/leerlingen",
  "/inschrijvingen",
  "/medewerkers",
  "/licentiegebruik",
  "/toestemming",
  "/datakwaliteit",
  "/bronnen",
  "/toegangslog",
];
// LH_PAGES=/,/leerlingen: only these (while working on one page); every page by default.
const PAGES = process.env.LH_PAGES ? ALL_PAGES.filter((p) => process.env.LH_PAGES!.split(",").includes(p)) : ALL_PAGES;
const TARGET = { performance: 98, accessibility: 100, "best-practices": 100 } as const;

// One staff member with every role at Meridiaan College, so every page opens.
const servers = await startServers({ roles: ["schooladmin", "support", "consent", "auditor"] });
const chrome = await launch({
  chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
});
const rows: string[] = [];
const details: string[] = [];
// Lighthouse's own measure of this machine's CPU (lhr.environment.benchmarkIndex): its mobile preset
// slows the CPU 4× and assumes a host of about 1,500 or more; a lower index means a slower device is emulated.
const benchmarkIndexes: number[] = [];

type Lhr = { audits: Record<string, { details?: { items?: Array<Record<string, unknown>> } } | undefined> };
/** LH_DETAILS=1: per page, the main thread's work by kind and the longest tasks (what total blocking time is made of). */
function whereTheTimeWent(lhr: Lhr): string {
  const items = (id: string) => lhr.audits[id]?.details?.items ?? [];
  const work = items("mainthread-work-breakdown")
    .slice(0, 4)
    .map((i) => `${String(i.groupLabel)} ${Math.round(Number(i.duration))} ms`);
  const tasks = items("long-tasks")
    .slice(0, 4)
    .map((i) => `${Math.round(Number(i.duration))} ms (${String(i.url).split("/").pop()})`);
  const ms = (id: string) => `${Math.round(Number((lhr.audits[id] as { numericValue?: number } | undefined)?.numericValue ?? NaN))} ms`;
  const metrics = `FCP ${ms("first-contentful-paint")}, LCP ${ms("largest-contentful-paint")}, SI ${ms("speed-index")}, TBT ${ms("total-blocking-time")}`;
  // The element whose paint is the LCP (as Lighthouse names it) and the LCP's subparts (Lighthouse 13's lcp-breakdown-insight: a table, then the node).
  const lcpParts = items("lcp-breakdown-insight") as Array<{ type?: string; items?: Array<Record<string, unknown>>; selector?: string }>;
  const node = lcpParts.find((p) => p.type === "node");
  const parts = (lcpParts.find((p) => p.type === "table")?.items ?? []).map(
    (i) => `${String(i.subpart)} ${Math.round(Number(i.duration))} ms`,
  );
  const lcp = node?.selector ? `; LCP element ${node.selector} (${parts.join(", ")})` : "";
  return `${metrics}${lcp}; work: ${work.join(", ")}; longest tasks: ${tasks.join(", ") || "none"}`;
}
let missed = 0;
try {
  // One visit first, so the server's first compile of each route is not what is measured.
  for (const page of PAGES) await fetch(`${servers.base}${page}`, { headers: { cookie: servers.cookie } });
  const audit = (page: string) =>
    lighthouse(`${servers.base}${page}`, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: Object.keys(TARGET),
      extraHeaders: { Cookie: servers.cookie },
    });
  // One run thrown away: a fresh Chrome's first trace often fails (NO_NAVSTART) or runs cold.
  await audit(PAGES[0]!);
  for (const page of PAGES) {
    let result = await audit(page);
    // A trace Chrome failed to record (NO_NAVSTART, now and then on any page): measured once more.
    if (result?.lhr.runtimeError?.code === "NO_NAVSTART") result = await audit(page);
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`lighthouse gave no result for ${page}`);
    if (lhr.finalDisplayedUrl && new URL(lhr.finalDisplayedUrl).pathname !== page)
      throw new Error(`${page} ended at ${lhr.finalDisplayedUrl}: not signed in?`);
    // A run Lighthouse could not finish (no first paint in time, a page error) says why instead of a bare 0.
    if (lhr.runtimeError)
      rows.push(`  ${page.padEnd(18)} not measured: ${lhr.runtimeError.code} ${lhr.runtimeError.message ?? ""}`.trimEnd());
    if (lhr.environment?.benchmarkIndex) benchmarkIndexes.push(lhr.environment.benchmarkIndex);
    const score = (c: keyof typeof TARGET) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
    const tbt = Math.round(Number(lhr.audits["total-blocking-time"]?.numericValue ?? NaN));
    const met = (Object.keys(TARGET) as Array<keyof typeof TARGET>).every((c) => score(c) >= TARGET[c]);
    // What an accessibility or best-practices score below 100 is made of: the failing audits by id.
    const failing = (["accessibility", "best-practices"] as const).flatMap((c) =>
      (lhr.categories[c]?.auditRefs ?? []).filter((r) => r.weight > 0 && (lhr.audits[r.id]?.score ?? 1) < 1).map((r) => r.id),
    );
    if (!met) missed++;
    if (process.env.LH_DETAILS === "1") details.push(`  ${page}: ${whereTheTimeWent(lhr as unknown as Lhr)}`);
    rows.push(
      `  ${page.padEnd(18)} ${String(score("performance")).padStart(4)} ${String(score("accessibility")).padStart(6)} ${String(score("best-practices")).padStart(6)}   ${String(tbt).padStart(5)} ms   ${met ? "met" : "MISSED"}${failing.length ? `   (${failing.join(", ")})` : ""}`,
    );
  }
} finally {
  await chrome.kill();
  servers.stop();
}
console.log(
  `Lighthouse, mobile preset (${new Date().toISOString().slice(0, 10)}; target performance ≥ ${TARGET.performance}, accessibility ${TARGET.accessibility}, best practices ${TARGET["best-practices"]}):`,
);
const sortedIndexes = [...benchmarkIndexes].sort((a, b) => a - b);
if (sortedIndexes.length)
  console.log(
    `  this machine's Lighthouse benchmark index: ${Math.round(sortedIndexes[Math.floor(sortedIndexes.length / 2)]!)} (median; the 4× mobile preset assumes ≈ 1,500 or more)`,
  );
console.log("  page                perf   a11y     bp   blocking");
for (const r of rows) console.log(r);
console.log(`${PAGES.length - missed} of ${PAGES.length} pages meet the target`);
if (details.length) console.log(`where the main thread's time went (LH_DETAILS=1):\n${details.join("\n")}`);
process.exit(0);
