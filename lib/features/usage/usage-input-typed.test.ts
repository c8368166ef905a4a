import { describe, expect, it, vi } from "vitest";
import type { EduvClient } from "@/lib/sources/transport/client";
import { SourceError } from "@/lib/sources/errors";
import { studentKey } from "@/lib/sources/reading/identity";
import { parseList } from "@/lib/sources/reading/parse-list";
import type { AnyOperation } from "@/lib/sources/operations/define";
import { parseSourcesConfig } from "@/lib/sources/config";
import { resolvePerson } from "./usage-input";

process.env.ACCESS_LOG_HASH_KEY ??= "a-test-key-for-person-hashes-of-32-chars";

// The known employees come from the store: one, by hand, without a database.
vi.mock("@/lib/db/client", () => ({ getStore: async () => ({ db: {} }) }));
// The lists' mass-change guard keeps its counts in the store too: here none, so every answer is judged a first one.
vi.mock("@/lib/features/mass-change/baselines", () => ({
  readBaseline: async () => undefined,
  recordGood: async () => {},
  recordLoss: async () => undefined,
}));
vi.mock("@/lib/db/employees", async (original) => ({
  ...(await original<typeof import("@/lib/db/employees")>()),
  listKnownEmployees: async () => [
    { key: "e".repeat(32), name: "Mevr. Docent", maskedId: "ASI ••••p-01", userIdType: "ASI", userId: "emp-01" },
  ],
}));

/**
 * Issue 21: a typed NEPPI or ASI finds the pupil by the student list's matcher (identity.ts), so a
 * pupil who also has an ECK iD, or whose key comes from another identifier, is found under the key
 * and name the list gives them. The expected keys are written out from the key rule by hand.
 */
const ECK_A = `https://ketenid.nl/201703/${"a1".repeat(64)}`;
const ECK_E = `https://ketenid.nl/201703/${"e5".repeat(64)}`;
const STUDENTS = [
  // Key: the ECK iD.
  { userMasterIdentifier: ECK_A, userIds: [{ userId: "neppi-a", userIdType: "NEPPI" }], givenName: "Anna", familyName: "Jansen" },
  // Key: the smallest TYPE:value, "ASI:asi-b" (before "NEPPI:neppi-b").
  {
    userIds: [
      { userId: "neppi-b", userIdType: "NEPPI" },
      { userId: "asi-b", userIdType: "ASI" },
    ],
    givenName: "Bram",
    familyNamePrefix: "de",
    familyName: "Vries",
  },
  // Two pupils share one NEPPI: it matches nobody.
  {
    userIds: [
      { userId: "neppi-shared", userIdType: "NEPPI" },
      { userId: "asi-c", userIdType: "ASI" },
    ],
    givenName: "Cas",
    familyName: "Bakker",
  },
  {
    userIds: [
      { userId: "neppi-shared", userIdType: "NEPPI" },
      { userId: "asi-d", userIdType: "ASI" },
    ],
    givenName: "Dewi",
    familyName: "Smit",
  },
  // The ECK iD as a userIds entry of type eckId.
  {
    userIds: [
      { userId: "neppi-e", userIdType: "NEPPI" },
      { userId: ECK_E, userIdType: "eckId" },
    ],
    givenName: "Eva",
    familyName: "Mulder",
  },
];

const config = parseSourcesConfig({
  client: { clientId: "ldb" },
  schools: [
    { id: "school", name: "School", sector: "VO", organisationMasterIdentifier: "900B201" },
    { id: "down", name: "School zonder LAS", sector: "VO", organisationMasterIdentifier: "900B202" },
  ],
  sources: [
    {
      id: "las",
      name: "LAS",
      kind: "las",
      baseUrl: "https://x.example/las",
      tokenEndpoint: "https://x.example/las/token",
      auth: { method: "private_key_jwt" },
      apis: ["students"],
      scopes: ["eduv.student.basic"],
      schools: ["school", "down"],
    },
  ],
});
const client = {
  config,
  async call(op: AnyOperation, sourceId: string, input: { query?: Record<string, unknown> }) {
    if (input.query?.organisationMasterIdentifier === "900B202" || JSON.stringify(input.query).includes("900B202"))
      throw new SourceError("server_error", sourceId, { httpStatus: 500 });
    const { records, report } = parseList(op.item!, STUDENTS);
    return { records, report, meta: { sourceId, httpStatus: 200, latencyMs: 1, apiVersion: "1", grantedScopes: [], bytes: 1000 } };
  },
} as unknown as EduvClient;
const school = config.schools.find((s) => s.id === "school")!;
const down = config.schools.find((s) => s.id === "down")!;
const typed = (type: string, value: string) => ({ identifier: { type, value } });

describe("a typed identifier of a pupil", () => {
  it("a NEPPI of a pupil who also has an ECK iD: the pupil, under the ECK iD's key", async () => {
    expect(await resolvePerson(client, school, typed("NEPPI", "neppi-a"))).toEqual({
      kind: "student",
      key: studentKey(ECK_A),
      name: "Anna Jansen",
      maskedId: "NEPPI ••••pi-a",
      user: { userIds: [{ userId: "neppi-a", userIdType: "NEPPI" }] },
      logIdentifier: "NEPPI:neppi-a",
    });
  });

  it("a NEPPI of a pupil whose key comes from their ASI: the pupil, under the ASI's key", async () => {
    const p = await resolvePerson(client, school, typed("NEPPI", "neppi-b"));
    expect(p).toMatchObject({ kind: "student", key: studentKey("ASI:asi-b"), name: "Bram de Vries" });
    expect(p!.key).not.toBe(studentKey("NEPPI:neppi-b"));
  });

  it("the ASI itself finds the same pupil and key", async () => {
    expect(await resolvePerson(client, school, typed("ASI", "asi-b"))).toMatchObject({
      kind: "student",
      key: studentKey("ASI:asi-b"),
      name: "Bram de Vries",
    });
  });

  it("an ECK iD the LAS sent as a userIds entry, and a NEPPI of that pupil: the same pupil", async () => {
    expect(await resolvePerson(client, school, typed("eckId", ECK_E))).toMatchObject({
      kind: "student",
      key: studentKey(ECK_E),
      name: "Eva Mulder",
      user: { userMasterIdentifier: ECK_E },
    });
    expect(await resolvePerson(client, school, typed("NEPPI", "neppi-e"))).toMatchObject({
      kind: "student",
      key: studentKey(ECK_E),
      name: "Eva Mulder",
    });
  });

  it("a NEPPI two pupils share: nobody's (no name, a key no pupil has), still asked about by that NEPPI", async () => {
    const p = await resolvePerson(client, school, typed("NEPPI", "neppi-shared"));
    expect(p).toMatchObject({
      kind: "unknown",
      name: undefined,
      key: studentKey("ambiguous\u0000NEPPI:neppi-shared"),
      user: { userIds: [{ userId: "neppi-shared", userIdType: "NEPPI" }] },
    });
    expect([studentKey("ASI:asi-c"), studentKey("ASI:asi-d"), studentKey("NEPPI:neppi-shared")]).not.toContain(p!.key);
  });

  it("a NEPPI no pupil has: unknown, under the key of the identifier itself", async () => {
    expect(await resolvePerson(client, school, typed("NEPPI", "neppi-nobody"))).toMatchObject({
      kind: "unknown",
      name: undefined,
      key: studentKey("NEPPI:neppi-nobody"),
    });
  });

  it("a known employee's ASI is the employee, as before", async () => {
    expect(await resolvePerson(client, school, typed("ASI", "emp-01"))).toMatchObject({
      kind: "employee",
      key: "e".repeat(32),
      name: "Mevr. Docent",
    });
  });

  it("without the student list (the LAS fails): unknown, under the key of the identifier itself, the lookup still answered", async () => {
    expect(await resolvePerson(client, down, typed("NEPPI", "neppi-a"))).toMatchObject({
      kind: "unknown",
      name: undefined,
      key: studentKey("NEPPI:neppi-a"),
    });
    expect(await resolvePerson(client, down, typed("eckId", ECK_A))).toMatchObject({ kind: "unknown", key: studentKey(ECK_A) });
  });
});
