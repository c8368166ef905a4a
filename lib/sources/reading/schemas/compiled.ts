import { z } from "zod";

const compiledSchemas = new WeakMap<z.ZodType, z.ZodType>();

/**
 * `schema` with zod's own compiled fast path (`z.compile`, zod ≥ 4.5): the same checks, run as
 * generated straight-line code instead of the interpreter's walk over the schema, with the same
 * output; on any failure it hands the value to the runtime parser, so issues and their paths are
 * the runtime's own. Compiled once per schema object (a module copy of its own compiles again,
 * which costs a few milliseconds once); a schema zod cannot compile comes back as it is.
 */
export function compiled<S extends z.ZodType>(schema: S): S {
  let out = compiledSchemas.get(schema);
  if (!out) compiledSchemas.set(schema, (out = z.compile(schema)));
  return out as S;
}
