import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_MASS_CHANGE_SHARE, MassChangeShareError, massChangeShare, massChangeShareProblem } from "./mass-change-share";
import { stopOnBadSettings } from "./start-check";

describe("LDB_MASS_CHANGE_SHARE", () => {
  it("is 0.2 when unset or blank", () => {
    expect(DEFAULT_MASS_CHANGE_SHARE).toBe(0.2);
    expect(massChangeShare({})).toBe(0.2);
    expect(massChangeShare({ LDB_MASS_CHANGE_SHARE: "" })).toBe(0.2);
    expect(massChangeShare({ LDB_MASS_CHANGE_SHARE: "  " })).toBe(0.2);
  });

  it.each([
    ["0.2", 0.2],
    ["0.35", 0.35],
    [".5", 0.5],
    [" 0.1 ", 0.1],
    ["1", 1],
    ["1.0", 1],
  ])("takes %j as the share %d", (value, share) => {
    expect(massChangeShare({ LDB_MASS_CHANGE_SHARE: value })).toBe(share);
  });

  it.each(["0", "0.0", "1.5", "20", "20%", "-0.2", "1e-1", "0x1", "abc", "0,2", "NaN", "Infinity"])(
    "refuses %j, naming the setting and the value",
    (value) => {
      expect(() => massChangeShare({ LDB_MASS_CHANGE_SHARE: value })).toThrow(MassChangeShareError);
      expect(() => massChangeShare({ LDB_MASS_CHANGE_SHARE: value })).toThrow(
        `LDB_MASS_CHANGE_SHARE must be a share above 0 and at most 1`,
      );
      expect(massChangeShareProblem({ LDB_MASS_CHANGE_SHARE: value })).toContain(`not "${value}"`);
    },
  );

  it("cuts a long value short in the message", () => {
    expect(massChangeShareProblem({ LDB_MASS_CHANGE_SHARE: "9".repeat(500) })).toContain(`not "${"9".repeat(40)}"`);
    expect(massChangeShareProblem({ LDB_MASS_CHANGE_SHARE: "0.25" })).toBeNull();
  });
});

describe("the start check", () => {
  const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  afterEach(() => {
    exit.mockClear();
    error.mockClear();
  });

  it("stops the start (exit 1, one message) on a bad share, in the demo too", () => {
    stopOnBadSettings({ LDB_MASS_CHANGE_SHARE: "20%", DEMO_MODE: "1" });
    expect(exit).toHaveBeenCalledWith(1);
    expect(error).toHaveBeenCalledWith(
      'Leermiddelendashboard will not start: LDB_MASS_CHANGE_SHARE must be a share above 0 and at most 1 (0.2 holds an answer that lost more than 20 %), not "20%".',
    );
  });

  it("lets a good share or none start, and the build go on", () => {
    stopOnBadSettings({ LDB_MASS_CHANGE_SHARE: "0.3" });
    stopOnBadSettings({});
    stopOnBadSettings({ LDB_MASS_CHANGE_SHARE: "2", NEXT_PHASE: "phase-production-build" });
    expect(exit).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });
});
