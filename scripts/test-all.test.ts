import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
// @ts-expect-error a plain ES module of the test command, without types
import { createTally, playwrightCount, playwrightErrors, verdict, vitestCount } from "./test-steps.mjs";

const root = path.resolve(import.meta.dirname, "..");
const dir = mkdtempSync(path.join(tmpdir(), "ldb-test-all-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The README's test command (`npm test` runs this script) on one planted vitest file, as a child process. */
function npmTestOn(planted: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEST_ONLY: "vitest",
    PLANTED: planted,
    TEST_REPORTS_DIR: path.join(dir, planted),
    PATH: `${path.join(root, "node_modules/.bin")}${path.delimiter}${process.env.PATH}`,
  };
  delete env.CI; // the command sets it itself
  delete env.VITEST;
  delete env.VITEST_WORKER_ID;
  delete env.VITEST_POOL_ID;
  delete env.TEST;
  const r = spawnSync(process.execPath, ["scripts/test-all.mjs", "--config", "scripts/fixtures/planted/vitest.config.mjs"], {
    cwd: root,
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  const out = `${r.stdout}${r.stderr}`;
  return { status: r.status, out, summary: out.match(/^tests: .*$/m)?.[0], checks: out.match(/^checks: .*$/m)?.[0] };
}

describe("npm test fails a run whose tests all pass but that is not sound", () => {
  it("a planted unhandled rejection: vitest's report counts no failed test, the command still fails and says why", () => {
    const r = npmTestOn("unhandled-rejection");
    expect(r.summary).toBe("tests: 1 passed, 0 failed");
    expect(r.checks).toBe("checks: 0 passed, 1 failed");
    expect(r.out).toContain("vitest: exited with code 1 although its report names no failed test");
    expect(r.status).toBe(1);
  }, 150_000);

  it("an expect failing in a callback after its test passed fails the command", () => {
    const r = npmTestOn("expect-in-callback");
    expect(r.out).toContain("in the callback");
    expect(r.status).toBe(1);
  }, 150_000);

  it("a .only left in a file fails the command (CI is set for the runners)", () => {
    // Written here, not committed: the repository itself must hold no focused test.
    const file = path.join(root, "scripts/fixtures/planted/focused.planted.mjs");
    const focus = ["it", "only"].join(".");
    writeFileSync(
      file,
      `import { expect, it } from "vitest";\n${focus}("passes", () => expect(1).toBe(1));\nit("hidden by the focus", () => expect(2).toBe(2));\n`,
    );
    try {
      const r = npmTestOn("focused");
      expect(r.out).toContain(`Unexpected .only modifier`);
      expect(r.status).toBe(1);
    } finally {
      rmSync(file, { force: true });
    }
  }, 150_000);

  it("a sound run passes and counts its tests only", () => {
    const r = npmTestOn("passing");
    expect([r.status, r.summary, r.checks]).toEqual([0, "tests: 1 passed, 0 failed", "checks: 0 passed, 0 failed"]);
  }, 150_000);

  it("the table of where the time went comes just before the two summary lines, which stay last; also in timings.json", () => {
    const r = npmTestOn("passing");
    const lines = r.out.trimEnd().split("\n");
    expect(lines.slice(-2)).toEqual(["checks: 0 passed, 0 failed", "tests: 1 passed, 0 failed"]);
    const table = lines.indexOf(lines.find((l) => l.startsWith("Where the time went: "))!);
    expect(lines.slice(table, -2).join("\n")).toMatch(
      /^Where the time went: .*\n.*\n {2}vitest .*\nSlowest test files \(of vitest\):\n .* vitest {2}scripts\/fixtures\/planted\/passing\.planted\.mjs$/,
    );
    const timings = JSON.parse(readFileSync(path.join(dir, "passing", "timings.json"), "utf8"));
    expect(timings.steps.map((s: { name: string }) => s.name)).toEqual(["vitest"]);
    expect(timings.files).toEqual([expect.objectContaining({ runner: "vitest", file: "scripts/fixtures/planted/passing.planted.mjs" })]);
  }, 150_000);
});

describe("the verdict on a runner's exit code and report", () => {
  const report = (name: string, body: unknown) => {
    const file = path.join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(body));
    return file;
  };
  const pw = (stats: object, errors: unknown[] = []) => ({ stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0, ...stats }, errors });

  it("Playwright: an error outside any test (config, global set-up) fails even with its tests passed", () => {
    const v = verdict(
      "playwright",
      1,
      report("pw-errors", pw({ expected: 3 }, [{ message: "Error: webServer exited early" }])),
      playwrightCount,
      playwrightErrors,
    );
    expect(v).toMatchObject({ passed: 3, failed: 0, problems: ["playwright: 1 error(s) outside any test"] });
  });

  it("Playwright: a non-zero exit code with a clean report is a problem; flaky tests count as passed", () => {
    const v = verdict("playwright", 1, report("pw-exit", pw({ expected: 2, flaky: 1 })), playwrightCount, playwrightErrors);
    expect(v.passed).toBe(3);
    expect(v.problems).toEqual(["playwright: exited with code 1 although its report names no failed test (an unhandled error?)"]);
  });

  it("no report, an unreadable report and a run without tests are each a problem", () => {
    expect(verdict("vitest", 0, path.join(dir, "missing.json"), vitestCount).problems).toEqual(["vitest: no report written"]);
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, "{");
    expect(verdict("vitest", 1, bad, vitestCount).problems[0]).toMatch(/^vitest: report unreadable/);
    expect(verdict("vitest", 0, report("empty", { numPassedTests: 0, numFailedTests: 0, testResults: [] }), vitestCount).problems).toEqual([
      "vitest: ran no test",
    ]);
  });

  it("vitest: a file that failed to load counts as one failed test; failed tests explain a non-zero exit code", () => {
    const body = {
      numPassedTests: 4,
      numFailedTests: 1,
      numPendingTests: 1,
      numTodoTests: 0,
      testResults: [
        { name: `${process.cwd()}/lib/a.test.ts`, status: "failed", assertionResults: [] },
        { name: `${process.cwd()}/lib/b.test.ts`, status: "failed", assertionResults: [{ status: "failed", fullName: "b > breaks" }] },
      ],
    };
    expect(verdict("vitest", 1, report("vitest-files", body), vitestCount)).toEqual({
      passed: 4,
      failed: 2,
      skipped: 1,
      problems: [],
      failedTests: ["lib/a.test.ts (did not load)", "lib/b.test.ts › b > breaks"],
    });
  });

  it("the closing line names the failed tests, since CI shows only the end of the output", () => {
    const tally = createTally();
    const body = {
      stats: { expected: 1, unexpected: 1, flaky: 0, skipped: 0 },
      suites: [
        { file: "x.spec.ts", specs: [], suites: [{ specs: [{ file: "x.spec.ts", title: "opens", tests: [{ status: "unexpected" }] }] }] },
      ],
      errors: [],
    };
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    tally.add("playwright", verdict("playwright", 1, report("pw-named", body), playwrightCount, playwrightErrors));
    log.mockRestore();
    expect(tally.summary()[0]).toBe("\nFailed: playwright: 1 failed (x.spec.ts › opens)");
  });
});
