import { describe, expect, it, vi } from "vitest";
import { SOURCE_ERROR_KINDS, SourceError, SourceRequestError, kindForHttpError, type SourceErrorKind } from "./errors";
import { sourceErrorText } from "@/lib/i18n/outcome-words";

describe("Source error kinds", () => {
  it("busy and too_large are known kinds, read back from storage like the others", () => {
    const kinds: SourceErrorKind[] = ["busy", "too_large"];
    for (const kind of kinds) {
      expect(SOURCE_ERROR_KINDS.has(kind)).toBe(true);
      expect(sourceErrorText(kind, "nl")).toBeTruthy();
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
    expect(sourceErrorText("request_rejected", "nl", undefined, 12)).toBe("De bron wees het verzoek af als onjuist (0012).");
    expect(sourceErrorText("school_unknown", "en", undefined, "0023")).toBe("The school is unknown to the Source (0023).");
    expect(sourceErrorText("scope_missing", "nl")).toBe("De bron geeft geen toegang: de benodigde scope ontbreekt.");
    expect(sourceErrorText("consent_missing", "nl", undefined, "22; drop table")).toBe(
      "Toestemming ontbreekt bij de bron voor deze school en gegevensdienst.",
    );
    expect(sourceErrorText("consent_missing", "nl", undefined, -1)).toBe(
      "Toestemming ontbreekt bij de bron voor deze school en gegevensdienst.",
    );
    // Kinds named by the HTTP status or by what happened keep their fixed words, whatever code came along.
    expect(sourceErrorText("server_error", "nl", undefined, 99)).toBe("De bron meldt een storing.");
    const err = new SourceError("request_rejected", "lr-a", { httpStatus: 400, statusCode: 99 });
    expect(sourceErrorText(err.kind, "nl", undefined, err.statusCode)).toBe("De bron wees het verzoek af als onjuist (0099).");
  });

  it("every kind has its words in both languages, and the error itself carries only codes", () => {
    for (const kind of SOURCE_ERROR_KINDS as ReadonlySet<SourceErrorKind>) {
      for (const lang of ["nl", "en"] as const) expect(sourceErrorText(kind, lang)).not.toMatch(/^sourceError\.|^$/);
    }
    expect(new SourceError("request_rejected", "lr-a", { httpStatus: 400, statusCode: 12 }).message).toBe("lr-a: request_rejected (0012)");
    expect(new SourceError("timeout", "las-a").message).toBe("las-a: timeout");
  });

  it("toJSON carries retryAt as an ISO timestamp", () => {
    const at = Date.UTC(2026, 2, 2, 13, 5, 30);
    expect(new SourceError("busy", "lr-a", { httpStatus: 429, retryAt: at }).toJSON()).toEqual({
      kind: "busy",
      sourceId: "lr-a",
      httpStatus: 429,
      statusCode: undefined,
      detail: undefined,
      retryAt: "2026-03-02T13:05:30.000Z",
    });
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
