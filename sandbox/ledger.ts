/**
 * What the sandbox sent, counted exactly, so a browser test can hold the dashboard's "contract health"
 * numbers against the Source's own: records and their variations per Source and operation, and the
 * fault answers. Field paths are written as the dashboard writes them: keys joined with ".", array
 * positions as "[]", the record itself as "(record)".
 */

export const OPERATIONS = ["students", "enrollments", "assignments", "usage", "consent-statuses", "consent-requests", "token"] as const;
export type Operation = (typeof OPERATIONS)[number];

export type VarianceKind =
  | "null"
  | "empty"
  | "emptyArray"
  | "emptyRequired"
  | "extraField"
  | "minimal"
  | "dateTime"
  | "unknownEnum"
  | "entitlementShape"
  | "statusAsString";

export type FaultName = "tooManyRequests" | "serverError" | "serviceUnavailable" | "oversize" | "malformedJson" | "tokenError";

export type OperationTally = {
  /** 200 answers whose records are counted below (an answer spoiled whole, by malformedJson or oversize, is only a fault). */
  answers: number;
  records: number;
  varied: number;
  /** Records the invalidRecord knobs made schema-invalid (never varied as well). */
  invalid: number;
  kinds: Partial<Record<VarianceKind, Record<string, number>>>;
  faults: Partial<Record<FaultName, number>>;
};

/** One answer's variations, merged into the ledger only when the answer goes out readable. */
export type AnswerTally = { records: number; varied: number; invalid: number; hits: Array<{ kind: VarianceKind; paths: string[] }> };

/** The operation an Edu-V path belongs to, for counting; undefined for paths that are none. */
export function operationOf(path: string): Operation | undefined {
  const m = /^\/[^/]+\/v1\/(students|enrollments|assignments|usage|consent\/statuses|consent\/requests)(?:\/|$)/.exec(path);
  return m ? (m[1]!.replace("/", "-") as Operation) : undefined;
}

export class VarianceLedger {
  private readonly tallies = new Map<string, Map<Operation, OperationTally>>();
  private readonly rotations = new Map<string, { next: number; subs: Map<string, number> }>();

  reset() {
    this.tallies.clear();
    this.rotations.clear();
  }

  private tally(sourceId: string, op: Operation): OperationTally {
    let bySource = this.tallies.get(sourceId);
    if (!bySource) this.tallies.set(sourceId, (bySource = new Map()));
    let t = bySource.get(op);
    if (!t) bySource.set(op, (t = { answers: 0, records: 0, varied: 0, invalid: 0, kinds: {}, faults: {} }));
    return t;
  }

  answer(sourceId: string, op: Operation, a: AnswerTally) {
    const t = this.tally(sourceId, op);
    t.answers++;
    t.records += a.records;
    t.varied += a.varied;
    t.invalid += a.invalid;
    for (const hit of a.hits) this.kind(sourceId, op, hit.kind, hit.paths);
  }

  kind(sourceId: string, op: Operation, kind: VarianceKind, paths: string[]) {
    const byPath = (this.tally(sourceId, op).kinds[kind] ??= {});
    for (const p of paths) byPath[p] = (byPath[p] ?? 0) + 1;
  }

  fault(sourceId: string, op: Operation, name: FaultName) {
    const faults = this.tally(sourceId, op).faults;
    faults[name] = (faults[name] ?? 0) + 1;
  }

  /**
   * The rotation of variations per Source and operation: `next` picks the variation of the next varied
   * record, `sub(kind)` the field or form within a kind, so every kind and every path comes round.
   */
  rotation(sourceId: string, op: Operation) {
    const key = `${sourceId}/${op}`;
    let r = this.rotations.get(key);
    if (!r) this.rotations.set(key, (r = { next: 0, subs: new Map() }));
    const state = r;
    return {
      take: () => state.next++,
      sub: (name: string) => {
        const n = state.subs.get(name) ?? 0;
        state.subs.set(name, n + 1);
        return n;
      },
    };
  }

  report(): Record<string, Partial<Record<Operation, OperationTally>>> {
    return Object.fromEntries([...this.tallies].map(([id, ops]) => [id, Object.fromEntries(ops)]));
  }
}
