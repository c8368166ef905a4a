import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadSpec, validateSchema } from "@/spec/validate";
import { parseList } from "../parse-list";
import { schemaByName } from "./";

/**
 * zod and spec/openapi.yaml must not drift: the same fixtures (valid and deliberately invalid
 * records) go through ajv with the spec and through zod, and their verdicts must agree. The lenient
 * schemas may keep a record the spec rejects only where the fixture says so (`lenient: "keep"`):
 * an unknown enum value, an empty name or reference the seeds allow, an integer below the spec's
 * minimum (the seeds give none), an entitlement item the reading rules take as it comes or leave
 * out on its own (ERRATA "Reading rules").
 */
type Fixture = { name: string; value: unknown; lenient?: "keep" | "drop" };
type FixtureFile = { schema: keyof ReturnType<typeof schemaByName>; valid: Fixture[]; invalid: Fixture[] };

const files: FixtureFile[] = readdirSync("spec/fixtures")
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(`spec/fixtures/${f}`, "utf8")) as FixtureFile);

const strict = schemaByName("strict");
const lenient = schemaByName("lenient");
/** The lenient verdict as the client reaches it: as sent, or else after the reading rules. */
const leniently = (name: keyof typeof lenient, value: unknown) => parseList(lenient[name], [value]).records.length === 1;

describe("fixtures cover every schema the client parses", () => {
  it("has a fixture file for each", () => {
    expect(files.map((f) => f.schema).sort()).toEqual(Object.keys(strict).sort());
  });
});

describe.each(files)("$schema: ajv (spec) and zod agree", (file) => {
  it.each(file.valid)("valid: $name", ({ value }) => {
    expect(validateSchema(file.schema, value).errors).toEqual([]);
    expect(strict[file.schema].safeParse(value).success).toBe(true);
    expect(leniently(file.schema, value)).toBe(true);
  });

  it.each(file.invalid)("invalid: $name", ({ value, lenient: verdict }) => {
    expect(validateSchema(file.schema, value).valid).toBe(false);
    expect(strict[file.schema].safeParse(value).success).toBe(false);
    expect(leniently(file.schema, value)).toBe(verdict === "keep");
  });
});

/** A comparable outline of a JSON schema: properties, required, enums, bounds and formats, $refs resolved. */
type Outline = { [k: string]: unknown };

function outline(schema: unknown, resolve: (ref: string) => unknown, depth = 0): Outline {
  if (depth > 12 || typeof schema !== "object" || schema === null) return {};
  const s = schema as Record<string, unknown>;
  if (typeof s.$ref === "string") return outline(resolve(s.$ref), resolve, depth + 1);
  const out: Outline = {};
  for (const key of ["type", "format", "minLength", "minItems", "minimum"]) if (s[key] !== undefined) out[key] = s[key];
  // z.int() states the safe-integer range; JSON Schema's integer has none, so that bound says nothing.
  if (out.minimum === Number.MIN_SAFE_INTEGER) delete out.minimum;
  if (Array.isArray(s.enum)) out.enum = [...s.enum].sort();
  if (Array.isArray(s.required) && s.required.length) out.required = [...s.required].sort();
  if (s.properties) {
    out.properties = Object.fromEntries(
      Object.entries(s.properties as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, outline(v, resolve, depth + 1)]),
    );
  }
  if (s.items !== undefined) out.items = outline(s.items, resolve, depth + 1);
  return out;
}

describe("structure: zod's JSON Schema outline equals the spec's", () => {
  const spec = loadSpec() as { components: { schemas: Record<string, unknown> } };
  const resolve = (ref: string) => spec.components.schemas[ref.replace("#/components/schemas/", "")];
  it.each(Object.keys(strict) as (keyof typeof strict)[])("%s", (name) => {
    const fromZod = z.toJSONSchema(strict[name], { unrepresentable: "any", io: "input" });
    expect(outline(fromZod, () => ({}))).toEqual(outline(spec.components.schemas[name], resolve));
  });
});
