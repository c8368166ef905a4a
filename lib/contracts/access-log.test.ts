import { describe, expect, it } from "vitest";
import { ACCESS_ACTIONS, ACCESS_OUTCOMES, DATA_KINDS } from "@/lib/db/access-log";
import { ACCESS_ACTION_NAMES, ACCESS_OUTCOME_NAMES, accessLogEntry, DATA_KIND_NAMES } from "./access-log";

describe("access-log contract", () => {
  it("names the same data kinds, actions and outcomes as the store", () => {
    expect([...DATA_KIND_NAMES]).toEqual([...DATA_KINDS]);
    expect([...ACCESS_ACTION_NAMES]).toEqual([...ACCESS_ACTIONS]);
    expect([...ACCESS_OUTCOME_NAMES]).toEqual([...ACCESS_OUTCOMES]);
  });

  it("carries the moment as an ISO string, as the JSON does, not a Date", () => {
    const row = {
      id: 1,
      at: "2026-03-02T08:00:00.000Z",
      actor: "a@school.example",
      actorRoles: "admin",
      schoolId: "s",
      dataKind: "students",
      action: "list",
      personCount: 3,
      personHash: null,
      outcome: "served",
    };
    expect(accessLogEntry.safeParse(row).success).toBe(true);
    expect(accessLogEntry.safeParse({ ...row, at: new Date(row.at) }).success).toBe(false);
  });
});
