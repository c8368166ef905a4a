import type { z } from "zod";
import { compiled } from "./compiled";
import { currentReadingSink } from "./mode";
import { normalise } from "./normalize";
import { needsNormalising } from "./scan";
import { fieldPath } from "./paths";

/**
 * Reads the items of a list inside a kept record one by one (lenient mode): an item that passes as
 * sent, or after the reading rules, is kept; one that does not is left out and its failing field
 * paths reported under `path[]`, while the record and its other items stand.
 */
export function readItems<S extends z.ZodType>(schema: S, items: readonly unknown[], path: string): z.output<S>[] {
  const sink = currentReadingSink();
  const out: z.output<S>[] = [];
  const fast = compiled(schema);
  for (const item of items) {
    const mark = sink?.mark() ?? 0;
    const normalisedPaths: string[] = [];
    const read = needsNormalising(schema, item) ? normalise(schema, item, (p) => normalisedPaths.push(p)) : item;
    const result = fast.safeParse(read);
    if (result.success) {
      for (const p of normalisedPaths) sink?.normalised(`${path}[].${p}`);
      out.push(result.data);
      continue;
    }
    sink?.rollback(mark);
    for (const p of new Set(result.error.issues.map((i) => fieldPath(i.path))))
      sink?.leftOutItem(p === "(record)" ? `${path}[]` : `${path}[].${p}`);
  }
  return out;
}
