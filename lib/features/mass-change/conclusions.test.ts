import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { generateSchool } from "@/sandbox/data/generate";
import { SCHOOLS } from "@/sandbox/data/schools";
import { entitlementsFor, usageAnswer } from "@/sandbox/data/usage";
import { getStore } from "@/lib/db/client";
import { massChangeBaselines } from "@/lib/db/schema";
import { announceConsentChange } from "@/lib/sources/answer-cache";
import { loadSourcesConfig } from "@/lib/sources/config";
import { SourceError } from "@/lib/sources/errors";
import { getUserUsage, listEnrollments, listStudents } from "@/lib/sources/operations";
import type { AnyOperation } from "@/lib/sources/operations/define";
import { parseList } from "@/lib/sources/reading/parse-list";
import type { EduvClient } from "@/lib/sources/transport/client";
import { coverageOf } from "../coverage/coverage";
import { fanOut, groupOf } from "../coverage/group";
import { dataQualityOf, dataQualityRows } from "../data-quality/data-quality";
import { prepareLicenceScan } from "../data-quality/run-scan";
import { listSchoolEnrollments } from "../enrollments/enrollments";
import { studentKey } from "../students/students";
import { diagnose, enrolledFrom } from "../usage/diagnose";
import { renderDiagnosis } from "../usage/diagnose-words";
import { acceptMassChange } from "./review";
import { MassChangeWithheldError } from "./withheld";

vi.hoisted(() => {
  process.env.PGLITE_DIR = "memory://";
  process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";
  process.env.LDB_REFERENCE_DATE = "2026-03-02"; // the sandbox's data describe school year 2025-2026
  process.env.BFF_CACHE_TTL_SECONDS = "0";
  process.env.USAGE_CACHE_TTL_SECONDS = "0";
});

/**
 * No "left", "not enrolled" or "not in the LAS" conclusion while a mass change waits. Meridiaan
 * College over a scripted client: the LAS (las-b) sends every generated pupil, and either all
 * enrollments or (a half-empty export) only those of the `kept` pupils: every second one, and every
 * pupil who left in January. Licentieregistratie lr-a licenses every pupil (leavers too); lr-b knows
 * nobody; the Aanspraakmanager answers 405. So before the change the scan finds exactly the leavers;
 * from the half-empty export, without the guard, every pupil whose enrollments went missing would
 * look "not enrolled" with licences to cancel.
 */
const SEED = "leermiddelendashboard";
const OWN = "meridiaan-college";
const data = generateSchool(
  SEED,
  SCHOOLS.find((s) => s.orgMasterId === "900B201")!,
  "demo",
);
const kept = new Set(data.pupils.filter((p, i) => i % 2 === 0 || p.leaver).map((p) => p.eck));
const leavers = data.pupils.filter((p) => p.leaver);
const dropped = data.pupils.filter((p) => !kept.has(p.eck));
const licence = { ...entitlementsFor(SEED, "lr-a", data.school, { pupil: data.pupils[0]! })[0]!, entitlementStatus: "licensed" };
delete (licence as Record<string, unknown>).expirationDate;
/** The study offering of a leaver the half-empty export keeps: its group holds a former pupil. */
const leaver = leavers.find((p) => kept.has(p.eck))!;
const groupOfLeaver = data.enrollments.find(
  (e) => (e.student as { userMasterIdentifier: string }).userMasterIdentifier === leaver.eck && e.enrollmentType === "study",
)!.study as string;

let halfEmpty = false;
const askedAtLrA = new Set<string>();
const client = {
  config: loadSourcesConfig(),
  async call(op: AnyOperation, sourceId: string, input: { body?: { user?: { userMasterIdentifier?: string } } }) {
    const meta = { sourceId, httpStatus: 200, latencyMs: 1, apiVersion: "1", grantedScopes: [], bytes: 1000 };
    if (op.operationId === getUserUsage.operationId) {
      if (sourceId === "am") throw new SourceError("method_not_allowed", sourceId, { httpStatus: 405 });
      const eck = input.body?.user?.userMasterIdentifier ?? "";
      if (sourceId !== "lr-a") throw new SourceError("not_found", sourceId, { httpStatus: 404 });
      askedAtLrA.add(eck);
      const { records, report } = parseList(op.item!, [usageAnswer(data.school, { userMasterIdentifier: eck }, [licence])]);
      return { records, report, meta };
    }
    const enrollments = halfEmpty
      ? data.enrollments.filter((e) => kept.has((e.student as { userMasterIdentifier: string }).userMasterIdentifier))
      : data.enrollments;
    const raw =
      op.operationId === listStudents.operationId ? data.students : op.operationId === listEnrollments.operationId ? enrollments : [];
    const { records, report } = parseList(op.item!, raw);
    return { records, report, meta };
  },
} as unknown as EduvClient;
vi.mock("@/lib/runtime/source-runtime", () => ({ getEduvRuntime: () => ({ client }) }));
const school = client.config.schools.find((s) => s.id === OWN)!;

async function scan() {
  askedAtLrA.clear();
  const { work } = await prepareLicenceScan(OWN);
  const result = await work(new AbortController().signal, () => {});
  return { result, without: result.findings.find((f) => f.id === "licences_without_enrollment")! };
}
async function coverage() {
  const { pupils } = await groupOf(client, school, { studyOfferingId: groupOfLeaver }, "2026-03-02");
  return coverageOf(await fanOut(client, school, pupils, {}), "2026-03-02");
}
const keys = (items: ReadonlyArray<{ studentKey: string }>) => items.map((i) => i.studentKey).sort();
const keysOf = (pupils: ReadonlyArray<{ eck: string }>) => pupils.map((p) => studentKey(p.eck)).sort();

beforeAll(() => {
  expect(leavers.length).toBeGreaterThan(0);
  expect(dropped.length / data.pupils.length).toBeGreaterThan(0.2); // a half-empty export trips the default share
});
beforeEach(async () => {
  halfEmpty = false;
  await (await getStore()).db.delete(massChangeBaselines);
  announceConsentChange("las-b", OWN);
  await listSchoolEnrollments(client, school, {}); // the last good answers: every pupil, every enrollment
  halfEmpty = true;
});

describe("the licence scan while a change waits", () => {
  it("before the change, finds exactly the leavers' licences (the baseline this test stands on)", async () => {
    halfEmpty = false;
    const { without } = await scan();
    expect(without.notKnown).toBeUndefined();
    expect(keys(without.items)).toEqual(keysOf(leavers));
  });

  it("with the last good enrollments held: concludes nothing about who is not enrolled, and asks only about pupils enrolled now", async () => {
    const { without } = await scan();
    expect(without).toEqual({ id: "licences_without_enrollment", items: [], notKnown: "mass_change" });
    expect([...askedAtLrA].some((eck) => leavers.some((p) => p.eck === eck))).toBe(false);
  });

  it("after a restart (the half-empty answer served, suspect): no pupil whose enrollments went missing is concluded or asked about", async () => {
    announceConsentChange("las-b", OWN);
    const { without, result } = await scan();
    expect(without.notKnown).toBe("mass_change");
    expect(without.items).toEqual([]);
    expect([...askedAtLrA].filter((eck) => !kept.has(eck))).toEqual([]);
    expect(result.notAsked).toBe(dropped.length + leavers.length);
  });

  it("once accepted, concludes from the new answer: the pupils without enrollment and the leavers", async () => {
    announceConsentChange("las-b", OWN);
    await listSchoolEnrollments(client, school, {});
    expect((await acceptMassChange(OWN, "enrollments")).accepted).toBe(true);
    const { without } = await scan();
    expect(without.notKnown).toBeUndefined();
    expect(keys(without.items)).toEqual(keysOf([...dropped, ...leavers]));
  });
});

describe("coverage, data quality and the diagnosis while a change waits", () => {
  it("coverage: the leaver is held for review, not a former pupil, and none of their licences is one to return", async () => {
    // The coverage page reads the school's offerings from the whole enrollment list first (usage-options.ts): that answer is judged.
    await listSchoolEnrollments(client, school, {});
    const before = await coverage();
    // The group's enrollments are a filtered answer, served as the LAS sent it (half empty), marked suspect.
    expect(before.heldForReview).toBe(formerInGroup().filter((eck) => kept.has(eck)).length);
    expect(before.formerPupils).toBe(0);
    expect(before.candidates.filter((c) => c.why === "left_class")).toEqual([]);
    expect(before.statusUnknown).toBe(0);
    halfEmpty = false;
    await listSchoolEnrollments(client, school, {}); // the LAS answers whole again: the wait ends
    const after = await coverage();
    expect(after.heldForReview).toBeUndefined();
    expect(after.formerPupils).toBe(formerInGroup().length);
    expect(after.candidates.filter((c) => c.why === "left_class").map((c) => c.key)).toContain(studentKey(leaver.eck));
  });

  it("data quality: names the list held, and the check that concludes from a missing record says not known (its CSV refused)", async () => {
    const answer = await dataQualityOf(client, school);
    const all = data.enrollments.filter((e) => e.status !== "tobedeleted").length;
    const now = data.enrollments.filter(
      (e) => e.status !== "tobedeleted" && kept.has((e.student as { userMasterIdentifier: string }).userMasterIdentifier),
    ).length;
    expect(answer.massChange).toEqual([{ list: "enrollments", since: expect.any(String), was: all, now, lost: all - now, served: "held" }]);
    expect(answer.checks.find((c) => c.id === "subject_without_study")).toEqual({
      id: "subject_without_study",
      actor: "school",
      count: 0,
      items: [],
      notKnown: "mass_change",
    });
    expect(answer.checks.find((c) => c.id === "no_eck")!.notKnown).toBeUndefined();
    await expect(dataQualityRows(client, school, "subject_without_study")).rejects.toBeInstanceOf(MassChangeWithheldError);
  });

  it("the diagnosis: a pupil without a current enrollment is 'not known', the school reviews, never 'not enrolled'", () => {
    expect(enrolledFrom(["not_current"], 0)).toBe("no");
    expect(enrolledFrom(["not_current"], 0, { heldForReview: true })).toBe("held_for_review");
    expect(enrolledFrom(["current"], 0, { heldForReview: true })).toBe("yes");
    const d = diagnose({ enrolled: "held_for_review", registries: [], productId: "p", today: "2026-03-02" });
    expect(d.actor).toBe("school");
    expect(d.steps[0]).toMatchObject({ step: "enrolled", result: "unknown" });
    expect(d.steps.slice(1).every((s) => s.result === "not_checked")).toBe(true);
    const words = renderDiagnosis(d, "nl");
    expect(words.steps[0]!.finding).toMatch(/^onbekend: het laatste antwoord van de LAS/);
    expect(words.conclusion).toContain("wacht op beoordeling");
  });
});

/**
 * The pupils of the leaver's group not enrolled there now (its study offering in the generated data):
 * the leaver, and pupils whose record of last year (flagged for deletion) names this offering.
 */
function formerInGroup(): string[] {
  const eck = (e: Record<string, unknown>) => (e.student as { userMasterIdentifier: string }).userMasterIdentifier;
  const inGroup = data.enrollments.filter((e) => e.study === groupOfLeaver);
  const holds = (e: Record<string, unknown>) =>
    e.status === "active" && (e.beginDate as string) <= "2026-03-02" && (!e.endDate || (e.endDate as string) > "2026-03-02");
  return [...new Set(inGroup.map(eck))].filter((p) => !inGroup.some((e) => eck(e) === p && holds(e)));
}
