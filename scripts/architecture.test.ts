import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import * as architecture from "./architecture.mjs";

const { ROOT, browserViolations, folderSizes, importGraph, isTestCode, layerOf, readBrowserNever, readLayers, violations } = architecture;

type Layer = { name: string; paths: string[]; mayImport: string[] };
const doc = readFileSync(path.join(ROOT, "docs/architecture.md"), "utf8");
const layers: Layer[] = readLayers(doc);
const graph: { files: string[]; edges: [string, string][]; client: Set<string> } = importGraph();
const browserNever: string[] = readBrowserNever(doc);

describe("architecture: the import direction docs/architecture.md states is the code's", () => {
  it("the layer table names existing paths and layers, and every layer it allows exists", () => {
    const names = new Set(layers.map((l) => l.name));
    expect(layers.length).toBeGreaterThanOrEqual(8);
    for (const l of layers) {
      for (const p of l.paths) expect(existsSync(path.join(ROOT, p)), `${l.name}: ${p}`).toBe(true);
      for (const m of l.mayImport) expect(names.has(m), `${l.name} may import ${m}`).toBe(true);
    }
  });

  it("every file of lib/, app/ and components/ belongs to a layer", () => {
    const orphans = graph.files.filter((f) => /^(lib|app|components)\//.test(f) && !isTestCode(f) && !layerOf(layers, f));
    expect(orphans).toEqual([]);
  });

  it("no import runs against the stated direction", () => {
    expect(violations(layers, graph)).toEqual([]);
  });

  it("a planted upward import is caught: the Source client importing the BFF's route wrapper, the store importing a feature", () => {
    const planted = {
      files: graph.files,
      edges: [
        ...graph.edges,
        ["lib/sources/transport/client.ts", "lib/api/route.ts"],
        ["lib/db/consent.ts", "lib/features/consent/overview.ts"],
      ] as [string, string][],
    };
    const before = new Set(violations(layers, graph));
    expect(violations(layers, planted).filter((v: string) => !before.has(v))).toEqual([
      "lib/sources/transport/client.ts (sources) imports lib/api/route.ts (bff)",
      "lib/db/consent.ts (store) imports lib/features/consent/overview.ts (features)",
    ]);
  });

  it("nothing the browser runs imports the Source side, the store, the runtime or a feature (not even a type), a contract's schemas or zod", () => {
    type Graph = typeof graph & { valueEdges: [string, string][]; packages: [string, string][] };
    const g = graph as Graph;
    expect(g.client.size).toBeGreaterThan(10);
    expect(g.client.has("components/consent/status.tsx")).toBe(true);
    expect(browserViolations(layers, g, browserNever)).toEqual([]);
    // components/consent/queries.ts has no directive but runs in the browser: a client file imports it.
    const planted: Graph = {
      ...g,
      edges: [
        ...g.edges,
        ["components/consent/status.tsx", "lib/db/consent.ts"],
        ["components/consent/queries.ts", "lib/contracts/consent.ts"],
      ],
      valueEdges: [...g.valueEdges, ["components/consent/queries.ts", "lib/contracts/consent.ts"]],
      packages: [...g.packages, ["components/consent/queries.ts", "zod/mini"]],
    };
    const found = browserViolations(layers, planted, browserNever);
    expect(found).toEqual(
      expect.arrayContaining([
        "components/consent/status.tsx (browser) imports lib/db/consent.ts (store)",
        "components/consent/queries.ts (browser) imports lib/contracts/consent.ts for more than its types",
        "components/consent/queries.ts (browser) imports zod/mini",
        // and, through the planted import, the contract's own zod
        "lib/contracts/consent.ts (browser) imports zod",
      ]),
    );
  });

  it("the import reader sees every form of import a file can make", () => {
    const edges = new Set(graph.edges.map(([a, b]) => `${a} -> ${b}`));
    // a static import with @/, an `export … from`, a relative import and a dynamic import(), each known to exist
    expect(edges.has("lib/api/limits.ts -> lib/limits/process-limits.ts")).toBe(true);
    expect(edges.has("lib/features/coverage/coverage.ts -> lib/features/coverage/coverage-scope.ts")).toBe(true);
    expect(edges.has("lib/sources/reading/schemas/mode.ts -> lib/sources/reading/schemas/normalize.ts")).toBe(true);
    expect(edges.has("instrumentation.ts -> lib/env/start-check.ts")).toBe(true);
  });

  it("no folder of lib/ holds more than 15 source files", () => {
    const big = [...(folderSizes(graph.files) as Map<string, number>)].filter(([, n]) => n > 15);
    expect(big).toEqual([]);
  });

  it("docs/architecture.md names every folder of lib/", () => {
    const folders = (dir: string): string[] =>
      readdirSync(path.join(ROOT, dir), { withFileTypes: true })
        .filter((e) => e.isDirectory() && e.name !== "testing" && e.name !== "migrations" && e.name !== "messages")
        .flatMap((e) => [`${dir}/${e.name}/`, ...folders(`${dir}/${e.name}`)]);
    const missing = folders("lib").filter((f) => !doc.includes(`\`${f}\``));
    expect(missing).toEqual([]);
  });
});
