import { describe, expect, it } from "vitest";
import { EduvClient } from "./transport/client";
import type { SourceErrorKind } from "./errors";
import { getUserUsage } from "./operations";
import { fakeFetch, json, rejection, testConfig } from "./testing/fixtures";
import { TokenProvider } from "./transport/token";
import { sourceErrorText } from "@/lib/i18n/outcome-words";
import type { Locale } from "@/lib/i18n/locale";

/** The words the dashboard shows for an error (lib/i18n), naming the code received where the kind speaks for one. */
const words = (err: { kind: SourceErrorKind; statusCode?: number }, lang: Locale) =>
  sourceErrorText(err.kind, lang, undefined, err.statusCode);

/**
 * Issue 21, items 3 and 4: the functional code decides the meaning wherever it appears; without a
 * code that says more, the HTTP status decides. Each row is an answer of a Source (HTTP status and
 * the StatusResponse's `status`) with the kind and the Dutch words the dashboard makes of it,
 * written out by hand. Read through the real client, so a 429 or 503 takes the client's busy path.
 */

// Words without a code, as the dashboard shows them.
const REJECTED = "De bron wees het verzoek af als onjuist.";
const SCOPE = "De bron geeft geen toegang: de benodigde scope ontbreekt.";
const CONSENT = "Toestemming ontbreekt bij de bron voor deze school en gegevensdienst.";
const TOKEN = "De bron accepteert het toegangstoken niet.";
const NOT_FOUND = "De bron kent deze gegevens niet.";
const NOT_LR = "Deze bron levert dit gegeven niet (405): het is geen Licentieregistratie.";
const BUSY = "De bron is druk en vraagt later terug te komen.";
const FAILURE = "De bron meldt een storing.";

// [HTTP status, functional code sent (undefined: no body), kind, Dutch message]
type Row = [number, number | undefined, SourceErrorKind, string];

const TABLE: Row[] = [
  [400, undefined, "request_rejected", REJECTED],
  [400, 11, "request_rejected", "De bron wees het verzoek af als onjuist (0011)."],
  [400, 12, "request_rejected", "De bron wees het verzoek af als onjuist (0012)."],
  [400, 21, "scope_missing", "De bron geeft geen toegang: de benodigde scope ontbreekt (0021)."],
  [400, 22, "consent_missing", "Toestemming ontbreekt bij de bron voor deze school en gegevensdienst (0022)."],
  [400, 23, "school_unknown", "De school is onbekend bij de bron (0023)."],
  [400, 99, "request_rejected", "De bron wees het verzoek af als onjuist (0099)."],
  [400, 42, "request_rejected", "De bron wees het verzoek af als onjuist (0042)."],

  [401, undefined, "token_invalid", TOKEN],
  [401, 11, "request_rejected", "De bron wees het verzoek af als onjuist (0011)."],
  [401, 12, "request_rejected", "De bron wees het verzoek af als onjuist (0012)."],
  [401, 21, "scope_missing", "De bron geeft geen toegang: de benodigde scope ontbreekt (0021)."],
  [401, 22, "consent_missing", "Toestemming ontbreekt bij de bron voor deze school en gegevensdienst (0022)."],
  [401, 23, "school_unknown", "De school is onbekend bij de bron (0023)."],
  [401, 99, "token_invalid", TOKEN],
  [401, 42, "token_invalid", TOKEN],

  [403, undefined, "consent_missing", CONSENT],
  [403, 11, "request_rejected", "De bron wees het verzoek af als onjuist (0011)."],
  [403, 12, "request_rejected", "De bron wees het verzoek af als onjuist (0012)."],
  [403, 21, "scope_missing", "De bron geeft geen toegang: de benodigde scope ontbreekt (0021)."],
  [403, 22, "consent_missing", "Toestemming ontbreekt bij de bron voor deze school en gegevensdienst (0022)."],
  [403, 23, "school_unknown", "De school is onbekend bij de bron (0023)."],
  [403, 99, "consent_missing", "Toestemming ontbreekt bij de bron voor deze school en gegevensdienst (0099)."],
  [403, 42, "consent_missing", "Toestemming ontbreekt bij de bron voor deze school en gegevensdienst (0042)."],

  [404, undefined, "not_found", NOT_FOUND],
  [404, 11, "request_rejected", "De bron wees het verzoek af als onjuist (0011)."],
  [404, 12, "request_rejected", "De bron wees het verzoek af als onjuist (0012)."],
  [404, 21, "scope_missing", "De bron geeft geen toegang: de benodigde scope ontbreekt (0021)."],
  [404, 22, "consent_missing", "Toestemming ontbreekt bij de bron voor deze school en gegevensdienst (0022)."],
  [404, 23, "school_unknown", "De school is onbekend bij de bron (0023)."],
  [404, 99, "not_found", NOT_FOUND],
  [404, 42, "not_found", NOT_FOUND],

  [405, undefined, "method_not_allowed", NOT_LR],
  [405, 11, "request_rejected", "De bron wees het verzoek af als onjuist (0011)."],
  [405, 12, "request_rejected", "De bron wees het verzoek af als onjuist (0012)."],
  [405, 21, "scope_missing", "De bron geeft geen toegang: de benodigde scope ontbreekt (0021)."],
  [405, 22, "consent_missing", "Toestemming ontbreekt bij de bron voor deze school en gegevensdienst (0022)."],
  [405, 23, "school_unknown", "De school is onbekend bij de bron (0023)."],
  [405, 99, "method_not_allowed", NOT_LR],
  [405, 42, "method_not_allowed", NOT_LR],

  [429, undefined, "busy", BUSY],
  [429, 11, "request_rejected", "De bron wees het verzoek af als onjuist (0011)."],
  [429, 12, "request_rejected", "De bron wees het verzoek af als onjuist (0012)."],
  [429, 21, "scope_missing", "De bron geeft geen toegang: de benodigde scope ontbreekt (0021)."],
  [429, 22, "consent_missing", "Toestemming ontbreekt bij de bron voor deze school en gegevensdienst (0022)."],
  [429, 23, "school_unknown", "De school is onbekend bij de bron (0023)."],
  [429, 99, "busy", BUSY],
  [429, 42, "busy", BUSY],

  [500, undefined, "server_error", FAILURE],
  [500, 11, "request_rejected", "De bron wees het verzoek af als onjuist (0011)."],
  [500, 12, "request_rejected", "De bron wees het verzoek af als onjuist (0012)."],
  [500, 21, "scope_missing", "De bron geeft geen toegang: de benodigde scope ontbreekt (0021)."],
  [500, 22, "consent_missing", "Toestemming ontbreekt bij de bron voor deze school en gegevensdienst (0022)."],
  [500, 23, "school_unknown", "De school is onbekend bij de bron (0023)."],
  [500, 99, "server_error", FAILURE],
  [500, 42, "server_error", FAILURE],

  [503, undefined, "server_error", FAILURE],
  [503, 11, "request_rejected", "De bron wees het verzoek af als onjuist (0011)."],
  [503, 12, "request_rejected", "De bron wees het verzoek af als onjuist (0012)."],
  [503, 21, "scope_missing", "De bron geeft geen toegang: de benodigde scope ontbreekt (0021)."],
  [503, 22, "consent_missing", "Toestemming ontbreekt bij de bron voor deze school en gegevensdienst (0022)."],
  [503, 23, "school_unknown", "De school is onbekend bij de bron (0023)."],
  [503, 99, "server_error", FAILURE],
  [503, 42, "server_error", FAILURE],
];

const FREE_TEXT = "vrije tekst van de bron die nooit getoond wordt";
const usageBody = { school: { organisationMasterIdentifier: "900A101" }, user: { userMasterIdentifier: "https://ketenid.nl/201703/test" } };

/** A client whose Licentieregistratie answers every usage call with `answer`: one attempt, no waiting for a busy Source. */
async function failureOf(answer: () => Response) {
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
    retryDelayMs: 1,
    breakerThreshold: 1_000,
    busyWaitBudgetMs: 0,
    busyPauseMs: 1,
  });
  return rejection(client.call(getUserUsage, "lr", { body: usageBody }));
}

describe("functional code × HTTP status → kind and Dutch words", () => {
  it("the table covers every code with every HTTP status once", () => {
    const cells = new Set(TABLE.map(([status, code]) => `${status}/${code ?? "-"}`));
    expect(cells.size).toBe(64);
    expect(TABLE).toHaveLength(64);
  });

  it.each(TABLE)("HTTP %s with code %s → %s: %s", async (httpStatus, code, kind, nl) => {
    const err = await failureOf(() =>
      code === undefined ? new Response(null, { status: httpStatus }) : json({ status: code, statusMessage: FREE_TEXT }, httpStatus),
    );
    expect({ kind: err.kind, nl: words(err, "nl"), httpStatus: err.httpStatus, statusCode: err.statusCode }).toEqual({
      kind,
      nl,
      httpStatus,
      statusCode: code,
    });
    expect(err.message).not.toContain(FREE_TEXT);
    expect(words(err, "en")).not.toContain(FREE_TEXT);
  });

  it("the code may come as a string ('0023' is 23) and still decides", async () => {
    const err = await failureOf(() => json({ status: "0023" }, 404));
    expect([err.kind, words(err, "nl")]).toEqual(["school_unknown", "De school is onbekend bij de bron (0023)."]);
  });

  it("a 401 with insufficient_scope and no code is a missing scope, naming no code; invalid_token stays a token problem", async () => {
    const scope = await failureOf(
      () => new Response(null, { status: 401, headers: { "WWW-Authenticate": 'Bearer error="insufficient_scope"' } }),
    );
    expect([scope.kind, words(scope, "nl")]).toEqual(["scope_missing", SCOPE]);
    const token = await failureOf(() => json({ status: 99 }, 401, { "WWW-Authenticate": 'Bearer error="invalid_token"' }));
    expect([token.kind, words(token, "nl")]).toEqual(["token_invalid", TOKEN]);
  });

  it("a 503 with Retry-After is busy unless its code says more", async () => {
    const busy = await failureOf(() => json({ status: 99 }, 503, { "Retry-After": "5" }));
    expect(busy.kind).toBe("busy");
    const consent = await failureOf(() => json({ status: 22 }, 503, { "Retry-After": "5" }));
    expect([consent.kind, words(consent, "nl"), consent.retryAt]).toEqual([
      "consent_missing",
      "Toestemming ontbreekt bij de bron voor deze school en gegevensdienst (0022).",
      undefined,
    ]);
  });

  it("English words name the same code", async () => {
    const err = await failureOf(() => json({ status: 12 }, 400));
    expect(words(err, "en")).toBe("The Source rejected the request as incorrect (0012).");
    // The error's own message is for a developer: codes only, never words.
    expect(err.message).toBe("lr: request_rejected (0012)");
  });
});
