// The store query behind the auditor's home card (lib/features/home/read-attention.ts); the card's
// own rules are in attention.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "@/lib/db/client";
import { accessLog } from "@/lib/db/schema";
import { accessWindow } from "./attention";
import { countAuditedAccess } from "./read-attention";

const NOW = Date.parse("2026-03-02T10:30:00Z");
const SCHOOL = "obs-de-regenboog";

describe("the access log counted in the store", () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ pgliteDir: "memory://", databaseUrl: "" });
  }, 60_000);
  afterAll(async () => store?.close());

  it("reveals, exports and refused attempts of this school since the window's start, per staff member, kind, action and outcome", async () => {
    const at = (daysAgo: number) => new Date(NOW - daysAgo * 86_400_000);
    const entry = (actor: string, dataKind: string, action: string, outcome: string, daysAgo: number, schoolId = SCHOOL) => ({
      actor,
      actorRoles: "x",
      schoolId,
      dataKind,
      action,
      personCount: 1,
      outcome,
      at: at(daysAgo),
    });
    await store.db.insert(accessLog).values([
      entry("support@leermiddelen.example", "students", "reveal", "refused", 0),
      entry("p.deboer@obsderegenboog.example", "students", "reveal", "served", 1),
      entry("p.deboer@obsderegenboog.example", "students", "reveal", "served", 6),
      entry("p.deboer@obsderegenboog.example", "students", "reveal", "served", 9), // before the window
      entry("p.deboer@obsderegenboog.example", "students", "list", "served", 1), // a list: not counted
      entry("p.deboer@obsderegenboog.example", "usage", "export", "served", 2),
      entry("k.yilmaz@meridiaancollege.example", "students", "export", "served", 1, "meridiaan-college"), // another school
    ]);
    const counts = await countAuditedAccess(store.db, SCHOOL, accessWindow(NOW).since);
    expect(counts.sort((a, b) => a.actor.localeCompare(b.actor) || a.action.localeCompare(b.action))).toEqual([
      { actor: "p.deboer@obsderegenboog.example", dataKind: "usage", action: "export", outcome: "served", count: 1 },
      { actor: "p.deboer@obsderegenboog.example", dataKind: "students", action: "reveal", outcome: "served", count: 2 },
      { actor: "support@leermiddelen.example", dataKind: "students", action: "reveal", outcome: "refused", count: 1 },
    ]);
  });
});
