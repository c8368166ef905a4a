import type { Context, Next } from "hono";
import { operationOf, type AnswerTally, type Operation } from "./ledger";
import type { SandboxState } from "./state";
import { VARIATIONS } from "./variations";

type Json = Record<string, unknown>;

/**
 * The varianceRate knob: each record of a 200 list answer is, with that chance (a deterministic draw),
 * changed by one variation the seed documents allow, the variations taken in turn so a few hundred
 * records meet every kind. Records the invalidRecord knobs spoiled (`skip`) stay as they are.
 */
export function vary(
  state: SandboxState,
  sourceId: string,
  op: Operation,
  records: Json[],
  skip: ReadonlySet<number> = new Set(),
): { body: Json[]; tally: AnswerTally } {
  const tally: AnswerTally = { records: records.length, varied: 0, invalid: skip.size, hits: [] };
  const rate = state.knobs.get(sourceId).varianceRate;
  const variations = VARIATIONS[op];
  if (rate <= 0 || !variations?.length) return { body: records, tally };
  const rotation = state.variance.rotation(sourceId, op);
  const body = records.map((record, i) => {
    if (skip.has(i) || !state.knobs.roll(sourceId, "variance", rate)) return record;
    const start = rotation.take();
    for (let k = 0; k < variations.length; k++) {
      const v = variations[(start + k) % variations.length]!;
      const copy = structuredClone(record);
      const paths = v.apply(copy, () => rotation.sub(`${(start + k) % variations.length}`));
      if (paths) {
        tally.varied++;
        tally.hits.push({ kind: v.kind, paths });
        return copy;
      }
    }
    return record;
  });
  return { body, tally };
}

/**
 * With varianceRate > 0, an error answer's StatusResponse carries `status` as a zero-padded string
 * ("0022", as the Edu-V tables write the codes) with the same chance. Wraps every answer under /v1/,
 * so the faults' own 429/500/503/504 answers are varied as well.
 */
export function statusVariance(state: SandboxState) {
  return async (c: Context, next: Next) => {
    await next();
    const sourceId = c.req.param("source") ?? "";
    const rate = state.knobs.get(sourceId).varianceRate;
    const op = operationOf(c.req.path);
    if (rate <= 0 || !op || c.res.status < 400 || !c.res.headers.get("content-type")?.includes("json")) return;
    const body = (await c.res
      .clone()
      .json()
      .catch(() => undefined)) as Json | undefined;
    if (typeof body?.status !== "number" || !state.knobs.roll(sourceId, "variance-status", rate)) return;
    const headers = new Headers(c.res.headers);
    headers.delete("content-length");
    const http = c.res.status;
    // Cleared first: Hono's setter would otherwise copy the old answer's headers (its Content-Length among them) onto the new one.
    c.res = undefined;
    c.res = new Response(JSON.stringify({ ...body, status: String(body.status).padStart(4, "0") }), { status: http, headers });
    state.variance.kind(sourceId, op, "statusAsString", ["status"]);
  };
}
