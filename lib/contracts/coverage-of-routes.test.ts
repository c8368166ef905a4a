import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTE_TABLE } from "@/lib/api/route-table";
import * as accessLog from "./access-log";
import * as consent from "./consent";
import * as coverage from "./coverage";
import * as dataQuality from "./data-quality";
import type { Contract, FileAnswer } from "./define";
import * as employees from "./employees";
import * as enrollments from "./enrollments";
import { ALL_CONTRACTS } from "./index";
import * as massChange from "./mass-change";
import * as search from "./search";
import * as sources from "./sources";
import * as students from "./students";
import * as usage from "./usage";

/** The routes that answer something other than JSON: files to download, and the coverage stream (NDJSON). Every other route answers JSON. */
const NOT_JSON: Record<string, FileAnswer> = {
  "GET /api/sources/contract-report": "text/markdown",
  "POST /api/students/export": "text/csv",
  "POST /api/enrollments/export": "text/csv",
  "POST /api/employees/assignments/export": "text/csv",
  "POST /api/usage/coverage": "application/x-ndjson",
  "POST /api/usage/coverage/export": "text/csv",
  "POST /api/data-quality/export": "text/csv",
};

const idOf = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

/** Each contract's exported name, as a route file imports it. */
const nameOf = new Map<unknown, string>(
  [accessLog, consent, coverage, dataQuality, employees, enrollments, massChange, search, sources, students, usage].flatMap((module) =>
    Object.entries(module)
      .filter(([, value]) => ALL_CONTRACTS.includes(value as Contract))
      .map(([name, value]) => [value, name] as const),
  ),
);

/** The options a route file gives staffRoute for one method: from `export const GET = staffRoute(` to the handler. */
function routeOptions(contract: Contract): { file: string; options: string } {
  const file = readFileSync(path.join(process.cwd(), "app", contract.path, "route.ts"), "utf8");
  const start = file.indexOf(`export const ${contract.method} = staffRoute(`);
  if (start < 0) return { file, options: "" };
  return { file, options: file.slice(start, file.indexOf("async (", start)) };
}

describe("a contract for every route", () => {
  it("has one contract per route of the route table, with the same method and path, and no contract without a route", () => {
    expect(ALL_CONTRACTS.map(idOf).sort()).toEqual(ROUTE_TABLE.map(idOf).sort());
    expect(new Set(ALL_CONTRACTS.map(idOf)).size).toBe(ALL_CONTRACTS.length);
  });

  it("gives every route that answers JSON a response; only the files and the stream have none, and say what they are", () => {
    for (const c of ALL_CONTRACTS)
      expect
        .soft(c.response ? "JSON with a response" : (c.file ?? "neither a response nor a file"), idOf(c))
        .toBe(NOT_JSON[idOf(c)] ?? "JSON with a response");
    const files = Object.fromEntries(ALL_CONTRACTS.filter((c) => !c.response).map((c) => [idOf(c), c.file]));
    expect(files).toStrictEqual(NOT_JSON);
  });

  it("has every route handler check its JSON answers against its contract's response, and answer a file of the kind its contract names", () => {
    for (const c of ALL_CONTRACTS) {
      const name = nameOf.get(c);
      expect.soft(name, `${idOf(c)}: exported from a lib/contracts module`).toBeDefined();
      const { file, options } = routeOptions(c);
      expect.soft(options, `${idOf(c)}: a staffRoute in app${c.path}/route.ts`).not.toBe("");
      if (c.response) expect.soft(options, `${idOf(c)}: checks its answers`).toContain(`response: ${name}.response`);
      else {
        expect.soft(options, `${idOf(c)}: answers no JSON`).not.toContain("response:");
        expect.soft(file, `${idOf(c)}: answers ${c.file}`).toContain(`"content-type": "${c.file}`);
      }
    }
  });
});
