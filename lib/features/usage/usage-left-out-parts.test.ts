import { describe, expect, it } from "vitest";
import { leftOutPaths } from "@/components/usage/words";
import type { EduvClient } from "@/lib/sources/transport/client";
import { SourceError } from "@/lib/sources/errors";
import { parseList } from "@/lib/sources/reading/parse-list";
import type { AnyOperation } from "@/lib/sources/operations/define";
import { schoolUserUsageSchema } from "@/lib/sources/reading/schemas/usage";
import { parseSourcesConfig } from "@/lib/sources/config";
import { lookupUsage } from "./usage";

process.env.ACCESS_LOG_HASH_KEY ??= "a-test-key-for-person-hashes-of-32-chars";

/**
 * Issue 21: an answer reports what was left out of it whenever anything was, a lone total included
 * (before, only left-out entitlements set `leftOutItems`, so a left-out total was not shown).
 */
const config = parseSourcesConfig({
  client: { clientId: "ldb" },
  schools: [{ id: "school", name: "School", sector: "VO", organisationMasterIdentifier: "900B201" }],
  sources: [
    {
      id: "lr-a",
      name: "Licentieregistratie Alfa",
      kind: "licentieregistratie",
      baseUrl: "https://x.example/lr-a",
      tokenEndpoint: "https://x.example/lr-a/token",
      auth: { method: "private_key_jwt" },
      apis: ["usage"],
      scopes: ["eduv.usage.dashboard"],
      schools: ["school"],
    },
  ],
});
const school = config.schools[0]!;
const usageSchema = schoolUserUsageSchema("lenient");
const clientAnswering = (answer: unknown[]) =>
  ({
    config,
    async call(_op: AnyOperation, sourceId: string) {
      const { records, report } = parseList(usageSchema, answer);
      return { records, report, meta: { sourceId, httpStatus: 200, latencyMs: 1, apiVersion: "1", grantedScopes: [], bytes: 100 } };
    },
  }) as unknown as EduvClient;
const item = (productId: string, entitlementStatus: string, extra: object = {}) => ({
  entitlementId: `E-${productId}`,
  productId,
  entitlementStatus,
  ...extra,
});
let n = 0;
const ask = async (totals: object, entitlements: unknown[]) => {
  const user = { userMasterIdentifier: `https://ketenid.nl/test/parts-${++n}` };
  const answer = await lookupUsage(
    clientAnswering([{ school: { organisationMasterIdentifier: "900B201" }, user, entitlements, ...totals }]),
    school,
    user,
    { refresh: true },
  );
  return answer.registries[0]!;
};

describe("left-out parts of a usage answer", () => {
  it("a lone left-out total is reported (0 items, 1 part); the total is counted from the entitlements", async () => {
    const r = await ask({ totalLicensed: "drie" }, [item("978A", "licensed"), item("978B", "licensed")]);
    expect(r.status).toBe("ok");
    expect(r.leftOutItems).toEqual({ count: 0, parts: 1, paths: { totalLicensed: 1 } });
    expect(r.totals?.licensed).toBe(2);
  });

  it("two left-out totals and one left-out entitlement: 1 item, 2 parts, every path", async () => {
    const r = await ask({ totalEntitled: -1, totalBlocked: 2.5, totalLicensed: 1 }, [item("978A", "licensed"), "not an object"]);
    expect(r.leftOutItems).toEqual({ count: 1, parts: 2, paths: { totalEntitled: 1, totalBlocked: 1, "entitlements[]": 1 } });
    expect(r.entitlements.map((e) => e.productId)).toEqual(["978A"]);
  });

  it("only a left-out entitlement: as before, no parts", async () => {
    const r = await ask({}, [item("978A", "licensed"), item("978C", "licensed", { startDate: "2025-02-31" })]);
    expect(r.leftOutItems).toEqual({ count: 1, paths: { "entitlements[].startDate": 1 } });
  });

  it("nothing left out: nothing reported", async () => {
    expect((await ask({ totalLicensed: 1 }, [item("978A", "licensed")])).leftOutItems).toBeUndefined();
  });

  it("the lookup page splits the paths: entitlement items' for the items' words, the others' for the parts' words", () => {
    const paths = { totalEntitled: 1, "entitlements[]": 1, "entitlements[].startDate": 2, totalBlocked: 1 };
    expect(leftOutPaths(paths, true)).toEqual(["entitlements[]", "entitlements[].startDate"]);
    expect(leftOutPaths(paths, false)).toEqual(["totalEntitled", "totalBlocked"]);
  });

  it("a refusal carries no left-out parts", async () => {
    const user = { userMasterIdentifier: "https://ketenid.nl/test/refused" };
    const refusing = {
      config,
      async call() {
        throw new SourceError("consent_missing", "lr-a", { httpStatus: 403 });
      },
    } as unknown as EduvClient;
    expect((await lookupUsage(refusing, school, user, { refresh: true })).registries[0]!.leftOutItems).toBeUndefined();
  });
});
