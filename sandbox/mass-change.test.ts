import { describe, expect, it } from "vitest";
import { generateSchool } from "./data/generate";
import { SCHOOLS } from "./data/schools";
import { knobsSchema } from "./knobs";
import { keptPupils } from "./mass-change";
import { testSandbox } from "./testing";

/**
 * The knob `keptPupilShare` (issue 25): a half-empty LAS export, so an e2e test can trip the
 * dashboard's mass-change guard. Counts from OBS De Regenboog's generated data (204 pupils).
 */
type Json = Record<string, unknown>;
const regenboog = generateSchool(
  "leermiddelendashboard",
  SCHOOLS.find((s) => s.orgMasterId === "900A101")!,
  "demo",
);
const eckOf = (r: Json) => r.userMasterIdentifier as string;

async function lists(sb: ReturnType<typeof testSandbox>, query = "orgMasterId=900A101") {
  const students = await sb.get("las-a", `/students/school?${query}`, await sb.token("las-a", "eduv.student.basic"));
  const enrollments = await sb.get("las-a", `/enrollments/school?${query}`, await sb.token("las-a", "eduv.association"));
  expect([students.status, enrollments.status]).toEqual([200, 200]);
  return { students: students.body as Json[], enrollments: enrollments.body as Json[] };
}

describe("keptPupilShare", () => {
  it("defaults to 1: every answer as the generator made it", async () => {
    expect(knobsSchema.parse({}).keptPupilShare).toBe(1);
    const { students, enrollments } = await lists(testSandbox());
    expect(students.map(eckOf)).toEqual(regenboog.students.map(eckOf));
    expect(enrollments).toEqual(regenboog.enrollments);
  });

  it("at 0.5 answers every second pupil (the first dropped) and only their enrollments", async () => {
    const { students, enrollments } = await lists(testSandbox({ knobs: { "las-a": { keptPupilShare: 0.5 } } }));
    const expected = regenboog.students.filter((_, i) => i % 2 === 1);
    expect(students.map(eckOf)).toEqual(expected.map(eckOf));
    expect(students).toHaveLength(Math.floor(regenboog.students.length / 2));
    const ecks = new Set(expected.map(eckOf));
    expect(enrollments).toEqual(regenboog.enrollments.filter((e) => ecks.has(eckOf(e.student as Json))));
  });

  it("keeps the same pupils in a filtered answer, and ⌊n × share⌋ of n at any share", async () => {
    const sb = testSandbox({ knobs: { "las-a": { keptPupilShare: 0.5 } } });
    const period = await lists(sb, "orgMasterId=900A101&schoolPeriodId=2025-2026");
    const kept = keptPupils(0.5, regenboog)!;
    expect(period.students.every((s) => kept.has(eckOf(s)))).toBe(true);
    expect(period.enrollments.every((e) => kept.has(eckOf(e.student as Json)))).toBe(true);
    expect(keptPupils(0.3, regenboog)!.size).toBe(Math.floor(regenboog.students.length * 0.3));
    expect(keptPupils(0, regenboog)!.size).toBe(0);
    expect(keptPupils(1, regenboog)).toBeUndefined();
  });
});
