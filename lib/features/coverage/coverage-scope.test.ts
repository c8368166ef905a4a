import { describe, expect, it } from "vitest";
import { coverageOf } from "./coverage";
import type { PupilUsage } from "./group";
import { percentOf } from "./coverage-scope";
import { scopeOf, type EntitlementRow, type RegistryOutcome } from "../usage/usage";

const TODAY = "2026-03-02";
const NAMES: Record<string, string> = { "lr-a": "Alfa", "lr-b": "Kompas", am: "Aanspraakmanager" };
const ent = (sourceId: string, productId: string | undefined, entitlementStatus: string | undefined): EntitlementRow =>
  ({ entitlementId: `E-${sourceId}-${productId}`, productId, entitlementStatus, sourceId, sourceName: NAMES[sourceId]! }) as EntitlementRow;
const reg = (sourceId: string, status: RegistryOutcome["status"], entitlements: EntitlementRow[] = []): RegistryOutcome => ({
  sourceId,
  sourceName: NAMES[sourceId]!,
  sourceKind: sourceId === "am" ? "aanspraakmanager" : "licentieregistratie",
  status,
  entitlements,
});
const pupil = (key: string, registries: RegistryOutcome[], opts: { current?: boolean; ageMs?: number } = {}): PupilUsage => ({
  key,
  name: `Leerling ${key}`,
  current: opts.current ?? true,
  answer: {
    registries,
    entitlements: registries.flatMap((r) => r.entitlements),
    totals: { entitled: 0, licensed: 0, cancelled: 0, blocked: 0, expired: 0 },
    scope: scopeOf(registries),
    ageMs: opts.ageMs ?? 0,
  },
});
const am = () => reg("am", "method_not_allowed");

describe("coverage conclusions come only from registries that answered for every pupil", () => {
  it("all answered: conclusions from both, over the whole group; the Aanspraakmanager's 405 is no gap", () => {
    const c = coverageOf(
      [
        pupil("a", [reg("lr-a", "ok"), reg("lr-b", "unknown_user"), am()]),
        pupil("b", [reg("lr-a", "unknown_user"), reg("lr-b", "ok"), am()]),
      ],
      TODAY,
    );
    expect(c.registries).toEqual([
      { sourceId: "lr-a", sourceName: "Alfa", answered: 2, asked: 2, percent: 100, complete: true },
      { sourceId: "lr-b", sourceName: "Kompas", answered: 2, asked: 2, percent: 100, complete: true },
    ]);
    expect(c.conclusions).toEqual({
      from: ["Alfa", "Kompas"],
      others: [],
      noEntitlements: true,
      allAssignedAndActivated: true,
      unknownStatus: 0,
    });
  });

  it("one answered for some pupils: its share is given and the conclusions hold only for the other", () => {
    const results = [
      pupil("a", [reg("lr-a", "ok"), reg("lr-b", "ok", [ent("lr-b", "978K", "entitled")])]),
      pupil("b", [reg("lr-a", "ok"), reg("lr-b", "server_error")]),
      pupil("c", [reg("lr-a", "unknown_user"), reg("lr-b", "timeout")]),
    ];
    const c = coverageOf(results, TODAY);
    expect(c.registries.map((r) => [r.sourceName, r.answered, r.asked, r.percent, r.complete])).toEqual([
      ["Alfa", 3, 3, 100, true],
      ["Kompas", 1, 3, 33, false],
    ]);
    // Kompas' licences are shown as facts, but "nobody has entitlements" and "all activated" are said of Alfa only.
    expect(c.conclusions).toEqual({
      from: ["Alfa"],
      others: ["Kompas"],
      noEntitlements: true,
      allAssignedAndActivated: true,
      unknownStatus: 0,
    });
    expect(c.products).toEqual([
      expect.objectContaining({ productId: "978K", licensed: 0, without: 3, unknown: 2, byReason: { not_activated: 1, source_error: 2 } }),
    ]);
    expect(c.candidates.map((x) => [x.key, x.sourceId, x.why])).toEqual([["a", "lr-b", "never_activated"]]);
  });

  it("none answered for every pupil: no conclusion about the group at all", () => {
    const c = coverageOf(
      [pupil("a", [reg("lr-a", "ok"), reg("lr-b", "busy")]), pupil("b", [reg("lr-a", "server_error"), reg("lr-b", "ok")])],
      TODAY,
    );
    expect(c.conclusions).toBeNull();
    expect(c.registries.every((r) => !r.complete && r.percent === 50)).toBe(true);
  });

  it("every registry down: each answered for none (0 %), no conclusion", () => {
    const c = coverageOf([pupil("a", [reg("lr-a", "server_error"), reg("lr-b", "timeout"), am()])], TODAY);
    expect(c.registries.map((r) => r.percent)).toEqual([0, 0]);
    expect(c.conclusions).toBeNull();
    expect(c.pupilsWithErrors).toBe(1);
  });

  it("a licence to reassign or of unknown status at a complete registry takes back 'all assigned and activated'", () => {
    const left = coverageOf(
      [pupil("a", [reg("lr-a", "ok", [ent("lr-a", "978A", "licensed")])], { current: false }), pupil("b", [reg("lr-a", "ok")])],
      TODAY,
    );
    expect(left.conclusions).toMatchObject({ noEntitlements: true, allAssignedAndActivated: false });
    const unknown = coverageOf([pupil("a", [reg("lr-a", "ok", [ent("lr-a", "978A", "suspended")])])], TODAY);
    expect(unknown.conclusions).toMatchObject({ noEntitlements: false, allAssignedAndActivated: false, unknownStatus: 1 });
    expect(unknown.products[0]).toMatchObject({ byReason: { unknown_status: 1 }, unknown: 1 });
  });

  it("an item without a product code is counted apart, and still means the pupil has entitlements", () => {
    const c = coverageOf([pupil("a", [reg("lr-a", "ok", [ent("lr-a", undefined, "licensed")])])], TODAY);
    expect(c.products).toEqual([]);
    expect(c.itemsWithoutProduct).toBe(1);
    expect(c.conclusions?.noEntitlements).toBe(false);
  });
});

describe("pupils the registries could not be asked about", () => {
  it("a pupil whose LAS record could not be read is reported with the fields, never as 'not in the LAS'", () => {
    const results: PupilUsage[] = [
      pupil("a", [reg("lr-a", "ok")]),
      { key: "b", current: true, missing: "unreadable_in_las", unreadable: ["givenName"] },
      { key: "c", current: true, missing: "not_in_las" },
    ];
    const c = coverageOf(results, TODAY);
    expect(c.unreadableInLas).toEqual({ count: 1, fields: ["givenName"] });
    expect(c.notInLas).toBe(1);
    expect(c.asked).toBe(1);
    expect(c.registries[0]).toMatchObject({ answered: 1, asked: 1, complete: true });
  });
});

describe("data age and shares", () => {
  it("the coverage's age is its oldest answer's", () => {
    expect(
      coverageOf([pupil("a", [reg("lr-a", "ok")], { ageMs: 4_000 }), pupil("b", [reg("lr-a", "ok")], { ageMs: 250_000 })], TODAY).dataAgeMs,
    ).toBe(250_000);
  });

  it.each([
    [12, 28, 43],
    [27, 28, 96],
    [279, 280, 99],
    [28, 28, 100],
    [0, 28, 0],
    [0, 0, 0],
  ])("%i of %i is %i %%; 100 only when complete", (part, whole, percent) => {
    expect(percentOf(part, whole)).toBe(percent);
  });
});
