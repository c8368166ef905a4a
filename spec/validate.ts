import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";

// ajv-formats is CommonJS; its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

type Spec = {
  paths: Record<string, Record<string, { operationId?: string; security?: Array<Record<string, string[]>>; responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: unknown }> }> }>>;
  components: { schemas: Record<string, unknown>; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
};

const SPEC_ID = "https://leermiddelendashboard.local/spec/openapi.json";
let cached: { spec: Spec; ajv: Ajv2020; validators: Map<string, ValidateFunction> } | undefined;

function load() {
  if (!cached) {
    const spec = parse(readFileSync(path.join(import.meta.dirname, "openapi.yaml"), "utf8")) as Spec;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: SPEC_ID, components: spec.components }, SPEC_ID);
    cached = { spec, ajv, validators: new Map() };
  }
  return cached;
}

export function loadSpec(): Spec {
  return load().spec;
}

function validatorFor(schema: unknown, cacheKey: string): ValidateFunction {
  const { ajv, validators } = load();
  let v = validators.get(cacheKey);
  if (!v) {
    // Rewrite local $refs so they resolve inside the registered document.
    const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${SPEC_ID}#/components/`));
    v = ajv.compile(rebased);
    validators.set(cacheKey, v);
  }
  return v;
}

function result(v: ValidateFunction, value: unknown) {
  const valid = v(value) as boolean;
  return { valid, errors: valid ? [] : (v.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message ?? ""}`.trim()) };
}

/** Validates a value against `components/schemas/<name>`. */
export function validateSchema(name: string, value: unknown): { valid: boolean; errors: string[] } {
  if (!(name in load().spec.components.schemas)) throw new Error(`no schema ${name} in spec/openapi.yaml`);
  return result(validatorFor({ $ref: `#/components/schemas/${name}` }, `schema:${name}`), value);
}

function findOperation(operationId: string) {
  for (const [p, item] of Object.entries(load().spec.paths)) {
    for (const [method, op] of Object.entries(item)) if (op && typeof op === "object" && op.operationId === operationId) return { path: p, method, op };
  }
  throw new Error(`no operation ${operationId} in spec/openapi.yaml`);
}

/** Validates a Source's answer: the status must be documented for the operation, the body must fit it. */
export function validateResponse(operationId: string, status: number, body: unknown): { valid: boolean; errors: string[] } {
  const { op } = findOperation(operationId);
  let response = op.responses?.[String(status)];
  if (!response) return { valid: false, errors: [`status ${status} is not documented for ${operationId}`] };
  if (response.$ref) response = load().spec.components.responses[response.$ref.split("/").pop()!];
  const schema = response?.content?.["application/json"]?.schema;
  if (!schema) {
    const empty = body === undefined || body === null || body === "";
    return { valid: empty, errors: empty ? [] : [`status ${status} of ${operationId} has no body`] };
  }
  return result(validatorFor(schema, `response:${operationId}:${status}`), body);
}

/** The scopes an operation requires, from its security requirement. */
export function operationSecurity(operationId: string): string[] {
  return findOperation(operationId).op.security?.[0]?.OAuth2 ?? [];
}

export function operationExtension(operationId: string, name: string): unknown {
  return (findOperation(operationId).op as Record<string, unknown>)[name];
}
