import { describe, expect, it } from "vitest";
import type { EduvClient } from "@/lib/sources/transport/client";
import { otherFieldsOf, entitlementView } from "./entitlement-view";
import { SourceError } from "@/lib/sources/errors";
import { parseList } from "@/lib/sources/reading/parse-list";
import type { AnyOperation } from "@/lib/sources/operations/define";
import { registryProblemText } from "@/lib/i18n/outcome-words";
import { schoolUserUsageSchema } from "@/lib/sources/reading/schemas/usage";
import { parseSourcesConfig } from "@/lib/sources/config";
import { lookupUsage, scopeOf, type EntitlementRow, type RegistryOutcome } from "./usage";

process.env.ACCESS_LOG_HASH_KEY ??= "a-test-key-for-person-hashes-of-32-chars";

const config = parseSourcesConfig({
  client: { clientId: "ldb" },
  schools: [{ id: "school", name: "School", sector: "VO", organisationMasterIdentifier: "900B201" }],
  sources: [
    ["lr-a", "Licentieregistratie Alfa", "licentieregistratie"],
    ["lr-b", "Licentieregistratie Kompas", "licentieregistratie"],
    ["am", "Aanspraakmanager", "aanspraakmanager"],
  ].map(([id, name, kind]) => ({
    id,
    name,
    kind,
    baseUrl: `https://x.example/${id}`,
    tokenEndpoint: `https://x.example/${id}/token`,
    auth: { method: "private_key_jwt" },
    apis: ["usage"],
    scopes: ["eduv.usage.dashboard"],
    schools: ["school"],
  })),
});
const school = config.schools[0]!;
const usageSchema = schoolUserUsageSchema("lenient");

/** What each Source answers: raw usage records (read by the client's own lenient parser), or an error thrown. */
type Script = Record<string, unknown[] | SourceError>;
function fakeClient(script: Script): EduvClient {
  return {
    config,
    async call(_op: AnyOperation, sourceId: string) {
      const answer = script[sourceId]!;
      if (answer instanceof SourceError) throw answer;
      const { records, report } = parseList(usageSchema, answer);
      return { records, report, meta: { sourceId, httpStatus: 200, latencyMs: 1, apiVersion: "1", grantedScopes: [], bytes: 100 } };
    },
  } as unknown as EduvClient;
}

const SCHOOL_REF = { organisationMasterIdentifier: "900B201" };
const item = (productId: string, entitlementStatus: string, extra: object = {}) => ({
  entitlementId: `E-${productId}`,
  productId,
  productTitle: `Titel ${productId}`,
  entitlementStatus,
  ...extra,
});
const record = (user: string, entitlements: unknown[], totals: object = {}) => ({
  school: SCHOOL_REF,
  user: { userMasterIdentifier: user },
  entitlements,
  ...totals,
});
let n = 0;
const someone = () => ({ userMasterIdentifier: `https://ketenid.nl/test/${++n}` });

describe("a usage lookup says which registries its totals cover", () => {
  it("adds up only the registries that answered; one that failed is named, not read as zero; the Aanspraakmanager's 405 is neither", async () => {
    const user = someone();
    const answer = await lookupUsage(
      fakeClient({
        "lr-a": [
          record(user.userMasterIdentifier, [item("978A", "licensed"), item("978B", "entitled")], {
            totalLicensed: 1,
            totalEntitled: 1,
            totalCancelled: 0,
            totalBlocked: 0,
            totalExpired: 0,
          }),
        ],
        "lr-b": new SourceError("server_error", "lr-b", { httpStatus: 500 }),
        am: new SourceError("method_not_allowed", "am", { httpStatus: 405 }),
      }),
      school,
      user,
      { refresh: true },
    );
    expect(answer.totals).toEqual({ entitled: 1, licensed: 1, cancelled: 0, blocked: 0, expired: 0 });
    expect(answer.scope).toEqual({
      counted: ["Licentieregistratie Alfa"],
      notCounted: ["Licentieregistratie Kompas"],
      withoutEntitlements: [],
    });
  });

  it("every registry answered, none holds anything: all counted, all without entitlements", async () => {
    const answer = await lookupUsage(
      fakeClient({
        "lr-a": new SourceError("not_found", "lr-a"),
        "lr-b": [record("x", [])],
        am: new SourceError("method_not_allowed", "am"),
      }),
      school,
      someone(),
      { refresh: true },
    );
    expect(answer.scope).toEqual({
      counted: ["Licentieregistratie Alfa", "Licentieregistratie Kompas"],
      notCounted: [],
      withoutEntitlements: ["Licentieregistratie Alfa", "Licentieregistratie Kompas"],
    });
    expect(answer.registries.map((r) => r.status)).toEqual(["unknown_user", "ok", "method_not_allowed"]);
  });

  it("a record that failed validation is 'unreadable' with its field paths, never 'unknown person' or a generic invalid answer", async () => {
    const user = someone();
    const bad = { school: SCHOOL_REF, entitlements: [item("978A", "licensed")] }; // no user: the sandbox's corrupt()
    const answer = await lookupUsage(
      fakeClient({ "lr-a": [bad], "lr-b": new SourceError("not_found", "lr-b"), am: new SourceError("method_not_allowed", "am") }),
      school,
      user,
      { refresh: true },
    );
    expect(answer.registries[0]).toMatchObject({ status: "unreadable", unreadableFields: ["user"], entitlements: [] });
    expect(answer.scope.notCounted).toEqual(["Licentieregistratie Alfa"]);
    expect(registryProblemText(answer.registries[0]!, "nl")).toBe(
      "De bron stuurde het record van deze persoon, maar het kon niet worden gelezen: veld user.",
    );
    expect(registryProblemText(answer.registries[0]!, "en")).toBe(
      "The Source sent this person's record, but it could not be read: field user.",
    );
  });

  it("counts the items a registry sent that could not be read, with their field paths; the odd item that could be read is kept", async () => {
    const user = someone();
    const items = [
      item("978A", "licensed"),
      { ean: "978X", status: "active", title: "Ander" },
      item("978C", "licensed", { startDate: "2025-02-31" }),
      "not an object",
    ];
    const answer = await lookupUsage(
      fakeClient({
        "lr-a": [record(user.userMasterIdentifier, items)],
        "lr-b": new SourceError("not_found", "lr-b"),
        am: new SourceError("method_not_allowed", "am"),
      }),
      school,
      user,
      { refresh: true },
    );
    const a = answer.registries[0]!;
    expect(a.status).toBe("ok");
    expect(a.entitlements).toHaveLength(2);
    expect(a.leftOutItems).toEqual({ count: 2, paths: { "entitlements[].startDate": 1, "entitlements[]": 1 } });
    expect(answer.totals.licensed).toBe(1); // counted from the items read: the odd one has no status we know
  });

  it("busy keeps the time the Source named; the words give it as HH:MM:SS in Amsterdam", async () => {
    const retryAt = Date.UTC(2026, 2, 2, 13, 7, 0); // 14:07:00 CET
    const answer = await lookupUsage(
      fakeClient({
        "lr-a": new SourceError("busy", "lr-a", { httpStatus: 429, retryAt }),
        "lr-b": new SourceError("too_large", "lr-b"),
        am: new SourceError("method_not_allowed", "am"),
      }),
      school,
      someone(),
      { refresh: true },
    );
    expect(answer.registries[0]).toMatchObject({ status: "busy", retryAt: new Date(retryAt).toISOString() });
    expect(registryProblemText(answer.registries[0]!, "nl")).toBe("De bron is druk; volgende poging om 14:07:00.");
    expect(registryProblemText(answer.registries[1]!, "nl")).toBe("De bron stuurde een te groot antwoord; het is niet gelezen.");
    expect(answer.scope).toEqual({
      counted: [],
      notCounted: ["Licentieregistratie Alfa", "Licentieregistratie Kompas"],
      withoutEntitlements: [],
    });
    expect(answer.totals).toEqual({ entitled: 0, licensed: 0, cancelled: 0, blocked: 0, expired: 0 });
  });

  it("a cached answer tells its age; a fresh one is 0", async () => {
    const user = someone();
    const client = fakeClient({
      "lr-a": [record(user.userMasterIdentifier, [item("978A", "licensed")])],
      "lr-b": new SourceError("not_found", "lr-b"),
      am: new SourceError("method_not_allowed", "am"),
    });
    expect((await lookupUsage(client, school, user, { refresh: true })).ageMs).toBe(0);
    await new Promise((r) => setTimeout(r, 20));
    expect((await lookupUsage(client, school, user)).ageMs).toBeGreaterThanOrEqual(15);
  });
});

describe("scopeOf", () => {
  const reg = (
    sourceName: string,
    status: RegistryOutcome["status"],
    sourceKind: RegistryOutcome["sourceKind"] = "licentieregistratie",
    entitlements: EntitlementRow[] = [],
  ): RegistryOutcome => ({ sourceId: sourceName, sourceName, sourceKind, status, entitlements });
  it("an unreadable record, a timeout and a 405 of a Licentieregistratie are not counted; an Aanspraakmanager's 405 is left out of both", () => {
    expect(
      scopeOf([
        reg("A", "unreadable"),
        reg("B", "timeout"),
        reg("C", "method_not_allowed"),
        reg("D", "method_not_allowed", "aanspraakmanager"),
        reg("E", "unknown_user"),
      ]),
    ).toEqual({
      counted: ["E"],
      notCounted: ["A", "B", "C"],
      withoutEntitlements: ["E"],
    });
  });
});

describe("an entitlement item that lacks what we expect", () => {
  it("shows its other scalar fields, at most 8, values cut at 80 characters; objects and our own fields are not repeated", () => {
    const long = "x".repeat(100);
    const e = {
      sourceId: "lr-a",
      sourceName: "A",
      ean: "978X",
      status: "active",
      title: long,
      seats: 1,
      shared: false,
      nested: { a: 1 },
      f1: "1",
      f2: "2",
      f3: "3",
      f4: "4",
      f5: "5",
    } as unknown as EntitlementRow;
    const fields = otherFieldsOf(e);
    expect(fields).toHaveLength(8);
    expect(fields.slice(0, 5)).toEqual([
      ["ean", "978X"],
      ["status", "active"],
      ["title", `${"x".repeat(79)}…`],
      ["seats", "1"],
      ["shared", "false"],
    ]);
    expect(fields.map(([k]) => k)).not.toContain("nested");
    expect(fields.map(([k]) => k)).not.toContain("sourceName");
  });

  it("its meaning is unknown (never working); an item with a product code gets no field list", () => {
    expect(entitlementView({ sourceId: "lr-a", sourceName: "A", ean: "978X" } as unknown as EntitlementRow, "2026-03-02")).toMatchObject({
      meaning: "unknown",
      otherFields: [["ean", "978X"]],
    });
    expect(
      entitlementView(
        { sourceId: "lr-a", sourceName: "A", productId: "978A", entitlementStatus: "licensed" } as EntitlementRow,
        "2026-03-02",
      ),
    ).not.toHaveProperty("otherFields");
  });
});
