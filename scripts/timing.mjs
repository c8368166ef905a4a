// Where a test command's time goes: the wall time of each step (steps may overlap, so each has its
// start as well as its length) and the slowest test files, read from the runners' own JSON reports.
// Printed at the end of `npm test` and `npm run test:quick`, and written to reports/timings.json.
// Everything here except createTimings' clock and readJson is pure: scripts/timing.test.ts feeds it
// sample reports.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** A clock for one command: `record` a step that ran, or `time` an async step. Offsets are from `t0`. */
export function createTimings(t0 = Date.now()) {
  const steps = [];
  const record = (name, start, end = Date.now(), note) => {
    steps.push({ name, start: (start - t0) / 1000, seconds: (end - start) / 1000, ...(note ? { note } : {}) });
  };
  const time = async (name, fn, note) => {
    const start = Date.now();
    try {
      return await fn();
    } finally {
      record(name, start, Date.now(), note);
    }
  };
  return { t0, steps, record, time, wall: () => (Date.now() - t0) / 1000 };
}

/** A file's path relative to the project root, whatever the report gave (absolute or relative to `base`). */
function relativeTo(root, base, file) {
  return path.relative(root, path.resolve(base ?? root, file));
}

/** vitest's JSON report: each test file's own start and end time. */
export function vitestFileTimes(report, root) {
  return (report?.testResults ?? [])
    .filter((f) => typeof f.startTime === "number" && typeof f.endTime === "number")
    .map((f) => ({ file: relativeTo(root, root, f.name), seconds: Math.max(0, f.endTime - f.startTime) / 1000 }));
}

/**
 * Playwright's JSON report: per spec file, the sum of its tests' result durations (every attempt,
 * so a retried test counts twice, as it cost twice). Files are relative to config.rootDir.
 */
export function playwrightFileTimes(report, root) {
  const ms = new Map();
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      const file = spec.file ?? suite.file;
      const took = (spec.tests ?? []).flatMap((t) => t.results ?? []).reduce((sum, r) => sum + (r.duration ?? 0), 0);
      ms.set(file, (ms.get(file) ?? 0) + took);
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report?.suites ?? []) visit(suite);
  return [...ms]
    .filter(([file]) => file)
    .map(([file, took]) => ({ file: relativeTo(root, report.config?.rootDir, file), seconds: took / 1000 }));
}

/** The `n` slowest files over several runners' lists: [{ runner, file, seconds }], slowest first. */
export function slowestFiles(byRunner, n = 10) {
  return Object.entries(byRunner)
    .flatMap(([runner, files]) => files.map((f) => ({ runner, ...f })))
    .sort((a, b) => b.seconds - a.seconds || a.file.localeCompare(b.file))
    .slice(0, n);
}

/** "42.0 s" under a minute, "3m 07s" above. */
export function formatSeconds(s) {
  if (s < 60) return `${s.toFixed(1)} s`;
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, "0")}s`;
}

/** A bar of `width` cells showing where in the wall time a step ran: overlapping steps show at a glance. */
function bar(start, seconds, wall, width) {
  if (!(wall > 0)) return "";
  const from = Math.min(width - 1, Math.floor((start / wall) * width));
  const to = Math.max(from + 1, Math.min(width, Math.round(((start + seconds) / wall) * width)));
  return `${" ".repeat(from)}${"█".repeat(to - from)}${" ".repeat(width - to)}`;
}

/** The table's lines: steps in start order with start, length and a timeline bar, then the slowest files. */
export function timingTable({ wall, steps, files }, width = 30) {
  const nameWidth = Math.max(4, ...steps.map((s) => s.name.length));
  const lines = [`Where the time went: ${formatSeconds(wall)} wall`];
  lines.push(`  ${"step".padEnd(nameWidth)}  ${"start".padStart(7)}  ${"took".padStart(7)}  |${" ".repeat(width)}|`);
  for (const s of [...steps].sort((a, b) => a.start - b.start)) {
    lines.push(
      `  ${s.name.padEnd(nameWidth)}  ${formatSeconds(s.start).padStart(7)}  ${formatSeconds(s.seconds).padStart(7)}  |${bar(s.start, s.seconds, wall, width)}|${s.note ? ` ${s.note}` : ""}`,
    );
  }
  if (files.length) {
    const runnerWidth = Math.max(...files.map((f) => f.runner.length));
    lines.push(`Slowest test files (of ${[...new Set(files.map((f) => f.runner))].join(", ")}):`);
    for (const f of files) lines.push(`  ${formatSeconds(f.seconds).padStart(7)}  ${f.runner.padEnd(runnerWidth)}  ${f.file}`);
  }
  return lines;
}

/** A report as JSON, or undefined when missing or unreadable (the verdict already says so). */
export function readJson(file) {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/**
 * The end of a command: reads the runners' reports ([{ runner, kind: "vitest" | "playwright", file }]),
 * writes steps and slowest files to `outFile` and returns the table's lines.
 */
export function timingReport({ timings, reports, root, outFile }) {
  const byRunner = {};
  for (const { runner, kind, file } of reports) {
    const report = readJson(file);
    if (report) byRunner[runner] = (kind === "vitest" ? vitestFileTimes : playwrightFileTimes)(report, root);
  }
  const data = { wall: timings.wall(), steps: timings.steps, files: slowestFiles(byRunner) };
  try {
    writeFileSync(outFile, `${JSON.stringify(data, null, 2)}\n`);
  } catch (err) {
    console.log(`timings not written to ${outFile}: ${err.message}`);
  }
  return timingTable(data);
}
