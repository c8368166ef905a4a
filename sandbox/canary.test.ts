import { describe, expect, it } from "vitest";
import { generateSchool } from "./data/generate";
import { SCHOOLS } from "./data/schools";
import { testSandbox } from "./testing";

type Listing = {
  token: string;
  schools: Array<{
    orgMasterId: string;
    pupils: Array<{ name: string; familyName: string; eck: string; neppi: string; asi: string }>;
    employees: Array<{ name: string; nepri: string; asi: string }>;
  }>;
};
type Student = { givenName: string; familyName: string; userMasterIdentifier: string; userIds: Array<{ userId: string }>; email?: string };

describe("canaries: PUT /_admin/canary", () => {
  const sb = testSandbox();
  const admin = (method: string, path: string, body?: unknown) =>
    sb.app.request(`/_admin/${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const students = async (source: string, org: string) =>
    (await sb.get(source, `/students/school?orgMasterId=${org}`, await sb.token(source, "eduv.student.basic eduv.student.communication")))
      .body as Student[];

  it("marks three pupils and two employees of every school with the token in every name and identifier", async () => {
    const res = await admin("PUT", "canary", { token: "k7q2zx9w" });
    expect(res.status).toBe(200);
    const listing = (await res.json()) as Listing;
    expect(listing.schools.map((s) => [s.orgMasterId, s.pupils.length, s.employees.length])).toEqual([
      ["900A101", 3, 2],
      ["900A102", 3, 2],
      ["900B201", 3, 2],
      ["900B202", 3, 2],
    ]);
    const pupil = listing.schools[0]!.pupils[0]!;
    expect(pupil).toMatchObject({
      name: "KanarieK7q2zx9w KanarievogelK7q2zx9wA",
      neppi: "kanariek7q2zx9w0@1.obsderegenboog.nl",
      asi: "LASA-0101-KANARIEK7Q2ZX9W0",
    });
    expect(pupil.eck).toMatch(/^https:\/\/ketenid\.nl\/201703\/[0-9a-f]{128}$/);
    expect(listing.schools[2]!.employees[1]).toEqual({
      name: "KanarieK7q2zx9w MedewerkerB",
      nepri: "kanariek7q2zx9w1@meridiaancollege",
      asi: "MW-KANARIEK7Q2ZX9W-1",
    });
    const all = listing.schools.flatMap((s) => [
      ...s.pupils.flatMap((p) => [p.name, p.neppi, p.asi]),
      ...s.employees.flatMap((e) => [e.name, e.nepri, e.asi]),
    ]);
    expect(all.every((v) => v.toLowerCase().includes("k7q2zx9w"))).toBe(true);
    expect(new Set(listing.schools.flatMap((s) => s.pupils.map((p) => p.eck))).size).toBe(12);
  });

  it("serves the canaries from the Sources like any pupil: the LAS list, usage by ECK iD, assignments by NEPRI", async () => {
    const listing = (await (await admin("PUT", "canary", { token: "k7q2zx9w" })).json()) as Listing;
    const list = await students("las-a", "900A101");
    const marked = list.filter((s) => s.givenName === "KanarieK7q2zx9w");
    expect(marked.map((s) => s.userMasterIdentifier)).toEqual(listing.schools[0]!.pupils.map((p) => p.eck));
    expect(marked[0]!.email).toBe("kanarie.k7q2zx9w.obsderegenboog0@obsderegenboog.nl");
    const usage = await sb.send("lr-a", "POST", "/usage/school/user", await sb.token("lr-a", "eduv.usage.dashboard"), {
      school: { organisationMasterIdentifier: "900A101" },
      user: { userMasterIdentifier: marked[1]!.userMasterIdentifier },
    });
    expect(usage.status).toBe(200);
    const employee = listing.schools[0]!.employees[0]!;
    const assignments = await sb.send("las-a", "POST", "/assignments/school/employee", await sb.token("las-a", "eduv.association"), {
      school: { organisationMasterIdentifier: "900A101" },
      employee: { userIds: [{ userId: employee.nepri, userIdType: "NEPRI" }] },
    });
    expect(assignments.status).toBe(200);
    expect((assignments.body as unknown[]).length).toBeGreaterThan(0);
  });

  it("leaves every other pupil as the generator makes it", async () => {
    await admin("PUT", "canary", { token: "k7q2zx9w" });
    const plain = generateSchool("leermiddelendashboard", SCHOOLS[1]!, "demo");
    const list = await students("las-a", "900A102");
    const others = list.filter((s) => s.givenName !== "KanarieK7q2zx9w");
    expect(others).toHaveLength(plain.pupils.length - 3);
    expect(others.map((s) => s.userMasterIdentifier)).toEqual(plain.pupils.filter((p) => ![2, 23, 61].includes(p.index)).map((p) => p.eck));
  });

  it("is undone by DELETE and by reset; a bad token is refused", async () => {
    await admin("PUT", "canary", { token: "k7q2zx9w" });
    expect((await admin("DELETE", "canary")).status).toBe(200);
    expect(JSON.stringify(await students("las-a", "900A101"))).not.toContain("Kanarie");
    await admin("PUT", "canary", { token: "k7q2zx9w" });
    await admin("POST", "reset");
    expect(JSON.stringify(await students("las-a", "900A101"))).not.toContain("Kanarie");
    for (const token of ["short", "Capitals1", "with-dash1", "x".repeat(17)])
      expect((await admin("PUT", "canary", { token })).status).toBe(400);
  });
});
