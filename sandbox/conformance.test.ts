import { describe, expect, it } from "vitest";
import { validateResponse } from "../spec/validate";
import { SCHOOLS } from "./data/schools";
import { entitlementsFor, type Registry } from "./data/usage";
import { testSandbox } from "./testing";

/** The sandbox must answer as spec/openapi.yaml says a Source answers, for successes and refusals alike. */
const sb = testSandbox();
const school = { organisationMasterIdentifier: "900A101" };

describe("the sandbox's answers validate against spec/openapi.yaml", () => {
  it("GET /students/school 200 with every scope the dashboard may get", async () => {
    const t = await sb.token("las-a", "eduv.student.basic eduv.student.demographics eduv.student.communication");
    const r = await sb.get("las-a", "/students/school?orgMasterId=900A101", t);
    expect(r.status).toBe(200);
    expect(validateResponse("get-students-for-school", 200, r.body).errors).toEqual([]);
  });

  it("GET /enrollments/school 200 for a VO school (study and subject enrollments)", async () => {
    const t = await sb.token("las-b", "eduv.association");
    const r = await sb.get("las-b", "/enrollments/school?orgMasterId=900B201", t);
    expect(r.status).toBe(200);
    expect((r.body as unknown[]).length).toBeGreaterThan(15_000);
    expect(validateResponse("get-enrollments-for-school", 200, r.body).errors).toEqual([]);
  });

  it("POST /assignments/school/employee 200 for a VO teacher (teacher and coach assignments)", async () => {
    const t = await sb.token("las-b", "eduv.association");
    const e = sb.state.school("900B201").data.employees[3]!;
    const r = await sb.send("las-b", "POST", "/assignments/school/employee", t, {
      school: { organisationMasterIdentifier: "900B201" },
      employee: { userIds: [{ userId: e.asi, userIdType: "ASI" }] },
    });
    expect(r.status).toBe(200);
    expect(validateResponse("get-assignments-for-employee-at-school", 200, r.body).errors).toEqual([]);
  });

  it("POST /usage/school/user 200 at both Licentieregistraties", async () => {
    // lr-b has no consent for CBS De Wegwijzer; OBS De Regenboog (SCHOOLS[0]) is served by both.
    for (const lr of ["lr-a", "lr-b"]) {
      const t = await sb.token(lr, "eduv.usage.dashboard");
      const pupils = sb.state.school("900A101").data.pupils;
      const pupil = pupils.find((p) => entitlementsFor(sb.state.seed, lr as Registry, SCHOOLS[0]!, { pupil: p }).length > 0)!;
      const r = await sb.send(lr, "POST", "/usage/school/user", t, { school, user: { userMasterIdentifier: pupil.eck } });
      expect(r.status).toBe(200);
      expect(validateResponse("get-usage-for-user-at-school", 200, r.body).errors).toEqual([]);
    }
  });

  it.each([
    ["401 invalid token", "las-a", "/students/school?orgMasterId=900A101", "nonsense", 401, "get-students-for-school"],
    ["400 schema incorrect", "las-a", "/students/school", undefined, 400, "get-students-for-school"],
    ["400 school unknown", "las-a", "/enrollments/school?orgMasterId=900B201", undefined, 400, "get-enrollments-for-school"],
    ["403 consent missing", "las-b", "/students/school?orgMasterId=900B202", undefined, 403, "get-students-for-school"],
  ])("%s", async (_label, source, path, bearer, status, operationId) => {
    const scope = path.startsWith("/students") ? "eduv.student.basic" : "eduv.association";
    const r = await sb.get(source, path, bearer ?? (await sb.token(source, scope)));
    expect(r.status).toBe(status);
    expect(validateResponse(operationId, status, r.body).errors).toEqual([]);
  });

  it("405 from the Aanspraakmanager, without a body", async () => {
    const t = await sb.token("am", "eduv.usage.dashboard");
    const r = await sb.send("am", "POST", "/usage/school/user", t, {
      school: { organisationMasterIdentifier: "900B201" },
      user: { userIds: [{ userId: "x", userIdType: "ASI" }] },
    });
    expect(r.status).toBe(405);
    expect(validateResponse("get-usage-for-user-at-school", 405, r.body).valid).toBe(true);
  });

  it("202 on a consent request, without a body", async () => {
    const t = await sb.token("lr-b", "eduv.consent");
    const r = await sb.send("lr-b", "PUT", "/consent/requests", t, {
      consumerReferenceId: "c1",
      school,
      api: "usage-api",
      scopes: ["eduv.usage.dashboard"],
      consumerStatus: "accepted",
    });
    expect(r.status).toBe(202);
    expect(validateResponse("put-consent-request", 202, r.body).valid).toBe(true);
  });

  it("GET /consent/statuses 200 with a request still open and a confirmed one", async () => {
    const t = await sb.token("las-b", "eduv.consent");
    const request = (id: string) => ({
      consumerReferenceId: id,
      school: { organisationIds: [{ organisationId: "99ZW00", organisationIdType: "V_ID" }] },
      api: "students-api",
      scopes: ["eduv.student.basic"],
      consumerStatus: "accepted",
    });
    await sb.send("las-b", "PUT", "/consent/requests", t, request("s1"));
    await sb.send("las-b", "PUT", "/consent/requests", t, request("s2"));
    await sb.app.request("/_admin/consent", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ decide: "s2", decision: "confirm" }),
    });
    const r = await sb.get("las-b", "/consent/statuses", t);
    expect(r.status).toBe(200);
    expect((r.body as { providerStatus: string }[]).map((s) => s.providerStatus)).toEqual(["requested", "confirmed"]);
    expect(validateResponse("get-consent-statuses", 200, r.body).errors).toEqual([]);
  });
});
