import { readFileSync } from "node:fs";
import { createConfig, lint } from "@redocly/openapi-core";
import { describe, expect, it } from "vitest";
import { loadSpec, operationExtension, operationSecurity, validateResponse, validateSchema } from "./validate";

describe("spec/openapi.yaml", () => {
  it("passes Redocly's recommended OpenAPI lint with no problem at all", async () => {
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lint({ ref: "spec/openapi.yaml", config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? "?"}`)).toEqual([]);
  });

  it("is OpenAPI 3.1 and every component schema compiles", () => {
    const spec = loadSpec() as unknown as { openapi: string; components: { schemas: Record<string, unknown> } };
    expect(spec.openapi).toBe("3.1.0");
    for (const name of Object.keys(spec.components.schemas)) expect(() => validateSchema(name, {})).not.toThrow();
  });

  it.each([
    ["get-students-for-school", ["eduv.student.basic"], "students-api"],
    ["get-enrollments-for-school", ["eduv.association"], "association-api"],
    ["get-assignments-for-employee-at-school", ["eduv.association"], "association-api"],
    ["get-usage-for-user-at-school", ["eduv.usage.dashboard"], "usage-api"],
    ["put-consent-request", ["eduv.consent"], undefined],
    ["get-consent-requests", ["eduv.consent"], undefined],
  ])("%s needs %j and the consent of %s", (operationId, scopes, api) => {
    expect(operationSecurity(operationId)).toEqual(scopes);
    expect(operationExtension(operationId, "x-eduv-api")).toBe(api);
  });

  it("maps each optional student scope to the fields it unlocks (attribute-level scoping, ERRATA 22)", () => {
    expect(operationExtension("get-students-for-school", "x-eduv-optional-scopes")).toEqual({
      "eduv.student.demographics": ["dateOfBirth", "gender"],
      "eduv.student.communication": ["email"],
      "eduv.student.accessibility": ["language", "accessibility"],
      "eduv.student.deliveryaddress": ["address"],
    });
  });

  it("lists the functional status codes", () => {
    const codes = (loadSpec() as unknown as { info: { "x-eduv-status-codes": { code: string; http: number }[] } }).info["x-eduv-status-codes"];
    expect(Object.fromEntries(codes.map((c) => [c.code, c.http]))).toMatchObject({ "0011": 400, "0021": 401, "0022": 403, "0023": 400 });
  });

  it("answers are arrays; a 405 on usage has no body; undocumented statuses are invalid", () => {
    expect(validateResponse("get-students-for-school", 200, { givenName: "x" }).valid).toBe(false);
    expect(validateResponse("get-usage-for-user-at-school", 405, undefined).valid).toBe(true);
    expect(validateResponse("get-usage-for-user-at-school", 405, { status: 99 }).valid).toBe(false);
    expect(validateResponse("put-consent-request", 202, undefined).valid).toBe(true);
    expect(validateResponse("put-consent-request", 403, { status: 22 }).valid).toBe(false);
  });
});

describe("spec/ERRATA.md", () => {
  const errata = readFileSync("spec/ERRATA.md", "utf8");
  it("has a decision for each of the 28 known seed defects", () => {
    for (let n = 1; n <= 28; n++) expect(errata).toMatch(new RegExp(`^\\| ${n} \\|.+\\|.+\\|.+\\|.+\\|`, "m"));
  });
});
