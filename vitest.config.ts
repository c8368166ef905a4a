import { availableParallelism } from "node:os";
import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const ALL = ["{lib,sandbox,spec,scripts,app,components}/**/*.test.ts"];

/** React components, rendered with Testing Library in happy-dom (a browser's DOM in Node). */
const COMPONENTS = ["{app,components}/**/*.test.tsx"];

/**
 * Test files that touch nothing outside themselves: no store, no server or port, no child process,
 * no environment variable, no globalThis state or patched module (vi.mock, vi.resetModules), no
 * fake timers. They share one module cache per worker (isolate: false) in worker threads, which
 * saves a process and the imports per file. Every other file, and any new one, runs isolated in a
 * process of its own: when in doubt, leave a file out of this list.
 */
const PURE = [
  "lib/api/errors.test.ts",
  "lib/auth/permissions.test.ts",
  "lib/csv.test.ts",
  "lib/db/group-commit.test.ts",
  "lib/db/safe-error.test.ts",
  "lib/features/employees/assignments.test.ts",
  "lib/sources/transport/client.test.ts",
  "lib/sources/transport/client-resilience.test.ts",
  "lib/sources/transport/client-busy.test.ts",
  "lib/sources/reading/conformance.test.ts",
  "lib/sources/reading/conformance-status.test.ts",
  "lib/features/coverage/coverage-scope.test.ts",
  "lib/features/enrollments/enrollments.test.ts",
  "lib/sources/capacity/concurrency.test.ts",
  "lib/sources/capacity/fair-queue.test.ts",
  "lib/sources/reading/parse-list.test.ts",
  "lib/sources/transport/request-params.test.ts",
  "lib/sources/transport/retry-after.test.ts",
  "lib/sources/reading/schemas/agreement.test.ts",
  "lib/sources/reading/schemas/scan.test.ts",
  "lib/sources/config.test.ts",
  "lib/features/students/students.test.ts",
  "lib/features/usage/usage.test.ts",
  "lib/env/production.test.ts",
  "lib/i18n/messages.test.ts",
  "lib/limits/token-bucket.test.ts",
  "lib/local-files.test.ts",
  "sandbox/canary.test.ts",
  "sandbox/conformance.test.ts",
  "sandbox/demo-employees.test.ts",
  "sandbox/variance.test.ts",
  "spec/spec.test.ts",
];

/** The files that take longest (20 s and more on 2 cores), in that order: first when no earlier run's durations are known. */
const KNOWN_SLOW = [
  "lib/api/fuzz-routes.test.ts",
  "lib/sources/reading/conformance.test.ts",
  "lib/sources/reading/conformance-status.test.ts",
  "lib/features/consent/durability-postgres.test.ts",
  "lib/features/consent/durability.test.ts",
  "lib/runtime/cross-instance.test.ts",
  "lib/db/client.test.ts",
];

/**
 * Longest first over both projects together. Vitest's own order runs one project's files after the
 * other's, which made the last project's longest file the tail of the run. Failed files first, then
 * by the duration of their last run (node_modules/.vite/vitest). Files without one come first, as in
 * vitest: KNOWN_SLOW in its order, then the larger before the smaller.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const file = (f: TestSpecification) => path.relative(config.root, f.moduleId);
    const key = (f: TestSpecification) => `${f.project.name}:${file(f)}`;
    const known = new Map(files.map((f) => [f, cache.getFileTestResults(key(f))]));
    const slow = (f: TestSpecification) => (KNOWN_SLOW.includes(file(f)) ? KNOWN_SLOW.indexOf(file(f)) : KNOWN_SLOW.length);
    const size = (f: TestSpecification) => cache.getFileStats(key(f))?.size ?? 0;
    return [...files].sort((a, b) => {
      const ra = known.get(a);
      const rb = known.get(b);
      if (!ra || !rb) return ra ? 1 : rb ? -1 : slow(a) - slow(b) || size(b) - size(a);
      if (ra.failed !== rb.failed) return ra.failed ? -1 : 1;
      return rb.duration - ra.duration;
    });
  }
}

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // No include here: a project that extends this config would add its own to it, not replace it.
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 30_000,
    setupFiles: ["./vitest.setup.ts"],
    // At least two workers (vitest's default, one fewer than the cores, is one on 2 cores): much of
    // the time goes to waiting on child processes, servers and timers. The timing assertions hold at
    // a load of 4 on 2 cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: LongestFirst },
    projects: [
      { extends: true, test: { name: "pure", include: PURE, isolate: false, pool: "threads" } },
      {
        extends: true,
        test: {
          name: "components",
          include: COMPONENTS,
          environment: "happy-dom",
          pool: "threads",
          setupFiles: ["./vitest.setup.components.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "isolated",
          include: ALL,
          exclude: [...configDefaults.exclude, ...PURE],
          pool: "forks",
          isolate: true,
          // One migrated PGlite (dumped) and one PostgreSQL template per run, not a migration per file.
          globalSetup: ["./vitest.global-setup.ts"],
        },
      },
    ],
  },
});
