import { describe, expect, it } from "vitest";
import { EduvClient } from "@/lib/sources/transport/client";
import { registryProblemText } from "@/lib/i18n/outcome-words";
import { fakeFetch, json, testConfig } from "@/lib/sources/testing/fixtures";
import { TokenProvider } from "@/lib/sources/transport/token";
import { SCHOOL_WIDE, lookupUsage } from "./usage";

process.env.ACCESS_LOG_HASH_KEY ??= "a-test-key-for-person-hashes-of-32-chars";

/**
 * Issue 21, item 3 (ERRATA 36): a Licentieregistratie's 404 that names 0023 says the school is
 * unknown there, not that the person holds no licences: a registry fault, neither cached as an
 * answer nor counted. A 404 without such a code still means "does not know this person".
 */
function registry(answer: () => Response) {
  const fake = fakeFetch({
    "POST /lr/oauth2/token": () => json({ access_token: "u1", token_type: "Bearer", expires_in: 300 }),
    "POST /lr/v1/usage/school/user": answer,
  });
  const tokens = new TokenProvider({
    signingKey: () => Promise.reject(new Error("not used: lr uses client_secret_basic")),
    fetch: fake.fetch,
    secret: () => "pw",
  });
  const client = new EduvClient({
    config: testConfig("http://localhost:9"),
    tokens,
    fetch: fake.fetch,
    maxAttempts: 1,
    breakerThreshold: 1_000,
  });
  const usageCalls = () => fake.calls.filter((c) => c.url.endsWith("/usage/school/user")).length;
  return { client, school: client.config.schools[0]!, usageCalls };
}

let n = 0;
const someone = () => ({ userMasterIdentifier: `https://ketenid.nl/201703/school-unknown-${++n}` });

describe("a usage lookup at a registry that answers 404", () => {
  it("404 naming 0023: the registry's status is school_unknown with its code, not counted, not read as zero licences", async () => {
    const { client, school } = registry(() => json({ status: 23, statusMessage: "edu_org_id unknown" }, 404));
    const answer = await lookupUsage(client, school, someone());
    expect(answer.registries).toHaveLength(1);
    expect(answer.registries[0]).toMatchObject({ sourceId: "lr", status: "school_unknown", statusCode: "0023", entitlements: [] });
    expect(answer.registries[0]!.totals).toBeUndefined();
    expect(answer.scope).toEqual({ counted: [], notCounted: ["LR"], withoutEntitlements: [] });
    expect(registryProblemText(answer.registries[0]!, "nl")).toBe("De school is onbekend bij de bron (0023).");
    expect(registryProblemText(answer.registries[0]!, "en")).toBe("The school is unknown to the Source (0023).");
    // A refusal for the whole school: a fan-out asks this registry once, not for every pupil.
    expect(SCHOOL_WIDE.has(answer.registries[0]!.status)).toBe(true);
  });

  it("404 naming 0023 is not cached as an answer: the same person is asked again", async () => {
    const { client, school, usageCalls } = registry(() => json({ status: 23 }, 404));
    const user = someone();
    await lookupUsage(client, school, user);
    const again = await lookupUsage(client, school, user);
    expect(usageCalls()).toBe(2);
    expect(again.registries[0]).toMatchObject({ status: "school_unknown", statusCode: "0023" });
  });

  it.each([
    ["a bare 404", () => new Response(null, { status: 404 })],
    ["a 404 with 0099", () => json({ status: 99, statusMessage: "user not found" }, 404)],
    ["a 404 with a code Edu-V does not list", () => json({ status: 42 }, 404)],
  ])("%s: 'does not know this person', counted with zero licences and kept like any answer", async (_label, answer) => {
    const { client, school, usageCalls } = registry(answer);
    const user = someone();
    const first = await lookupUsage(client, school, user);
    expect(first.registries[0]).toMatchObject({
      status: "unknown_user",
      totals: { entitled: 0, licensed: 0, cancelled: 0, blocked: 0, expired: 0 },
    });
    expect(first.scope).toEqual({ counted: ["LR"], notCounted: [], withoutEntitlements: ["LR"] });
    expect(registryProblemText(first.registries[0]!, "nl")).toBeUndefined();
    await lookupUsage(client, school, user);
    expect(usageCalls()).toBe(1);
  });

  it("a 404 naming 0022 is consent missing, not an unknown person", async () => {
    const { client, school } = registry(() => json({ status: 22 }, 404));
    const answer = await lookupUsage(client, school, someone());
    expect(answer.registries[0]).toMatchObject({ status: "consent_missing", statusCode: "0022" });
    expect(answer.scope.counted).toEqual([]);
    expect(registryProblemText(answer.registries[0]!, "nl")).toBe(
      "Toestemming ontbreekt bij de bron voor deze school en gegevensdienst (0022).",
    );
  });
});
