import { describe, expect, it } from "vitest";
import { EMPLOYEE_ID_TYPES } from "@/lib/db/employees";
import { SOURCE_ERROR_KINDS } from "@/lib/sources/errors";
import { SCHOOL_WIDE } from "@/lib/features/usage/usage";
import { entitlementView, personInputShape, registryStatus } from "./usage";
import { SOURCE_ERROR_KIND_NAMES } from "./sources";

describe("usage contract", () => {
  it("names every registry status the server gives: ok, unknown_user, unreadable and every Source error kind", () => {
    expect(registryStatus.options).toEqual(["ok", "unknown_user", "unreadable", ...SOURCE_ERROR_KINDS]);
    for (const kind of SCHOOL_WIDE) expect(SOURCE_ERROR_KIND_NAMES).toContain(kind);
  });

  it("takes a typed identifier of the ECK iD or an employee identifier type the store knows", () => {
    expect(personInputShape.identifier.unwrap().shape.type.options).toEqual(["eckId", ...EMPLOYEE_ID_TYPES]);
  });

  it("passes an entitlement's vendor fields on as sent, and holds the fields it names to their types", () => {
    const item = {
      entitlementId: "e1",
      productId: "978A",
      entitlementStatus: "licensed",
      sourceId: "lr-a",
      sourceName: "LR Alfa",
      meaning: "ok",
      "x-vendor": { tier: 2 },
    };
    expect(entitlementView.safeParse(item).success).toBe(true);
    expect(entitlementView.safeParse({ ...item, expirationDate: "2026-02-30" }).success).toBe(false);
    expect(entitlementView.safeParse({ ...item, meaning: "fine" }).success).toBe(false);
  });
});
