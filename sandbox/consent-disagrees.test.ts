import { describe, expect, it } from "vitest";
import { SCHOOLS } from "./data/schools";
import { entitlementsFor } from "./data/usage";
import { testSandbox } from "./testing";

const CONSENT_REQUIRED = { status: 22, statusMessage: "consent required" };

/** The four data endpoints where consent is checked, each for one school, at las-b and lr-b. */
function dataCalls(sb: ReturnType<typeof testSandbox>, t: { las: string; lr: string }) {
  const usage = (orgMasterId: string) => {
    const school = SCHOOLS.find((s) => s.orgMasterId === orgMasterId)!;
    const pupil = sb.state
      .school(orgMasterId)
      .data.pupils.find((p) => entitlementsFor(sb.state.seed, "lr-b", school, { pupil: p }).length)!;
    return sb.send("lr-b", "POST", "/usage/school/user", t.lr, {
      school: { organisationMasterIdentifier: orgMasterId },
      user: { userMasterIdentifier: pupil.eck },
    });
  };
  const employee = sb.state.school("900B202").data.employees[0]!;
  return {
    students: (orgMasterId: string) => sb.get("las-b", `/students/school?orgMasterId=${orgMasterId}`, t.las),
    enrollments: (orgMasterId: string) => sb.get("las-b", `/enrollments/school?orgMasterId=${orgMasterId}`, t.las),
    assignments: () =>
      sb.send("las-b", "POST", "/assignments/school/employee", t.las, {
        school: { organisationMasterIdentifier: "900B202" },
        employee: { userIds: [{ userId: employee.asi, userIdType: "ASI" }] },
      }),
    usage,
  };
}

async function setUp() {
  const sb = testSandbox({ knobs: { "las-b": { reportHeldConsent: true }, "lr-b": { reportHeldConsent: true } } });
  const t = {
    las: await sb.token("las-b", "eduv.consent eduv.student.basic eduv.association"),
    lr: await sb.token("lr-b", "eduv.consent eduv.usage.dashboard"),
  };
  const knobs = (body: unknown) =>
    sb.app.request("/_admin/knobs", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const statuses = async (source: "las-b" | "lr-b") =>
    ((await sb.get(source, "/consent/statuses", source === "las-b" ? t.las : t.lr)).body as Array<Record<string, unknown>>).map(
      (s) => `${(s.school as { organisationMasterIdentifier: string }).organisationMasterIdentifier} ${s.api} ${s.providerStatus}`,
    );
  return { sb, t, knobs, statuses, data: dataCalls(sb, t) };
}

// Registered at las-b: everything but De Horizon's students (900B202); at lr-b: usage for 900A101 and 900B201 only.
const LAS_B_STATUSES = ["900B201 students-api confirmed", "900B201 association-api confirmed", "900B202 association-api confirmed"];
const LR_B_STATUSES = ["900A101 usage-api confirmed", "900B201 usage-api confirmed"];

describe("the consentDataDisagrees knob: a Provider whose data endpoints disagree with its statuses", () => {
  it('"refuses": 403/0022 at every data endpoint, for schools the statuses say are confirmed', async () => {
    const { knobs, statuses, data } = await setUp();
    expect((await data.students("900B201")).status).toBe(200);
    expect((await data.usage("900A101")).status).toBe(200);
    expect((await knobs({ "las-b": { consentDataDisagrees: "refuses" }, "lr-b": { consentDataDisagrees: "refuses" } })).status).toBe(200);
    for (const r of [
      await data.students("900B201"),
      await data.enrollments("900B201"),
      await data.enrollments("900B202"),
      await data.assignments(),
      await data.usage("900A101"),
      await data.usage("900B201"),
    ])
      expect([r.status, r.body]).toEqual([403, CONSENT_REQUIRED]);
    expect(await statuses("las-b")).toEqual(LAS_B_STATUSES);
    expect(await statuses("lr-b")).toEqual(LR_B_STATUSES);
  });

  it('"delivers": the data flows where no consent is registered, and the statuses still say there is none', async () => {
    const { knobs, statuses, data } = await setUp();
    expect((await data.students("900B202")).body).toEqual(CONSENT_REQUIRED);
    expect((await data.usage("900B202")).body).toEqual(CONSENT_REQUIRED);
    await knobs({ "las-b": { consentDataDisagrees: "delivers" }, "lr-b": { consentDataDisagrees: "delivers" } });
    const students = await data.students("900B202");
    expect(students.status).toBe(200);
    expect((students.body as unknown[]).length).toBe(1000);
    const usage = await data.usage("900B202");
    expect(usage.status).toBe(200);
    expect(await statuses("las-b")).toEqual(LAS_B_STATUSES);
    expect(await statuses("lr-b")).toEqual(LR_B_STATUSES);
    // Still a Source: a school it does not serve is 0023, not data.
    expect((await data.students("900A101")).body).toEqual({ status: 23, statusMessage: "edu_org_id unknown" });
  });

  it('"none" (the default, and after a reset) answers as registered; an unknown value is refused', async () => {
    const { sb, knobs, data } = await setUp();
    await knobs({ "las-b": { consentDataDisagrees: "refuses" } });
    expect((await knobs({ "las-b": { consentDataDisagrees: "sometimes" } })).status).toBe(400);
    await knobs({ "las-b": { consentDataDisagrees: "none" } });
    expect((await data.students("900B201")).status).toBe(200);
    expect((await data.students("900B202")).status).toBe(403);
    await knobs({ "las-b": { consentDataDisagrees: "delivers" } });
    await sb.app.request("/_admin/reset", { method: "POST" });
    const t = await sb.token("las-b", "eduv.student.basic");
    expect((await sb.get("las-b", "/students/school?orgMasterId=900B202", t)).body).toEqual(CONSENT_REQUIRED);
  });
});
