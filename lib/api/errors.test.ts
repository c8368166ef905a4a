import { describe, expect, it } from "vitest";
import { SourceError } from "@/lib/sources/errors";
import { toErrorResponse, UnreadableRecordError, type ApiErrorBody } from "./errors";

const WINTER = Date.UTC(2026, 2, 2, 13, 5, 30); // 14:05:30 in Amsterdam (CET)
const SUMMER = Date.UTC(2026, 6, 1, 12, 5, 30); // 14:05:30 in Amsterdam (CEST)

async function answer(err: unknown, lang: "nl" | "en", now?: number) {
  const res = toErrorResponse(err, lang, now);
  return {
    status: res.status,
    retryAfter: res.headers.get("retry-after"),
    cacheControl: res.headers.get("cache-control"),
    body: (await res.json()) as ApiErrorBody,
  };
}

describe("Source errors at the BFF", () => {
  it.each([
    ["nl", WINTER, "De bron is druk; volgende poging om 14:05:30."],
    ["en", WINTER, "The Source is busy; next try at 14:05:30."],
    ["nl", SUMMER, "De bron is druk; volgende poging om 14:05:30."],
  ] as const)("busy with a retryAt (%s): 503, Retry-After in seconds, the time of day in Amsterdam", async (lang, retryAt, message) => {
    const err = new SourceError("busy", "lr-a", { httpStatus: 429, detail: "get-usage", retryAt });
    const got = await answer(err, lang, retryAt - 29_500);
    expect(got).toEqual({
      status: 503,
      retryAfter: "30",
      cacheControl: "no-store",
      body: { error: { code: "busy", message, sourceId: "lr-a", retryAt: new Date(retryAt).toISOString() } },
    });
  });

  it("busy without a known time: 503 with the kind's own words and no Retry-After", async () => {
    const got = await answer(new SourceError("busy", "lr-a", { httpStatus: 429 }), "nl");
    expect(got.status).toBe(503);
    expect(got.retryAfter).toBeNull();
    expect(got.body.error).toEqual({ code: "busy", message: "De bron is druk en vraagt later terug te komen.", sourceId: "lr-a" });
  });

  it("a retryAt already past still asks the browser to wait a second, not zero", async () => {
    const got = await answer(new SourceError("busy", "lr-a", { retryAt: WINTER }), "en", WINTER + 5_000);
    expect(got.retryAfter).toBe("1");
  });

  it.each([
    ["nl", "De bron stuurde een te groot antwoord; het is niet gelezen."],
    ["en", "The Source sent an answer too large to read."],
  ] as const)("too_large (%s): 502 with the fixed words, no detail or cap", async (lang, message) => {
    const got = await answer(
      new SourceError("too_large", "las-a", { httpStatus: 200, detail: "get-students-for-school over 67108864 bytes" }),
      lang,
    );
    expect(got.status).toBe(502);
    expect(got.retryAfter).toBeNull();
    expect(got.body).toEqual({ error: { code: "too_large", message, sourceId: "las-a" } });
  });

  it.each([
    ["request_rejected", 400, 12, "De bron wees het verzoek af als onjuist (0012).", "0012"],
    ["request_rejected", 400, undefined, "De bron wees het verzoek af als onjuist.", undefined],
    ["school_unknown", 404, 23, "De school is onbekend bij de bron (0023).", "0023"],
    ["consent_missing", 403, undefined, "Toestemming ontbreekt bij de bron voor deze school en gegevensdienst.", undefined],
  ] as const)(
    "%s from HTTP %s with code %s: 502, the words name the code received and no other",
    async (kind, httpStatus, statusCode, message, shown) => {
      const got = await answer(new SourceError(kind, "lr-a", { httpStatus, statusCode, statusMessage: "vrije tekst" }), "nl");
      expect(got.status).toBe(502);
      expect(got.body).toEqual({ error: { code: kind, message, sourceId: "lr-a", statusCode: shown } });
    },
  );

  it("other kinds keep their status: a timeout 504, an invalid answer 502", async () => {
    expect((await answer(new SourceError("timeout", "las-a"), "nl")).status).toBe(504);
    expect((await answer(new SourceError("invalid_answer", "las-a"), "nl")).status).toBe(502);
  });
});

describe("a person's record the Source sent but that could not be read", () => {
  it.each([
    [
      "nl",
      ["givenName"],
      "De bron stuurde het record van deze persoon, maar het kon niet worden gelezen: veld givenName. De persoon staat wel in de lijst van de bron; de bron moet het record herstellen.",
    ],
    [
      "en",
      ["givenName", "userIds[].userIdType"],
      "The Source sent this person's record, but it could not be read: fields givenName, userIds[].userIdType. The person is in the Source's list; the Source must repair the record.",
    ],
  ] as const)("502 unreadable_record (%s) naming the field paths, never 'not found'", async (lang, fields, message) => {
    const got = await answer(new UnreadableRecordError("las-b", fields), lang);
    expect(got).toEqual({
      status: 502,
      retryAfter: null,
      cacheControl: "no-store",
      body: { error: { code: "unreadable_record", message, sourceId: "las-b", fields: [...fields] } },
    });
    expect(got.body.error.message).not.toMatch(/niet gevonden|not found/i);
  });
});
