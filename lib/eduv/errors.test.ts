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
