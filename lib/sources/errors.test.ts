import { describe, expect, it, vi } from "vitest";
import { SOURCE_ERROR_KINDS, SourceError, SourceRequestError, kindForHttpError, sourceErrorMessages, type SourceErrorKind } from "./errors";

describe("Source error kinds", () => {
  it("busy and too_large are known kinds, read back from storage like the others", () => {
    const kinds: SourceErrorKind[] = ["busy", "too_large"];
    for (const kind of kinds) {
      expect(SOURCE_ERROR_KINDS.has(kind)).toBe(true);
      expect(sourceErrorMessages(kind).nl).toBeTruthy();
    }
  });

  it("a 429 is busy, never an invalid answer, whatever its body", () => {
    expect(kindForHttpError(429, undefined, null)).toBe("busy");
    expect(kindForHttpError(429, 99, null)).toBe("busy");
  });

  it("a code with a meaning of its own decides at any HTTP status; without one the HTTP status does (ERRATA 36)", () => {
    expect(kindForHttpError(404, 23, null)).toBe("school_unknown");
    expect(kindForHttpError(404, undefined, null)).toBe("not_found");
    expect(kindForHttpError(404, 99, null)).toBe("not_found");
    expect(kindForHttpError(401, 22, 'Bearer error="insufficient_scope"')).toBe("consent_missing");
    expect(kindForHttpError(403, 23, null)).toBe("school_unknown");
    expect(kindForHttpError(503, 99, null, { busy: true })).toBe("busy");
    expect(kindForHttpError(503, 12, null, { busy: true })).toBe("request_rejected");
  });

  it("a refusal's words name the code received, as a number or as stored; none without one, and never anything but digits", () => {
    expect(sourceErrorMessages("request_rejected", 12).nl).toBe("De bron wees het verzoek af als onjuist (0012).");
    expect(sourceErrorMessages("school_unknown", "0023").en).toBe("The school is unknown to the Source (0023).");
    expect(sourceErrorMessages("scope_missing").nl).toBe("De bron geeft geen toegang: de benodigde scope ontbreekt.");
    expect(sourceErrorMessages("consent_missing", "22; drop table").nl).toBe("Toestemming ontbreekt bij de bron voor deze school en gegevensdienst.");
    expect(sourceErrorMessages("consent_missing", -1).nl).toBe("Toestemming ontbreekt bij de bron voor deze school en gegevensdienst.");
    // Kinds named by the HTTP status or by what happened keep their fixed words, whatever code came along.
    expect(sourceErrorMessages("server_error", 99).nl).toBe("De bron meldt een storing.");
    expect(new SourceError("request_rejected", "lr-a", { httpStatus: 400, statusCode: 99 }).messages.nl).toBe("De bron wees het verzoek af als onjuist (0099).");
  });

  it("toJSON carries retryAt as an ISO timestamp", () => {
    const at = Date.UTC(2026, 2, 2, 13, 5, 30);
    expect(new SourceError("busy", "lr-a", { httpStatus: 429, retryAt: at }).toJSON()).toEqual({ kind: "busy", sourceId: "lr-a", httpStatus: 429, statusCode: undefined, detail: undefined, retryAt: "2026-03-02T13:05:30.000Z" });
    expect(new SourceError("busy", "lr-a").toJSON().retryAt).toBeUndefined();
  });
});

describe("errors from another copy of this module", () => {
  it("are still SourceErrors to instanceof (Next bundles a copy per route; the client lives once per process)", async () => {
    vi.resetModules();
    // A query makes Vite load the file as a module of its own, as a second bundle would.
    const other = (await import(/* @vite-ignore */ `./errors.ts?copy=${Date.now()}`)) as typeof import("./errors");
    expect(other.SourceError).not.toBe(SourceError);
    const foreign = new other.SourceError("busy", "lr-a");
    expect(foreign).toBeInstanceOf(SourceError);
    expect(new other.SourceRequestError("x")).toBeInstanceOf(SourceRequestError);
    expect(new Error("x")).not.toBeInstanceOf(SourceError);
    expect(foreign).not.toBeInstanceOf(SourceRequestError);
  });
});
