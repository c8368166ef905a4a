import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { numRuns } from "@/lib/testing/fc-runs";
import { parseAnswer, parseList, type ListReport } from "./parse-list";
import { getConsentStatuses, getUserUsage, listEmployeeAssignments, listEnrollments, listStudents } from "../operations";
import { allowedRecord } from "../testing/seed-arbitraries";
import { CATEGORIES, forbiddenRecord, withBadItems, withBadParts, type Category } from "../testing/seed-breaks";
import { expectedBreaks, expectedCoverage, observe, type Seen } from "../testing/seed-coverage";
import { readAsSeedsSay, SeedViolation, treeOf, violationOf, withInstants, type Reading } from "../testing/seed-reading";
import {
  ASSIGNMENT_TABLE,
  CONSENT_STATUS_TABLE,
  ENROLLMENT_TABLE,
  STUDENT_TABLE,
  USAGE_TABLE,
  type SeedTable,
} from "../testing/seed-tables";

/**
 * Conformance: records generated from the seed tables (testing/seed-tables.ts, written from the
 * seed documents and the ERRATA, not from our schemas) go through the client's real path,
 * `parseList(operation.item, …)`. Every record the seeds allow is kept with nothing lost and its
 * tolerances counted; every record they forbid is left out and counted with the path of the rule it
 * breaks; nothing throws. Replay a failure with CONFORMANCE_SEED=<seed> (printed with the figures).
 *
 * Field names `__proto__` are not generated: zod drops such a key from the objects it returns
 * (entitlement items keep what they carry, but not that key), which is safe and no Source sends.
 */

const SEED = Number(process.env.CONFORMANCE_SEED ?? 20251130);
/** Records of each kind per operation, one record per run so that a failure shrinks to one record (FC_NUM_RUNS: fewer). */
const PER_KIND = numRuns(10_000);
/** Runs of the mixed property: lists of allowed and forbidden records together, as a Source sends them. */
const MIXED_RUNS = numRuns(200);
/** Enrollment lists (1-40 records each, about 10,000 in all) of the unknown-status property. */
/** Whether the properties run at full strength: only then is every rule of a table sure to be broken at least once. */
const FULL = PER_KIND >= 10_000;

type Operation = { item: Parameters<typeof parseList>[0] };
const OPERATIONS: { label: string; table: SeedTable; op: Operation }[] = [
  { label: "listStudents", table: STUDENT_TABLE, op: listStudents },
  { label: "listEnrollments", table: ENROLLMENT_TABLE, op: listEnrollments },
  { label: "listEmployeeAssignments", table: ASSIGNMENT_TABLE, op: listEmployeeAssignments },
  { label: "getUserUsage", table: USAGE_TABLE, op: getUserUsage },
  { label: "getConsentStatuses", table: CONSENT_STATUS_TABLE, op: getConsentStatuses },
];

type Figures = { allowed: number; kept: number; forbidden: number; leftOut: number; tolerances: number; mixed: number; exceptions: number };
const figures = new Map<string, Figures>();
/** Records with broken optional parts: generated, allowed by the table after the parts go, kept, parts left out and counted, records the table leaves out (a lost identifier; the client too). */
type PartFigures = {
  records: number;
  defects: number;
  allowed: number;
  kept: number;
  partPaths: number;
  counted: number;
  recordsLeftOut: number;
  agreed: number;
};
const partFigures = new Map<string, PartFigures>();
const oneObject = { answers: 0, read: 0 };
const byCategory = new Map<string, Record<Category, number>>();
const items = { answers: 0, badItems: 0, leftOut: 0 };

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const tally = (paths: readonly string[]) => paths.reduce<Record<string, number>>((m, p) => ((m[p] = (m[p] ?? 0) + 1), m), {});
const total = (...maps: Record<string, number>[]) => maps.reduce((n, m) => n + Object.values(m).reduce((a, b) => a + b, 0), 0);

/** The real path, counting what it throws (the property fails on it too). */
function read(
  label: string,
  op: Operation,
  values: unknown[],
  onInvalid?: (item: unknown, paths: readonly string[]) => void,
): { records: unknown[]; report: ListReport } {
  try {
    return parseList(op.item, values, { onInvalid });
  } catch (err) {
    figures.get(label)!.exceptions++;
    throw err;
  }
}

/** `expect(actual).toEqual(expected)`, checked cheaply first: 100,000 records make vitest's own comparison the slow part. */
function expectEqual(actual: unknown, expected: unknown, message?: string) {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, message).toEqual(expected);
}

/** Kept records read as the seeds say (date-times as instants), and the tolerances counted as the rules say. */
function expectRead(table: SeedTable, records: unknown[], report: ListReport, readings: Reading[]) {
  const tree = treeOf(table);
  expectEqual(records.length, readings.length, "records kept");
  records.forEach((record, i) => expectEqual(withInstants(tree, record), withInstants(tree, readings[i]!.value)));
  expectEqual(report.normalized, tally(readings.flatMap((r) => r.normalized)), "normalized");
  expectEqual(report.unknownEnumValues, tally(readings.flatMap((r) => r.unknownEnums)), "unknownEnumValues");
}

// Each operation draws from its own seed (SEED + its position), so their records do not come in step.
describe.each(OPERATIONS.map((o, i) => ({ ...o, seed: SEED + i })))(
  "$label (seed $table.seed) against the seed table",
  ({ label, table, op, seed }) => {
    it("generates records as JSON.parse returns them (so the properties below need no round trip)", () => {
      const sample = fc.sample(
        fc.oneof(
          allowedRecord(table),
          forbiddenRecord(table).map((b) => b.record),
        ),
        { seed, numRuns: numRuns(1000) },
      );
      for (const record of sample) expectEqual(json(record), record);
    });

    it("generates allowed records that show every case the reading rules name, at every field", () => {
      const seen: Seen = new Map();
      for (const record of fc.sample(allowedRecord(table), { seed, numRuns: 3000 })) observe(table, record, seen);
      const missing = [...expectedCoverage(table)].flatMap(([path, cases]) =>
        cases.filter((c) => !seen.get(path)?.has(c)).map((c) => `${path}: ${c}`),
      );
      expect(missing).toEqual([]);
    });

    const f: Figures = { allowed: 0, kept: 0, forbidden: 0, leftOut: 0, tolerances: 0, mixed: 0, exceptions: 0 };
    figures.set(label, f);

    it(`keeps every record the seeds allow (${PER_KIND}), with nothing lost and its tolerances counted`, () => {
      fc.assert(
        fc.property(allowedRecord(table), (record) => {
          const reading = readAsSeedsSay(table, record);
          const { records, report } = read(label, op, [record]);
          expectEqual(report.invalid.paths, {}, "invalid");
          expectRead(table, records, report, [reading]);
          expectEqual(report.leftOutItems, {}, "leftOutItems");
          f.allowed++;
          f.kept += records.length;
          f.tolerances += total(report.normalized, report.unknownEnumValues);
        }),
        { seed, numRuns: PER_KIND },
      );
      expect(f.allowed).toBeGreaterThanOrEqual(PER_KIND);
    });

    it(`leaves out every record the seeds forbid (${PER_KIND}), counted with the path of the rule it breaks`, () => {
      const categories = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
      byCategory.set(label, categories);
      const broken = new Set<string>();
      fc.assert(
        fc.property(forbiddenRecord(table), ({ record, category, path }) => {
          // The generator's intent, held to the table's own reading (seed-reading.ts) before the client's.
          expectEqual(violationOf(table, record), path, `${category}: the seed table's verdict`);
          const failing: (readonly string[])[] = [];
          const { records, report } = read(label, op, [record], (_item, paths) => failing.push(paths));
          expectEqual(records.length, 0, `${category} at ${path}: kept`);
          if (!failing[0]?.includes(path)) expect(failing[0], `${category} at ${path}`).toContain(path);
          expectEqual(report.invalid.paths[path], 1, `${category} at ${path}: counted`);
          // A record left out reports no tolerance: what was read of it before it failed is forgotten.
          expectEqual(total(report.normalized, report.unknownEnumValues, report.leftOutItems), 0, "tolerances of a record left out");
          f.forbidden++;
          f.leftOut += report.invalid.count;
          categories[category]++;
          broken.add(`${category}: ${path}`);
        }),
        { seed, numRuns: PER_KIND },
      );
      expect(f.forbidden).toBeGreaterThanOrEqual(PER_KIND);
      if (FULL)
        expect(
          expectedBreaks(table).filter((b) => !broken.has(b)),
          "rules never broken",
        ).toEqual([]);
    });

    const pf: PartFigures = { records: 0, defects: 0, allowed: 0, kept: 0, partPaths: 0, counted: 0, recordsLeftOut: 0, agreed: 0 };
    partFigures.set(label, pf);

    it(`leaves out a broken optional part alone (${PER_KIND} records with 1-3 broken parts): the record kept, each part counted by field path`, () => {
      fc.assert(
        fc.property(withBadParts(table), ({ record, defects }) => {
          let verdict: Reading | SeedViolation;
          try {
            verdict = readAsSeedsSay(table, record);
          } catch (err) {
            if (!(err instanceof SeedViolation)) throw err;
            verdict = err;
          }
          const failing: (readonly string[])[] = [];
          const { records, report } = read(label, op, [record], (_item, paths) => failing.push(paths));
          pf.records++;
          pf.defects += defects;
          if (verdict instanceof SeedViolation) {
            // A part whose loss leaves no identifier (the only userIds item was no object): the record goes, as the table says.
            expectEqual(records.length, 0, `left out by the table at ${verdict.paths.join(", ")}`);
            expectEqual(Object.keys(report.invalid.paths).sort(), [...verdict.paths].sort(), "invalid");
            pf.recordsLeftOut++;
            pf.agreed++;
            return;
          }
          pf.allowed++;
          expectEqual(report.invalid.paths, {}, "invalid");
          expectRead(table, records, report, [verdict]);
          expectEqual(report.leftOutItems, tally(verdict.leftOut), "leftOutItems");
          pf.kept += records.length;
          pf.partPaths += verdict.leftOut.length;
          pf.counted += total(report.leftOutItems);
          pf.agreed++;
        }),
        { seed: seed + 100, numRuns: PER_KIND },
      );
      expect(pf.kept).toBe(pf.allowed);
    });

    it("reads a list of allowed and forbidden records together: the allowed kept in order, the forbidden counted where they stood", () => {
      const entry = fc.oneof(
        allowedRecord(table).map((record) => ({ allowed: true as const, record })),
        forbiddenRecord(table).map((b) => ({ allowed: false as const, ...b })),
      );
      fc.assert(
        fc.property(fc.array(entry, { minLength: 1, maxLength: 30 }), (list) => {
          const sent = list.map((e) => json(e.record));
          const { records, report } = read(label, op, sent);
          const readings = sent.filter((_, i) => list[i]!.allowed).map((r) => readAsSeedsSay(table, r));
          expectRead(table, records, report, readings);
          const forbidden = list.flatMap((e, i) => (e.allowed ? [] : [i]));
          expect(report).toMatchObject({
            received: sent.length,
            kept: readings.length,
            invalid: { count: forbidden.length, sampleIndexes: forbidden.slice(0, 20) },
          });
          f.mixed += sent.length;
        }),
        { seed, numRuns: MIXED_RUNS },
      );
    });
  },
);

describe("getUserUsage: bad entitlement items are left out alone", () => {
  it(`keeps the answer, its totals and its other items (${PER_KIND} answers), counting each bad item`, () => {
    fc.assert(
      fc.property(withBadItems(USAGE_TABLE), ({ record, good, leftOut }) => {
        const reading = readAsSeedsSay(USAGE_TABLE, good);
        const { records, report } = read("getUserUsage", getUserUsage, [record]);
        expectEqual(report.invalid.paths, {}, "invalid");
        expectRead(USAGE_TABLE, records, report, [reading]);
        expectEqual(report.leftOutItems, tally(leftOut), "leftOutItems");
        items.answers += records.length;
        items.badItems += leftOut.length;
        items.leftOut += total(report.leftOutItems);
      }),
      { seed: SEED + OPERATIONS.length, numRuns: PER_KIND },
    );
    expect(items.answers).toBeGreaterThanOrEqual(PER_KIND);
  });
});

describe('getUserUsage: an answer sent as one object (seed 000\'s table: "Object"; its YAML: an array)', () => {
  it(`is read as a list of one (${PER_KIND} answers), counted under (answer)`, () => {
    fc.assert(
      fc.property(allowedRecord(USAGE_TABLE), (record) => {
        const reading = readAsSeedsSay(USAGE_TABLE, record);
        let parsed: ReturnType<typeof parseAnswer> | undefined;
        try {
          parsed = parseAnswer(getUserUsage.item, record, { oneObjectAsList: true });
        } catch (err) {
          figures.get("getUserUsage")!.exceptions++;
          throw err;
        }
        expect(parsed).toBeDefined();
        const { records, report } = parsed!;
        expectEqual(report.invalid.paths, {}, "invalid");
        expectRead(
          USAGE_TABLE,
          records,
          { ...report, normalized: Object.fromEntries(Object.entries(report.normalized).filter(([k]) => k !== "(answer)")) },
          [reading],
        );
        expectEqual(report.normalized["(answer)"], 1, "counted as one object");
        oneObject.answers++;
        oneObject.read += records.length;
      }),
      { seed: SEED + OPERATIONS.length + 1, numRuns: PER_KIND },
    );
    expect(oneObject.read).toBe(oneObject.answers);
  });
});

describe("no record makes the client throw", () => {
  it("counted no exception", () => {
    for (const [label, f] of figures) expect(f.exceptions, label).toBe(0);
  });
});

/** A plain text table: the figures stay readable in any log. */
function table(head: string[], rows: (string | number)[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: (string | number)[]) =>
    cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

afterAll(() => {
  if (![...figures.values()].some((f) => f.allowed + f.forbidden > 0)) return; // only a filtered run
  const rows = [...figures].map(([op, f]) => [op, f.allowed, f.kept, f.forbidden, f.leftOut, f.tolerances, f.mixed, f.exceptions]);
  const head = [
    "operation",
    "allowed generated",
    "kept",
    "forbidden generated",
    "left out",
    "tolerances counted",
    "mixed-list records",
    "exceptions",
  ];
  const categories = [...byCategory].map(([op, c]) => [op, ...CATEGORIES.map((k) => c[k])]);
  console.log(
    [
      `conformance seed ${SEED}: operation n (from 0, in the order below) draws from ${SEED} + n, the bad-item answers from ${SEED} + ${OPERATIONS.length}`,
      `replay: CONFORMANCE_SEED=${SEED} npx vitest run lib/sources/reading/conformance.test.ts`,
      table(head, rows),
      "",
      "forbidden records by the rule they break:",
      table(["operation", ...CATEGORIES], categories),
      "",
      `getUserUsage with bad entitlement items: ${items.answers} answers kept, ${items.badItems} bad items generated, ${items.leftOut} left out and counted in leftOutItems`,
      "",
      "records with broken optional parts (issue 21 item 5): kept where the table allows them without those parts, each part counted by field path:",
      table(
        [
          "operation",
          "records",
          "parts broken",
          "allowed after",
          "kept",
          "% kept",
          "part paths (table)",
          "counted (client)",
          "left out (table and client)",
          "client = table",
        ],
        [...partFigures].map(([op, p]) => [
          op,
          p.records,
          p.defects,
          p.allowed,
          p.kept,
          p.allowed ? `${((100 * p.kept) / p.allowed).toFixed(1)} %` : "-",
          p.partPaths,
          p.counted,
          p.recordsLeftOut,
          p.agreed,
        ]),
      ),
      `getUserUsage answers sent as one object: ${oneObject.answers} generated, ${oneObject.read} read as a list of one`,
      `exceptions: ${[...figures.values()].reduce((n, f) => n + f.exceptions, 0)}`,
    ].join("\n"),
  );
});
