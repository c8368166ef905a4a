// Which files the quick loop (scripts/test-quick.mjs) looks at, and whether its type generation and
// build are stale. Git is passed in (`git(args) => stdout`), so scripts/changed.test.ts can feed it.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Git in the current folder; its stdout, or undefined when it fails. Never takes the index lock. */
export function realGit(args) {
  const r = spawnSync("git", ["--no-optional-locks", ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return r.status === 0 ? r.stdout : undefined;
}

/** Code ESLint and vitest can take: TypeScript and JavaScript modules. */
export const isCode = (file) => /\.[cm]?[jt]sx?$/.test(file);

/** `git … -z` output as a list of paths. */
const paths = (out) => (out ?? "").split("\0").filter(Boolean);

/**
 * What the changes are measured against: `TEST_QUICK_BASE` when set, else where HEAD left origin/main
 * (a branch's own commits count as changed), else HEAD (only what is not committed yet).
 */
export function changeBase(git = realGit, env = process.env) {
  if (env.TEST_QUICK_BASE) return { ref: env.TEST_QUICK_BASE, label: env.TEST_QUICK_BASE };
  if (git(["rev-parse", "--verify", "--quiet", "origin/main"]) !== undefined) {
    const mb = git(["merge-base", "HEAD", "origin/main"])?.trim();
    if (mb) return { ref: mb, label: `merge-base with origin/main (${mb.slice(0, 7)})` };
  }
  return { ref: "HEAD", label: "HEAD" };
}

/**
 * The code files changed since `base`: committed since it, staged, unstaged (one `git diff` against
 * the work tree covers all three) and untracked but not ignored. Deleted files are left out (nothing
 * to lint or relate); `exists` decides that. Sorted, no duplicates.
 */
export function changedFiles(base, git = realGit, exists = existsSync) {
  const tracked = paths(git(["diff", "--name-only", "-z", "--no-renames", base, "--"]));
  const untracked = paths(git(["ls-files", "--others", "--exclude-standard", "-z"]));
  return [...new Set([...tracked, ...untracked])].filter((f) => isCode(f) && exists(f)).sort();
}

/**
 * Files whose change can change what `next build` makes. Left out: tests, the e2e specs, the scripts
 * and benchmarks (not imported by the app) and prose. When unsure, a file counts.
 */
export function isBuildInput(file) {
  if (/\.(test|spec)\.[cm]?[jt]sx?$/.test(file) || /\.md$/.test(file)) return false;
  return !/^(e2e|e2e-first-run|scripts|bench|docs)\//.test(file);
}

/**
 * The newest modification time (ms) of `files` and of the folders holding them (a deleted file changes
 * its folder). Not the project's root folder: every run creates ignored things there (reports/, .next/).
 */
export function newestMtime(files, stat = (f) => statSync(f).mtimeMs) {
  let newest = 0;
  const seen = new Set(["."]);
  for (const f of files) {
    for (const p of [f, path.dirname(f)]) {
      if (seen.has(p)) continue;
      seen.add(p);
      try {
        newest = Math.max(newest, stat(p));
      } catch {
        /* deleted meanwhile */
      }
    }
  }
  return newest;
}

/** Whether an output made at `outputMtime` (undefined: missing) is older than its newest input. */
export const stale = (outputMtime, newestInput) => outputMtime === undefined || newestInput > outputMtime;

/** A file's modification time, or undefined when it is missing. */
export function mtimeOf(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Every folder under `dir` (itself included): a page or route added, removed or renamed changes one. */
export function foldersUnder(dir) {
  if (!existsSync(dir)) return [];
  const out = [dir];
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) out.push(...foldersUnder(path.join(dir, e.name)));
  return out;
}
