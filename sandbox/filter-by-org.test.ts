import { describe, expect, it } from "vitest";
import { testSandbox } from "./testing";

/**
 * filterByOrgId as a Source honours it (003:269-288, 004:246-261): with orgId + orgIdType, `true`
 * answers only that vestiging's pupils and enrollments, `false` the whole Onderwijsaanbieder, and
 * an omitted parameter the sector's default (PO narrows, VO does not). Meridiaan College (900B201,
 * VO, 1,400 pupils) registers its havo and vwo pupils at 99ZX00 and its vmbo pupils (a third, 467)
 * at 99ZX01; every other school has one vestiging. Without the parameter every answer is as before.
 */

const sb = testSandbox();
type Student = { userMasterIdentifier: string };
type Enrollment = { student: { userMasterIdentifier: string }; study?: string };

async function students(source: string, query: string) {
  const r = await sb.get(source, `/students/school?${query}`, await sb.token(source, "eduv.student.basic"));
  expect(r.status).toBe(200);
  return r.body as Student[];
}

async function enrollments(source: string, query: string) {
  const r = await sb.get(source, `/enrollments/school?${query}`, await sb.token(source, "eduv.association"));
  expect(r.status).toBe(200);
  return r.body as Enrollment[];
}

describe("VO: Meridiaan College", () => {
  it.each([
    ["by master id", "orgMasterId=900B201", 1400],
    ["by master id, filterByOrgId=false (allowed)", "orgMasterId=900B201&filterByOrgId=false", 1400],
    ["by V_ID, parameter omitted: the VO default is the whole Onderwijsaanbieder", "orgId=99ZX00&orgIdType=V_ID", 1400],
    ["by V_ID, filterByOrgId=false", "orgId=99ZX00&orgIdType=V_ID&filterByOrgId=false", 1400],
    ["by V_ID, filterByOrgId=true: only the vestiging's pupils", "orgId=99ZX00&orgIdType=V_ID&filterByOrgId=true", 933],
    ["by AS_ID (the LAS key names the whole school), filterByOrgId=true", "orgId=LASB-0201&orgIdType=AS_ID&filterByOrgId=true", 1400],
  ])("students %s (?%s): %i", async (_label, query, count) => {
    expect(await students("las-b", query)).toHaveLength(count);
  });

  it("the narrowed students are a part of the whole answer, record for record", async () => {
    const whole = await students("las-b", "orgMasterId=900B201");
    const narrowed = await students("las-b", "orgId=99ZX00&orgIdType=V_ID&filterByOrgId=true");
    const byEck = new Map(whole.map((s) => [s.userMasterIdentifier, s]));
    expect(narrowed.every((s) => JSON.stringify(byEck.get(s.userMasterIdentifier)) === JSON.stringify(s))).toBe(true);
  });

  it("enrollments narrowed to the same pupils: no vmbo study, and every other enrollment of the whole answer", async () => {
    const whole = await enrollments("las-b", "orgMasterId=900B201");
    const narrowed = await enrollments("las-b", "orgId=99ZX00&orgIdType=V_ID&filterByOrgId=true");
    const pupils = new Set((await students("las-b", "orgId=99ZX00&orgIdType=V_ID&filterByOrgId=true")).map((s) => s.userMasterIdentifier));
    expect(narrowed.every((e) => pupils.has(e.student.userMasterIdentifier))).toBe(true);
    expect(narrowed.some((e) => e.study?.includes("-vmbo-"))).toBe(false);
    expect(narrowed).toEqual(whole.filter((e) => pupils.has(e.student.userMasterIdentifier)));
    expect(narrowed.length).toBeLessThan(whole.length);
  });

  it("the narrowing combines with the Source's other filters", async () => {
    const narrowed = await enrollments(
      "las-b",
      "orgId=99ZX00&orgIdType=V_ID&filterByOrgId=true&enrollmentType=study&schoolPeriodId=2025-2026",
    );
    expect(narrowed).toHaveLength(933);
    const inOffering = await students("las-b", "orgId=99ZX00&orgIdType=V_ID&filterByOrgId=true&studyOfferingId=so-900B201-vmbo-1");
    expect(inOffering).toEqual([]);
  });

  it("without the parameter the answers are the same, however the school is named", async () => {
    expect(await students("las-b", "orgId=99ZX00&orgIdType=V_ID")).toEqual(await students("las-b", "orgMasterId=900B201"));
    expect(await enrollments("las-b", "orgId=99ZX00&orgIdType=V_ID")).toEqual(await enrollments("las-b", "orgMasterId=900B201"));
  });

  it("filterByOrgId=true with the master id stays a schema error (400/0011)", async () => {
    const r = await sb.get(
      "las-b",
      "/students/school?orgMasterId=900B201&filterByOrgId=true",
      await sb.token("las-b", "eduv.student.basic"),
    );
    expect([r.status, r.body]).toEqual([400, { status: 11, statusMessage: "Schema incorrect" }]);
  });
});

describe("PO: one vestiging per school, narrowed by default", () => {
  it.each([
    ["by master id", "orgMasterId=900A101"],
    ["by V_ID, parameter omitted (the PO default narrows)", "orgId=99ZZ00&orgIdType=V_ID"],
    ["by V_ID, filterByOrgId=true", "orgId=99ZZ00&orgIdType=V_ID&filterByOrgId=true"],
    ["by V_ID, filterByOrgId=false", "orgId=99ZZ00&orgIdType=V_ID&filterByOrgId=false"],
  ])("OBS De Regenboog %s: all 204 pupils", async (_label, query) => {
    expect(await students("las-a", query)).toHaveLength(204);
  });
});
