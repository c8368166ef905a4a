import { describe, expect, it, vi } from "vitest";
import { processStateInventory } from "@/lib/process-state";
import { announceAllConsentChanged, announceConsentChange } from "@/lib/sources/answer-cache";
import { forgetLastGood, holdsLastGood, keepLastGood, lastGood } from "./last-good";

vi.hoisted(() => {
  // Read when the store of last good answers is made (at import): three lists, 1 MiB.
  process.env.BFF_CACHE_MAX_ENTRIES = "3";
  process.env.BFF_CACHE_MAX_BYTES = String(1024 * 1024);
});

const KIB = 1024;
const answer = (name: string, bytes: number, sourceId = "las-a") => ({ value: { name }, at: 1_000, bytes, sourceId });

/** The last good answers (pupil data, in memory only): bounded as a list cache is, let go on a consent change of their LAS. */
describe("the last good answers", () => {
  it("says what it holds and what bounds it", () => {
    expect(processStateInventory().find((e) => e.key === "answers.last-good")).toEqual({
      key: "answers.last-good",
      kind: "cache",
      what: "each school's last good pupil and enrollment lists from its LAS, served while a mass change waits for review",
      cap: "3 lists and 1 MiB (BFF_CACHE_MAX_ENTRIES, BFF_CACHE_MAX_BYTES), until a newer good answer or a consent change",
    });
  });

  it("keeps one answer per school and list, the newest replacing the one before", () => {
    keepLastGood("s1", "students", answer("first", KIB));
    keepLastGood("s1", "students", answer("second", KIB));
    keepLastGood("s1", "enrollments", answer("enrollments", KIB));
    expect(lastGood("s1", "students")).toEqual({ value: { name: "second" }, at: 1_000 });
    expect(lastGood<{ name: string }>("s1", "enrollments")?.value.name).toBe("enrollments");
    forgetLastGood("s1", "students");
    forgetLastGood("s1", "enrollments");
    expect(holdsLastGood("s1", "students")).toBe(false);
  });

  it("lets the least recently used go past the number of lists", () => {
    announceAllConsentChanged();
    keepLastGood("a", "students", answer("a", KIB));
    keepLastGood("b", "students", answer("b", KIB));
    keepLastGood("c", "students", answer("c", KIB));
    lastGood("a", "students"); // used: b is now the least recently used
    keepLastGood("d", "students", answer("d", KIB));
    expect(["a", "b", "c", "d"].map((s) => holdsLastGood(s, "students"))).toEqual([true, false, true, true]);
  });

  it("lets the least recently used go past the bytes; one larger than the whole budget is not kept", () => {
    announceAllConsentChanged();
    keepLastGood("x", "students", answer("x", 600 * KIB));
    keepLastGood("y", "students", answer("y", 300 * KIB));
    keepLastGood("z", "students", answer("z", 200 * KIB)); // 1,100 KiB: x goes
    expect(["x", "y", "z"].map((s) => holdsLastGood(s, "students"))).toEqual([false, true, true]);
    keepLastGood("big", "students", answer("big", 2 * 1024 * KIB));
    expect(["y", "z", "big"].map((s) => holdsLastGood(s, "students"))).toEqual([true, true, false]);
  });

  it("lets a school's answers go on a consent change of their LAS there, not of another Source or school; all of them when all changed", () => {
    announceAllConsentChanged();
    keepLastGood("s1", "students", answer("s1", KIB));
    keepLastGood("s10", "students", answer("s10", KIB));
    keepLastGood("s1", "enrollments", answer("s1-other-las", KIB, "las-b"));
    announceConsentChange("lr-a", "s1");
    expect(holdsLastGood("s1", "students")).toBe(true);
    announceConsentChange("las-a", "s1");
    expect([holdsLastGood("s1", "students"), holdsLastGood("s10", "students"), holdsLastGood("s1", "enrollments")]).toEqual([
      false,
      true,
      true,
    ]);
    announceAllConsentChanged();
    expect([holdsLastGood("s10", "students"), holdsLastGood("s1", "enrollments")]).toEqual([false, false]);
  });
});
