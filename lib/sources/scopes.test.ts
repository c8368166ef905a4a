import { beforeAll, describe, expect, it } from "vitest";
import { EduvClient, type CallInput } from "./transport/client";
import type { SigningKey } from "./transport/signing-key";
import { OPERATIONS } from "./operations";
import type { AnyOperation } from "./operations/define";
import { parseSourcesConfig, SourcesConfigError, type SourcesConfig } from "./config";
import { fakeFetch, json, testSigningKey } from "./testing/fixtures";
import { TokenProvider } from "./transport/token";

/**
 * The scopes the dashboard asks a Source's token endpoint for, per operation and per Source
 * configuration, written out by hand (ERRATA 39): the required scope of each operation, plus the
 * optional student scopes the Source is configured with, and never the home address
 * (eduv.student.deliveryaddress), whatever the configuration lists.
 */

let key: SigningKey;
beforeAll(async () => {
  key = await testSigningKey();
});

const REQUIRED = ["eduv.student.basic", "eduv.association", "eduv.usage.dashboard", "eduv.consent"];
const OPTIONAL = ["eduv.student.demographics", "eduv.student.communication", "eduv.student.accessibility"];

function rawFile(scopes: string[]) {
  return {
    client: { clientId: "leermiddelendashboard" },
    schools: [{ id: "obs", name: "OBS Test", sector: "PO", organisationMasterIdentifier: "900A101" }],
    sources: [
      {
        id: "src",
        name: "Source",
        kind: "las",
        baseUrl: "http://localhost:9/src/v1",
        tokenEndpoint: "http://localhost:9/src/oauth2/token",
        auth: { method: "private_key_jwt" },
        scopes,
        apis: ["students", "enrollments", "assignments", "usage", "consent"],
        schools: ["obs"],
      },
    ],
  };
}

/** The three configurations: no optional scope, every optional scope, and every one plus the home address. */
const CONFIGS: Record<string, () => SourcesConfig> = {
  "no optional scopes": () => parseSourcesConfig(rawFile(REQUIRED)),
  "all optional scopes": () => parseSourcesConfig(rawFile([...REQUIRED, ...OPTIONAL])),
  // The sources file refuses this one (below); a config built in code still must not make the client ask for it.
  "all plus deliveryaddress": () => {
    const config = parseSourcesConfig(rawFile([...REQUIRED, ...OPTIONAL]));
    config.sources[0]!.scopes.push("eduv.student.deliveryaddress");
    return config;
  },
};

const SCHOOL = { organisationMasterIdentifier: "900A101" };
const ECK = `https://ketenid.nl/201703/${"ab".repeat(64)}`;

/** A valid input for each operation. */
const INPUTS: Record<string, CallInput> = {
  "get-students-for-school": { query: { orgMasterId: "900A101" } },
  "get-enrollments-for-school": { query: { orgMasterId: "900A101" } },
  "get-assignments-for-employee-at-school": {
    body: { school: SCHOOL, employee: { userIds: [{ userId: "jdevries@realm", userIdType: "NEPRI" }] } },
  },
  "get-usage-for-user-at-school": { body: { school: SCHOOL, user: { userMasterIdentifier: ECK } } },
  "put-consent-request": {
    body: { consumerReferenceId: "req-1", school: SCHOOL, api: "students-api", scopes: ["eduv.student.basic"], consumerStatus: "accepted" },
  },
  "get-consent-statuses": { query: {} },
  "get-consent-statuses-by-school": { query: { orgMasterId: "900A101" } },
  "put-consent-revoke": {
    body: { consumerReferenceId: "req-1", school: SCHOOL, api: "students-api", scopes: ["eduv.student.basic"], providerStatus: "revoked" },
  },
};

/** operationId → configuration → the scope parameter of the token request (space-separated, sorted, as sent). */
const EXPECTED: Record<string, Record<string, string>> = {
  "get-students-for-school": {
    "no optional scopes": "eduv.student.basic",
    "all optional scopes": "eduv.student.accessibility eduv.student.basic eduv.student.communication eduv.student.demographics",
    "all plus deliveryaddress": "eduv.student.accessibility eduv.student.basic eduv.student.communication eduv.student.demographics",
  },
  "get-enrollments-for-school": {
    "no optional scopes": "eduv.association",
    "all optional scopes": "eduv.association",
    "all plus deliveryaddress": "eduv.association",
  },
  "get-assignments-for-employee-at-school": {
    "no optional scopes": "eduv.association",
    "all optional scopes": "eduv.association",
    "all plus deliveryaddress": "eduv.association",
  },
  "get-usage-for-user-at-school": {
    "no optional scopes": "eduv.usage.dashboard",
    "all optional scopes": "eduv.usage.dashboard",
    "all plus deliveryaddress": "eduv.usage.dashboard",
  },
  "put-consent-request": {
    "no optional scopes": "eduv.consent",
    "all optional scopes": "eduv.consent",
    "all plus deliveryaddress": "eduv.consent",
  },
  "get-consent-statuses": {
    "no optional scopes": "eduv.consent",
    "all optional scopes": "eduv.consent",
    "all plus deliveryaddress": "eduv.consent",
  },
  "get-consent-statuses-by-school": {
    "no optional scopes": "eduv.consent",
    "all optional scopes": "eduv.consent",
    "all plus deliveryaddress": "eduv.consent",
  },
  "put-consent-revoke": {
    "no optional scopes": "eduv.consent",
    "all optional scopes": "eduv.consent",
    "all plus deliveryaddress": "eduv.consent",
  },
};

async function requestedScope(op: AnyOperation, config: SourcesConfig): Promise<string | null> {
  const fake = fakeFetch({
    "POST /src/oauth2/token": () => json({ access_token: "t", token_type: "Bearer", expires_in: 300 }),
    "GET /src/v1/students/school": () => json([]),
    "GET /src/v1/enrollments/school": () => json([]),
    "POST /src/v1/assignments/school/employee": () => json([]),
    "POST /src/v1/usage/school/user": () => json([]),
    "PUT /src/v1/consent/requests": () => new Response(null, { status: 202 }),
    "GET /src/v1/consent/statuses": () => json([]),
    "GET /src/v1/consent/statuses/school": () => json([]),
    "PUT /src/v1/consent/revokes": () => new Response(null, { status: 202 }),
  });
  const tokens = new TokenProvider({ signingKey: async () => key, fetch: fake.fetch });
  const client = new EduvClient({ config, tokens, fetch: fake.fetch, retryDelayMs: 1 });
  await client.call(op, "src", INPUTS[op.operationId]!);
  const tokenRequests = fake.calls.filter((c) => c.url.endsWith("/oauth2/token"));
  expect(tokenRequests).toHaveLength(1);
  return new URLSearchParams(await tokenRequests[0]!.text()).get("scope");
}

describe("the scopes requested, per operation and Source configuration", () => {
  it("the table covers every operation the dashboard calls, and each operation has a valid input", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(OPERATIONS).sort());
    expect(Object.keys(INPUTS).sort()).toEqual(Object.keys(OPERATIONS).sort());
  });

  const cases = Object.values(OPERATIONS).flatMap((op) => Object.keys(CONFIGS).map((name) => [op.operationId, name, op] as const));
  it.each(cases)("%s with %s", async (operationId, name, op) => {
    const config = CONFIGS[name]!();
    expect(await requestedScope(op, config)).toBe(EXPECTED[operationId]![name]);
    expect(EduvClient.scopesFor(op, config.sources[0]!).sort().join(" ")).toBe(EXPECTED[operationId]![name]);
  });

  it("no operation lists the home address, as a required or an optional scope", () => {
    for (const op of Object.values(OPERATIONS)) {
      expect([...op.requiredScopes, ...op.optionalScopes]).not.toContain("eduv.student.deliveryaddress");
    }
  });
});

describe("the sources file check refuses the home address scope", () => {
  it("names the field and the scope", () => {
    const file = rawFile([...REQUIRED, "eduv.student.deliveryaddress"]);
    expect(() => parseSourcesConfig(file)).toThrow(SourcesConfigError);
    expect(() => parseSourcesConfig(file)).toThrow(
      "sources[0].scopes[4]: eduv.student.deliveryaddress is never requested by the dashboard",
    );
  });

  it("accepts every other scope the operations use", () => {
    expect(parseSourcesConfig(rawFile([...REQUIRED, ...OPTIONAL])).sources[0]!.scopes).toEqual([...REQUIRED, ...OPTIONAL]);
  });
});
