import { describe, expect, it } from "vitest";
import { ACTIONS, ROLES, can, canGrant, schoolsOf, type Action, type Staff } from "./permissions";

const admin: Staff = { id: "a", grants: [{ role: "schooladmin", schoolId: "po-1" }] };
const support: Staff = {
  id: "s",
  grants: [
    { role: "support", schoolId: "po-1" },
    { role: "support", schoolId: "vo-1" },
  ],
};
const consent: Staff = { id: "c", grants: [{ role: "consent", schoolId: "vo-1" }] };
const auditor: Staff = { id: "u", grants: [{ role: "auditor", schoolId: "po-1" }] };
const both: Staff = {
  id: "b",
  grants: [
    { role: "schooladmin", schoolId: "vo-1" },
    { role: "consent", schoolId: "vo-1" },
  ],
};
const nobody: Staff = { id: "n", grants: [] };

// Expected outcomes written from the role descriptions, not from the ACTIONS table.
const cases: Array<[string, Staff | null, Action, string, boolean]> = [
  ["admin reads students of own school", admin, "students.read", "po-1", true],
  ["admin reads enrollments of own school", admin, "enrollments.read", "po-1", true],
  ["admin reads assignments of own school", admin, "assignments.read", "po-1", true],
  ["admin looks up usage at own school", admin, "usage.read", "po-1", true],
  ["admin cannot read another school", admin, "students.read", "vo-1", false],
  ["admin cannot send consent requests", admin, "consent.write", "po-1", false],
  ["admin cannot read the access log", admin, "accesslog.read", "po-1", false],
  ["admin changes the employee list of own school", admin, "employees.write", "po-1", true],
  ["admin cannot change another school's employee list", admin, "employees.write", "vo-1", false],
  ["support cannot change the employee list", support, "employees.write", "po-1", false],
  ["consent manager cannot change the employee list", consent, "employees.write", "vo-1", false],
  ["auditor cannot change the employee list", auditor, "employees.write", "po-1", false],
  ["support looks up usage at a served school", support, "usage.read", "vo-1", true],
  ["support cannot browse the student list", support, "students.read", "po-1", false],
  ["support cannot look up usage elsewhere", support, "usage.read", "vo-2", false],
  ["consent manager writes consent requests", consent, "consent.write", "vo-1", true],
  ["consent manager reads consent requests", consent, "consent.read", "vo-1", true],
  ["consent manager cannot read students", consent, "students.read", "vo-1", false],
  ["auditor reads the access log", auditor, "accesslog.read", "po-1", true],
  ["auditor cannot read students", auditor, "students.read", "po-1", false],
  ["several roles add up", both, "consent.write", "vo-1", true],
  ["several roles add up (admin part)", both, "students.read", "vo-1", true],
  ["admin accepts a mass change of own school's LAS lists", admin, "dataquality.accept", "po-1", true],
  ["admin cannot accept a mass change at another school", admin, "dataquality.accept", "vo-1", false],
  ["support sees data quality but cannot accept a mass change", support, "dataquality.accept", "po-1", false],
  ["consent manager cannot accept a mass change", consent, "dataquality.accept", "vo-1", false],
  ["auditor cannot accept a mass change", auditor, "dataquality.accept", "po-1", false],
  ["auditor opens a pupil's AVG record at own school", auditor, "students.avg", "po-1", true],
  ["auditor cannot open an AVG record at another school", auditor, "students.avg", "vo-1", false],
  ["admin reads pupils but does not answer AVG requests", admin, "students.avg", "po-1", false],
  ["support cannot open an AVG record", support, "students.avg", "po-1", false],
  ["consent manager cannot open an AVG record", consent, "students.avg", "vo-1", false],
  ["no role, no access", nobody, "sources.read", "po-1", false],
  ["no session, no access", null, "students.read", "po-1", false],
];

describe("can(staff, action, school)", () => {
  it.each(cases)("%s", (_label, staff, action, school, expected) => {
    expect(can(staff, action, school)).toBe(expected);
  });
});

describe("granting roles", () => {
  it.each([
    ["an admin gives a colleague the support role at the school", admin, "x", "support", "po-1", true],
    ["nobody widens their own rights", admin, "a", "auditor", "po-1", false],
    ["not at another school", admin, "x", "support", "vo-1", false],
    ["support cannot grant", support, "x", "support", "po-1", false],
  ] as const)("%s", (_label, granter, subject, role, school, expected) => {
    expect(canGrant(granter, subject, role, school)).toBe(expected);
  });
});

it("offers only the staff member's own schools", () => {
  expect(schoolsOf(support)).toEqual(["po-1", "vo-1"]);
  expect(schoolsOf(nobody)).toEqual([]);
});

describe("the header's search", () => {
  it("people.search is held by exactly the roles that may read pupils or usage", () => {
    const either = ROLES.filter(
      (r) => (ACTIONS["students.read"] as readonly string[]).includes(r) || (ACTIONS["usage.read"] as readonly string[]).includes(r),
    );
    expect([...ACTIONS["people.search"]].sort()).toEqual([...either].sort());
  });
});
