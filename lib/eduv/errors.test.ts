import { describe, expect, it } from "vitest";
import { SOURCE_ERROR_KINDS, SourceError, kindForHttpError, sourceErrorMessages, type SourceErrorKind } from "./errors";

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

  it("toJSON carries retryAt as an ISO timestamp", () => {
    const at = Date.UTC(2026, 2, 2, 13, 5, 30);
    expect(new SourceError("busy", "lr-a", { httpStatus: 429, retryAt: at }).toJSON()).toEqual({ kind: "busy", sourceId: "lr-a", httpStatus: 429, statusCode: undefined, detail: undefined, retryAt: "2026-03-02T13:05:30.000Z" });
    expect(new SourceError("busy", "lr-a").toJSON().retryAt).toBeUndefined();
  });
});
