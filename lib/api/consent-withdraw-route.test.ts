import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as withdraw } from "@/app/api/consent/withdraw/route";
import { sessions, users } from "@/lib/db/auth-schema";
import { getStore } from "@/lib/db/client";
import { consentHistory, createConsentRequest, recordProviderStatus } from "@/lib/db/consent";
import { consentRequests, consentRevokes } from "@/lib/db/schema";
import { AnswerCache } from "@/lib/sources/answer-cache";
import { CSRF_HEADER } from "./route";

process.env.PGLITE_DIR = "memory://";
process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";

const BASE = "http://localhost:3000";
const HORIZON = "sg-de-horizon";
const MERIDIAAN = "meridiaan-college";
const REASON = "De school stopt met deze leerlingadministratie.";

// The words of nl.json and en.json, written out.
const WITHDRAW_CONFLICT_NL =
  "Er is (nu) niets in te trekken: deze aanbieder heeft geen toestemming van de school voor deze API, of een intrekking is al onderweg.";
const WITHDRAW_CONFLICT_EN =
  "There is nothing to withdraw (now): this Provider holds no consent of the school for this API, or a withdrawal is already on its way.";
const WITHDRAW_NOT_FOUND_NL = "Er is voor deze aanbieder geen toestemming voor deze API om in te trekken bij deze school.";
const FORBIDDEN_NL = "Uw rol geeft geen toegang tot deze gegevens voor deze school.";

/** The confirmed request of De Horizon at las-b for students-api, as the Provider's statuses left it. */
let confirmedId: string;

beforeAll(async () => {
  const { db } = await getStore();
  const people = [
    { id: "cm", email: "r.vandijk@sgdehorizon.example", idpRoles: [`consent:${HORIZON}`, "consent:cbs-de-wegwijzer"] },
    { id: "cm-meridiaan", email: "cm@meridiaan.example", idpRoles: [`consent:${MERIDIAAN}`] },
    { id: "adm", email: "adm@sgdehorizon.example", idpRoles: [`schooladmin:${HORIZON}`, `support:${HORIZON}`, `auditor:${HORIZON}`] },
  ];
  for (const p of people) {
    await db.insert(users).values(p);
    await db.insert(sessions).values({ sessionToken: `tok-${p.id}`, userId: p.id, expires: new Date(Date.now() + 3_600_000) });
  }
  const row = await createConsentRequest(db, {
    schoolId: HORIZON,
    providerId: "las-b",
    api: "students-api",
    scopes: ["eduv.student.basic"],
    delivery: "put",
    send: true,
    actor: "r.vandijk@sgdehorizon.example",
  });
  await recordProviderStatus(db, "las-b", {
    consumerReferenceId: row.consumerReferenceId,
    providerReferenceId: "B-1",
    providerStatus: "confirmed",
  });
  confirmedId = row.consumerReferenceId;
});

const post = (school: string, who: string, body: unknown, lang?: "en") =>
  withdraw(
    new Request(`${BASE}/api/consent/withdraw?school=${school}`, {
      method: "POST",
      headers: {
        cookie: `ldb.session=tok-${who}${lang ? "; ldb.lang=en" : ""}`,
        [CSRF_HEADER]: "1",
        origin: BASE,
        "sec-fetch-site": "same-origin",
        "content-type": "application/json",
      },
      body: JSON.stringify(body),
    }),
  );
const error = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;
const revokes = async () => (await getStore()).db.select().from(consentRevokes);
const requestStatus = async () =>
  (await (await getStore()).db.select().from(consentRequests).where(eq(consentRequests.consumerReferenceId, confirmedId)))[0]!.status;

const pair = { providerId: "las-b", api: "students-api", reason: REASON };

describe("POST /api/consent/withdraw: refused before anything is stored", () => {
  it("a school administrator without the consent role: 403", async () => {
    const res = await post(HORIZON, "adm", pair);
    expect(res.status).toBe(403);
    expect(await error(res)).toEqual({ code: "forbidden", message: FORBIDDEN_NL });
    expect(await revokes()).toEqual([]);
    expect(await requestStatus()).toBe("confirmed");
  });

  it("another school's consent manager cannot withdraw this school's consent: 403 here, and at their own school there is nothing of it", async () => {
    const here = await post(HORIZON, "cm-meridiaan", pair);
    expect(here.status).toBe(403);
    expect((await error(here)).code).toBe("forbidden");
    // las-b serves Meridiaan too, but Meridiaan has no consent there: the Horizon request is not theirs to name.
    const own = await post(MERIDIAAN, "cm-meridiaan", pair);
    expect(own.status).toBe(409);
    expect(await error(own)).toEqual({ code: "conflict", message: WITHDRAW_CONFLICT_NL });
    // A consent manager of De Horizon at a school of their own that las-b does not serve.
    const wegwijzer = await post("cbs-de-wegwijzer", "cm", pair);
    expect(wegwijzer.status).toBe(404);
    expect(await error(wegwijzer)).toEqual({ code: "not_found", message: WITHDRAW_NOT_FOUND_NL });
    expect(await revokes()).toEqual([]);
    expect(await requestStatus()).toBe("confirmed");
  });

  it("an API the Provider does not take (usage-api at las-b), or a Provider not at the school (las-a): 404", async () => {
    for (const body of [
      { ...pair, api: "usage-api" },
      { ...pair, providerId: "las-a" },
    ]) {
      const res = await post(HORIZON, "cm", body);
      expect(res.status, JSON.stringify(body)).toBe(404);
      expect(await error(res)).toEqual({ code: "not_found", message: WITHDRAW_NOT_FOUND_NL });
    }
    expect(await revokes()).toEqual([]);
  });

  it("a reason of 9 characters, also when padded with spaces: 400 invalid input naming body.reason", async () => {
    for (const reason of ["Te vroeg!", "    Te vroeg!    "]) {
      const res = await post(HORIZON, "cm", { ...pair, reason });
      expect(res.status, reason).toBe(400);
      const { code, message } = await error(res);
      expect(code).toBe("invalid_input");
      expect(message.startsWith("De invoer is onjuist. body.reason: ")).toBe(true);
    }
    // A field the contract does not have, and an API Edu-V does not name.
    expect((await post(HORIZON, "cm", { ...pair, consumerReferenceId: confirmedId })).status).toBe(400);
    expect((await post(HORIZON, "cm", { ...pair, api: "nonsense-api" })).status).toBe(400);
    expect(await revokes()).toEqual([]);
    expect(await requestStatus()).toBe("confirmed");
  });
});

describe("POST /api/consent/withdraw by the school's consent manager", () => {
  it("withdraws the confirmed request: 202 queued, the request revoked, las-b's cached answers for the school dropped; again: 409", async () => {
    const cache = new AnswerCache<string>({ maxEntries: 10, maxBytes: 100, ttlMs: 60_000 });
    const key = (sourceId: string, schoolId: string) =>
      AnswerCache.key({ sourceId, schoolId, operationId: "get-students-for-school", query: {}, scopes: ["eduv.student.basic"] });
    const cached = async (k: string) => (await cache.get(k, async () => ({ value: "fresh", bytes: 1 }))).fromCache;
    for (const k of [key("las-b", HORIZON), key("las-b", MERIDIAAN), key("las-a", HORIZON)])
      await cache.get(k, async () => ({ value: "before", bytes: 1 }));

    const res = await post(HORIZON, "cm", { ...pair, reason: `  ${REASON}  ` });
    expect(res.status).toBe(202);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { revokeId: string; status: string };
    expect(Object.keys(body).sort()).toEqual(["revokeId", "status"]);
    expect(body.status).toBe("queued");
    expect(body.revokeId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    expect(await revokes()).toMatchObject([
      {
        revokeId: body.revokeId,
        schoolId: HORIZON,
        providerId: "las-b",
        api: "students-api",
        consumerReferenceId: confirmedId,
        providerReferenceId: "B-1",
        scopes: ["eduv.student.basic"],
        reason: REASON,
        status: "queued",
        attempts: 0,
        createdBy: "r.vandijk@sgdehorizon.example",
      },
    ]);
    expect(await requestStatus()).toBe("revoked");
    const { db } = await getStore();
    expect((await consentHistory(db, confirmedId)).at(-1)).toMatchObject({
      actor: "r.vandijk@sgdehorizon.example",
      event: "withdrawn",
      detail: REASON,
    });
    // In force for the school at once: what las-b said about De Horizon is not served from the cache.
    expect(await cached(key("las-b", HORIZON))).toBe(false);
    expect(await cached(key("las-b", MERIDIAAN))).toBe(true);
    expect(await cached(key("las-a", HORIZON))).toBe(true);

    const again = await post(HORIZON, "cm", pair);
    expect(again.status).toBe(409);
    expect(await error(again)).toEqual({ code: "conflict", message: WITHDRAW_CONFLICT_NL });
    const english = await post(HORIZON, "cm", pair, "en");
    expect(english.status).toBe(409);
    expect(await error(english)).toEqual({ code: "conflict", message: WITHDRAW_CONFLICT_EN });
    expect(await revokes()).toHaveLength(1);
  });
});
