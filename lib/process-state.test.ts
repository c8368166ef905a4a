import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

const lib = path.resolve(__dirname);
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "testing" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });

describe("process state: one place, one copy for every route bundle", () => {
  it("a second copy of the modules (another route bundle) gets the same answer cache, rate limiter and caller context", async () => {
    const first = await import("@/lib/sources/answer-cache");
    const limitsA = await import("@/lib/limits/process-limits");
    const cacheA = first.AnswerCache.shared<string>("test-shared");
    const limiterA = limitsA.processLimits().limiter;
    vi.resetModules();
    const second = await import("@/lib/sources/answer-cache");
    const limitsB = await import("@/lib/limits/process-limits");
    expect(second).not.toBe(first); // really another copy of the module, as Next makes per bundle
    expect(second.AnswerCache.shared<string>("test-shared")).toBe(cacheA);
    expect(limitsB.processLimits().limiter).toBe(limiterA);
  });

  it("a consent change announced through one copy empties a cache made through another", async () => {
    vi.resetModules();
    const a = await import("@/lib/sources/answer-cache");
    const cache = a.AnswerCache.fromEnv<string>({ ttlMs: 60_000 });
    const key = a.AnswerCache.key({ sourceId: "lr-a", schoolId: "s1", operationId: "op", query: {}, scopes: [] });
    await cache.get(key, async () => ({ value: "answer", bytes: 6 }));
    expect(await cache.get(key, async () => ({ value: "not asked", bytes: 9 }))).toMatchObject({ value: "answer", fromCache: true });
    vi.resetModules();
    const b = await import("@/lib/sources/answer-cache");
    b.announceConsentChange("lr-a", "s1");
    const after = await cache.get(key, async () => ({ value: "again", bytes: 5 }));
    expect(after).toMatchObject({ value: "again", fromCache: false });
  });

  it("every piece says what it holds and what bounds it", async () => {
    const { processStateInventory } = await import("@/lib/process-state");
    const { AnswerCache } = await import("@/lib/sources/answer-cache");
    AnswerCache.shared("inventory-check", { maxEntries: 7, maxBytes: 3 * 1024 * 1024, ttlMs: 30_000 });
    const entry = processStateInventory().find((e) => e.key === "answers.inventory-check");
    expect(entry).toEqual({
      key: "answers.inventory-check",
      kind: "cache",
      what: "the Sources' validated inventory-check answers",
      cap: "7 answers and 3 MiB, each kept 30 s",
    });
    for (const e of processStateInventory()) expect(e.cap.length, e.key).toBeGreaterThan(3);
  });

  it("no module of lib/ but lib/process-state.ts keeps anything on globalThis", () => {
    const offenders = sourceFiles(lib)
      .filter((f) => !f.endsWith(`${path.sep}process-state.ts`))
      .flatMap((f) =>
        readFileSync(f, "utf8")
          .split("\n")
          .map((line, i) => ({ line: line.replace(/\/\/.*$|^\s*\*.*$/, ""), at: `${path.relative(lib, f)}:${i + 1}` }))
          .filter(({ line }) => /\bglobalThis\b/.test(line))
          .map(({ at }) => at),
      );
    expect(offenders).toEqual([]);
  });

  it("docs/architecture.md states every piece the code makes, and nothing else", () => {
    const doc = readFileSync(path.resolve(lib, "../docs/architecture.md"), "utf8")
      .split("<!-- process-state:start -->")[1]!
      .split("<!-- process-state:end -->")[0]!;
    const documented = new Set([...doc.matchAll(/`([a-z-]+\.[a-z-]+)`/g)].map((m) => m[1]!));
    const made = new Set(
      sourceFiles(lib).flatMap((f) => {
        const text = readFileSync(f, "utf8");
        return [
          ...[...text.matchAll(/\bkey: "([a-z-]+\.[a-z-]+)"/g)].map((m) => m[1]!),
          ...[...text.matchAll(/AnswerCache\.shared<[^>]+>\("([a-z-]+)"/g)].map((m) => `answers.${m[1]!}`),
        ];
      }),
    );
    expect([...made].filter((k) => !documented.has(k)).sort(), "made in code, not in the table").toEqual([]);
    expect([...documented].filter((k) => !made.has(k)).sort(), "in the table, made nowhere").toEqual([]);
  });
});
