import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import { BUDGET_BYTES, pageWeights, tooHeavy } from "./page-weight.mjs";

describe("page weight: first-load JavaScript per page from the build's own statistics", () => {
  it("sums each page's chunks gzipped one by one, leaves out API routes and Next's own, heaviest first", () => {
    const root = mkdtempSync(path.join(tmpdir(), "ldb-weight-"));
    mkdirSync(path.join(root, ".next/diagnostics"), { recursive: true });
    mkdirSync(path.join(root, ".next/static/chunks"), { recursive: true });
    const chunk = (name: string, text: string) => {
      writeFileSync(path.join(root, `.next/static/chunks/${name}.js`), text);
      return { file: `.next/static/chunks/${name}.js`, gz: gzipSync(Buffer.from(text)).length };
    };
    const framework = chunk("framework", "x".repeat(5000) + "framework code");
    const table = chunk("table", "function table(){return 1}".repeat(200));
    writeFileSync(
      path.join(root, ".next/diagnostics/route-bundle-stats.json"),
      JSON.stringify([
        { route: "/", firstLoadUncompressedJsBytes: 5014, firstLoadChunkPaths: [framework.file] },
        { route: "/leerlingen", firstLoadUncompressedJsBytes: 10214, firstLoadChunkPaths: [framework.file, table.file] },
        { route: "/api/students", firstLoadUncompressedJsBytes: 1, firstLoadChunkPaths: [framework.file] },
        { route: "/_not-found", firstLoadUncompressedJsBytes: 1, firstLoadChunkPaths: [framework.file] },
      ]),
    );
    expect(pageWeights(root)).toEqual([
      { route: "/leerlingen", gzipBytes: framework.gz + table.gz, rawBytes: 10214 },
      { route: "/", gzipBytes: framework.gz, rawBytes: 5014 },
    ]);
  });

  it("a page may weigh the budget, or while it is over the budget its ceiling; anything more is too heavy", () => {
    const ceilings = { "/leerlingen": 160 * 1024 };
    const rows = [
      { route: "/", gzipBytes: 150 * 1024, rawBytes: 0 },
      { route: "/bronnen", gzipBytes: 150 * 1024 + 1, rawBytes: 0 },
      { route: "/leerlingen", gzipBytes: 160 * 1024, rawBytes: 0 },
      { route: "/leerlingen/[key]", gzipBytes: 149 * 1024, rawBytes: 0 },
    ];
    expect(BUDGET_BYTES).toBe(150 * 1024);
    expect(tooHeavy(rows, ceilings).map((r: { route: string }) => r.route)).toEqual(["/bronnen"]);
    expect(tooHeavy([{ route: "/leerlingen", gzipBytes: 160 * 1024 + 1, rawBytes: 0 }], ceilings)).toEqual([
      { route: "/leerlingen", gzipBytes: 160 * 1024 + 1, rawBytes: 0, limit: 160 * 1024 },
    ]);
  });
});
