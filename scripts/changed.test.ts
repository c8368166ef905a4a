import { describe, expect, it } from "vitest";
// @ts-expect-error a plain ES module of the test command, without types
import { changeBase, changedFiles, isBuildInput, isCode, newestMtime, stale } from "./changed.mjs";
// @ts-expect-error a plain ES module of the test command, without types
import { buildEnvProblem, sameInstalledTree } from "./first-run.mjs";

/** A fake git: answers by its arguments joined with spaces; undefined (git failed) for anything else. */
const fakeGit = (answers: Record<string, string>) => (args: string[]) => answers[args.join(" ")];

describe("what the quick loop counts as changed", () => {
  it("the base: the merge-base with origin/main when there is one, else HEAD; TEST_QUICK_BASE wins", () => {
    const withOrigin = fakeGit({ "rev-parse --verify --quiet origin/main": "abc\n", "merge-base HEAD origin/main": "1234567890\n" });
    expect(changeBase(withOrigin, {})).toEqual({ ref: "1234567890", label: "merge-base with origin/main (1234567)" });
    expect(changeBase(fakeGit({}), {})).toEqual({ ref: "HEAD", label: "HEAD" });
    expect(changeBase(withOrigin, { TEST_QUICK_BASE: "v1.0" })).toEqual({ ref: "v1.0", label: "v1.0" });
  });

  it("committed, staged and unstaged (one diff against the work tree) plus untracked; code only, deleted files out, sorted once", () => {
    const git = fakeGit({
      "diff --name-only -z --no-renames base --": ["lib/a.ts", "README.md", "app/page.tsx", "lib/gone.ts", "scripts/x.mjs", ""].join("\0"),
      "ls-files --others --exclude-standard -z": ["lib/new.test.ts", "lib/a.ts", "notes.txt", ""].join("\0"),
    });
    const exists = (f: string) => f !== "lib/gone.ts";
    expect(changedFiles("base", git, exists)).toEqual(["app/page.tsx", "lib/a.ts", "lib/new.test.ts", "scripts/x.mjs"]);
  });

  it("git failing or nothing changed: no files", () => {
    expect(changedFiles("HEAD", fakeGit({}), () => true)).toEqual([]);
  });

  it("code is TypeScript or JavaScript of any module flavour", () => {
    expect(["a.ts", "b.tsx", "c.mjs", "d.cjs", "e.js", "f.mts"].every(isCode)).toBe(true);
    expect(["a.md", "b.json", "c.css", "tsconfig.tsbuildinfo"].some(isCode)).toBe(false);
  });
});

describe("when the quick loop must build or generate types again", () => {
  it("build inputs: app and library code, config, the lock file; not tests, e2e, scripts or prose", () => {
    expect(
      [
        "app/page.tsx",
        "lib/csv.ts",
        "components/table.tsx",
        "next.config.ts",
        "package-lock.json",
        "messages/nl.json",
        "lib/db/testing/fresh-store.ts",
      ].every(isBuildInput),
    ).toBe(true);
    expect(
      [
        "lib/csv.test.ts",
        "e2e/students.spec.ts",
        "e2e-first-run/demo.spec.ts",
        "scripts/demo.mjs",
        "bench/run.ts",
        "docs/architecture.md",
        "README.md",
      ].some(isBuildInput),
    ).toBe(false);
  });

  it("the newest time of the files and of their folders (a deleted file changes its folder), not of the root folder", () => {
    const times: Record<string, number> = { "lib/a.ts": 10, lib: 50, "app/x/page.tsx": 20, "app/x": 5, "package.json": 30, ".": 999 };
    const stat = (f: string) => {
      if (!(f in times)) throw new Error("ENOENT");
      return times[f]!;
    };
    expect(newestMtime(["lib/a.ts", "app/x/page.tsx", "package.json"], stat)).toBe(50);
    expect(newestMtime(["package.json", "gone.ts"], stat)).toBe(30);
  });

  it("an output is stale when missing or older than its newest input", () => {
    expect([stale(undefined, 1), stale(100, 101), stale(100, 100), stale(100, 99)]).toEqual([true, true, false, false]);
  });
});

describe("the first run reuses the main build only with the same installed packages", () => {
  const tree = { "": { name: "x" }, "node_modules/next": { version: "16.4.6", integrity: "sha512-a" } };
  it("the same hidden lock files agree; another version, an extra package or a missing file does not", () => {
    expect(sameInstalledTree(tree, structuredClone(tree))).toBe(true);
    expect(sameInstalledTree(tree, { ...tree, "node_modules/next": { version: "16.4.7", integrity: "sha512-b" } })).toBe(false);
    expect(sameInstalledTree(tree, { ...tree, "node_modules/extra": { version: "1.0.0" } })).toBe(false);
    expect(sameInstalledTree(tree, undefined)).toBe(false);
  });
});

describe("the first run reuses the main build only when this shell adds nothing Next would bake in", () => {
  it("NODE_ENV, NEXT_PUBLIC_* settings and untracked .env files each refuse it; other settings do not", () => {
    expect(buildEnvProblem({ PATH: "/bin", CI: "1", NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: "x" }, [])).toBe("");
    expect(buildEnvProblem({ NODE_ENV: "development", NEXT_PUBLIC_API: "x" }, [".env.local"])).toBe(
      "the main build saw NODE_ENV, NEXT_PUBLIC_API, .env.local, a new user's clone would not",
    );
  });
});
