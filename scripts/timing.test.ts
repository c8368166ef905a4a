import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error a plain ES module of the test command, without types
import { createTimings, formatSeconds, playwrightFileTimes, slowestFiles, timingReport, timingTable, vitestFileTimes } from "./timing.mjs";
// @ts-expect-error a plain ES module of the test command, without types
import { createTally } from "./test-steps.mjs";

const root = "/repo";
const dir = mkdtempSync(path.join(tmpdir(), "ldb-timing-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Shaped like vitest 4's JSON report: one entry per test file, absolute names, times in ms.
const vitestReport = {
  numPassedTests: 3,
  testResults: [
    { name: "/repo/lib/api/fuzz-routes.test.ts", startTime: 1_000, endTime: 95_345, status: "passed", assertionResults: [] },
    { name: "/repo/lib/csv.test.ts", startTime: 2_000, endTime: 2_003.5, status: "passed", assertionResults: [] },
    { name: "/repo/lib/broken.test.ts", status: "failed", assertionResults: [] }, // failed to load: no times
  ],
};

// Shaped like Playwright's JSON report: files relative to config.rootDir, describe blocks as nested suites.
const playwrightReport = {
  config: { rootDir: "/repo/e2e" },
  suites: [
    {
      title: "students.spec.ts",
      file: "students.spec.ts",
      specs: [{ title: "lists", file: "students.spec.ts", tests: [{ results: [{ duration: 4_000 }] }] }],
      suites: [
        {
          title: "filters",
          file: "students.spec.ts",
          specs: [{ title: "by group", file: "students.spec.ts", tests: [{ results: [{ duration: 1_500 }, { duration: 2_500 }] }] }],
        },
      ],
    },
    { title: "consent.spec.ts", file: "consent.spec.ts", specs: [{ title: "skipped", file: "consent.spec.ts", tests: [{ results: [] }] }] },
  ],
};

describe("the slowest test files, from the runners' reports", () => {
  it("vitest: each file's end minus start, relative to the root; a file without times is left out", () => {
    expect(vitestFileTimes(vitestReport, root)).toEqual([
      { file: "lib/api/fuzz-routes.test.ts", seconds: 94.345 },
      { file: "lib/csv.test.ts", seconds: 0.0035 },
    ]);
  });

  it("Playwright: per file the sum of every result's duration, nested suites and retries included", () => {
    expect(playwrightFileTimes(playwrightReport, root)).toEqual([
      { file: "e2e/students.spec.ts", seconds: 8 },
      { file: "e2e/consent.spec.ts", seconds: 0 },
    ]);
  });

  it("the ten slowest over all runners, slowest first", () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ file: `lib/f${i}.test.ts`, seconds: i }));
    const top = slowestFiles({ vitest: many, playwright: playwrightFileTimes(playwrightReport, root) });
    expect(top).toHaveLength(10);
    expect(top[0]).toEqual({ runner: "vitest", file: "lib/f11.test.ts", seconds: 11 });
    expect(top.map((f: { file: string }) => f.file)).toContain("e2e/students.spec.ts");
    expect(top.map((f: { file: string }) => f.file)).not.toContain("lib/f1.test.ts");
  });

  it("missing reports give no rows and no crash", () => {
    expect(vitestFileTimes(undefined, root)).toEqual([]);
    expect(playwrightFileTimes({}, root)).toEqual([]);
  });
});

describe("the table of where the time went", () => {
  const steps = [
    { name: "vitest", start: 30, seconds: 330 },
    { name: "typecheck", start: 2, seconds: 25 },
    { name: "lint", start: 2, seconds: 18 },
    { name: "first run: npm install", start: 3, seconds: 80, note: "(background)" },
  ];
  const lines: string[] = timingTable({ wall: 400, steps, files: slowestFiles({ vitest: vitestFileTimes(vitestReport, root) }) }, 40);

  it("lists the steps in the order they started, with start, length and a bar where each ran", () => {
    expect(lines[0]).toBe("Where the time went: 6m 40s wall");
    const rows = lines.slice(2, 6);
    expect(rows.map((l) => l.trim().split(/\s+/)[0])).toEqual(["typecheck", "lint", "first", "vitest"]);
    expect(rows[0]).toMatch(/^ {2}typecheck\s+2\.0 s\s+25\.0 s {2}\|█{3} {37}\|$/);
    expect(rows[3]).toMatch(/vitest\s+30\.0 s\s+5m 30s {2}\| {3}█{33} {4}\|$/);
    expect(rows[2]).toMatch(/\(background\)$/);
  });

  it("then the slowest files, and never a line the closing summary could be mistaken for", () => {
    expect(lines.slice(6)).toEqual([
      "Slowest test files (of vitest):",
      "   1m 34s  vitest  lib/api/fuzz-routes.test.ts",
      "    0.0 s  vitest  lib/csv.test.ts",
    ]);
    expect(lines.some((l) => /^(checks|tests): /.test(l))).toBe(false);
  });

  it("formats seconds as seconds under a minute, minutes and seconds above", () => {
    expect([formatSeconds(0.04), formatSeconds(59.94), formatSeconds(60), formatSeconds(1385.6)]).toEqual([
      "0.0 s",
      "59.9 s",
      "1m 00s",
      "23m 06s",
    ]);
  });

  it("timingReport reads the reports it is given, writes timings.json and returns the table", async () => {
    const file = path.join(dir, "vitest.json");
    writeFileSync(file, JSON.stringify(vitestReport));
    const timings = createTimings(Date.now() - 5_000);
    await timings.time("vitest", async () => undefined);
    const out = path.join(dir, "timings.json");
    const table: string[] = timingReport({
      timings,
      reports: [
        { runner: "vitest", kind: "vitest", file },
        { runner: "playwright", kind: "playwright", file: path.join(dir, "none.json") },
      ],
      root: "/repo",
      outFile: out,
    });
    const written = JSON.parse(readFileSync(out, "utf8"));
    expect(written.steps).toEqual([expect.objectContaining({ name: "vitest" })]);
    expect(written.files[0]).toEqual({ runner: "vitest", file: "lib/api/fuzz-routes.test.ts", seconds: 94.345 });
    expect(written.wall).toBeGreaterThanOrEqual(5);
    expect(table.at(-1)).toBe("    0.0 s  vitest  lib/csv.test.ts");
  });
});

describe("the closing lines", () => {
  it("the two counts are the last two lines; failures come before them", () => {
    const t = createTally();
    const log = console.log;
    console.log = () => undefined;
    try {
      t.check("typecheck", true);
      t.check("lint", false);
      t.add("vitest", { passed: 5, failed: 1, skipped: 2, problems: ["vitest: 1 error(s) outside any test"] });
    } finally {
      console.log = log;
    }
    expect(t.summary()).toEqual([
      "\nFailed: lint, vitest: 1 failed, vitest: 1 error(s) outside any test",
      "checks: 1 passed, 2 failed",
      "tests: 5 passed, 1 failed, 2 skipped",
    ]);
    expect(t.failed()).toBe(true);
  });
});
