#!/usr/bin/env node
// The quick loop: `npm run test:quick [-- e2e/students.spec.ts …]`. Checks what changed, in seconds
// to a few minutes; `npm test` stays the whole truth (full property counts, every file, the build,
// every e2e file, the first run).
//   - type check: `tsc --noEmit` (incremental), with `next typegen` first only when .next/types is
//     missing or older than app/'s folders or next.config.ts (its inputs: which pages and routes exist);
//   - ESLint on the changed code files only, and `vitest related` on them (the tests that import them,
//     and changed tests themselves), beside the type check;
//   - the e2e files named on the command line, after `next build` when .next/BUILD_ID is missing or
//     older than any build input in the work tree (uncommitted edits count, unlike the demo's rule).
// Changed = since the merge-base with origin/main (else HEAD): committed, staged, unstaged, untracked.
// Property tests run FC_NUM_RUNS=20 cases (unless set). CI is set as in `npm test`: a `.only` fails
// and Playwright starts its own servers rather than testing whatever listens on :3000.
// Ends like `npm test`: a table of where the time went, then `checks: …` and `tests: …`.
import { mkdirSync, rmSync } from "node:fs";
import { changeBase, changedFiles, foldersUnder, isBuildInput, mtimeOf, newestMtime, realGit, stale } from "./changed.mjs";
import { createTally, run, runGroup, runPlaywright, runVitest } from "./test-steps.mjs";
import { createTimings, timingReport } from "./timing.mjs";

const timings = createTimings();
const env = { ...process.env, CI: process.env.CI || "1", NEXT_TELEMETRY_DISABLED: "1", FC_NUM_RUNS: process.env.FC_NUM_RUNS || "20" };
const { check, add, summary, failed } = createTally();
const e2eFiles = process.argv.slice(2);
const reports = process.env.TEST_REPORTS_DIR || "reports/quick";
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const reportFiles = {
  vitest: { runner: "vitest related", kind: "vitest", file: `${reports}/vitest.json` },
  playwright: { runner: "playwright", kind: "playwright", file: `${reports}/playwright.json` },
};

const base = changeBase();
const changed = changedFiles(base.ref);
console.log(`Changed since ${base.label}: ${changed.length ? changed.join(", ") : "no code file"}`);

function typecheck() {
  const inputs = [...foldersUnder("app"), "next.config.ts"].map(mtimeOf).filter((m) => m !== undefined);
  const typegen = stale(mtimeOf(".next/types/routes.d.ts"), Math.max(0, ...inputs));
  return runGroup([...(typegen ? [["next", ["typegen"]]] : []), ["tsc", ["--noEmit"]]], { env });
}

/** ESLint then `vitest related` on the changed files: one after the other, so with tsc they keep two cores busy. */
async function lintAndRelated() {
  if (!changed.length) return { lint: 0 };
  const lint = await timings.time("lint (changed files)", () =>
    runGroup([["eslint", ["--max-warnings=0", "--no-warn-ignored", ...changed]]], { env }),
  );
  const vitest = await timings.time("vitest related", () =>
    runVitest({
      command: ["related"],
      args: [...changed, "--run", "--passWithNoTests"],
      env,
      reportFile: reportFiles.vitest.file,
      name: "vitest related",
      buffer: true,
    }),
  );
  return { lint, vitest };
}

const [typed, { lint, vitest }] = await Promise.all([timings.time("typecheck", typecheck), lintAndRelated()]);
check("typecheck", typed === 0);
if (changed.length) {
  check("lint (changed files)", lint === 0);
  // No test imports the changed files: nothing to run, not a failure here (unlike in `npm test`).
  const none = (p) => p === "vitest related: ran no test" || p === "vitest related: no report written";
  const onlyNone = vitest.problems.length > 0 && vitest.problems.every(none);
  if (onlyNone) console.log("vitest related: no test file imports the changed files");
  add("vitest related", onlyNone ? { ...vitest, problems: [] } : vitest);
}

if (e2eFiles.length) {
  const sources = (realGit(["ls-files", "--cached", "--others", "--exclude-standard", "-z"]) ?? "")
    .split("\0")
    .filter((f) => f && isBuildInput(f));
  const mustBuild = stale(mtimeOf(".next/BUILD_ID"), newestMtime(sources));
  const built =
    !mustBuild ||
    check("next build", await timings.time("build", async () => (await run("node", ["scripts/next-build.mjs"], { env })).code === 0));
  if (!mustBuild) console.log("\n.next is newer than every build input: no build");
  if (built)
    add(
      "playwright",
      await timings.time("playwright", () => runPlaywright({ args: e2eFiles, env, reportFile: reportFiles.playwright.file })),
    );
  else check("playwright (not run: build failed)", false);
}

console.log("");
for (const line of timingReport({ timings, reports: Object.values(reportFiles), root: process.cwd(), outFile: `${reports}/timings.json` }))
  console.log(line);
for (const line of summary()) console.log(line);
process.exit(failed() ? 1 : 0);
