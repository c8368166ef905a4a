import { describe, expect, it } from "vitest";
import { validateResponse } from "../spec/validate";
import { clockedSandbox } from "./testing";

const T0 = Date.parse("2026-11-24T10:00:00Z");
const HORIZON = { organisationMasterIdentifier: "900B202" };
const MERIDIAAN = { organisationMasterIdentifier: "900B201" };
const SCHEMA_INCORRECT = { status: 11, statusMessage: "Schema incorrect" };

/**
 * las-b with three requests: h-students (De Horizon, students, confirmed at 10:01 as las-b-0001),
 * h-assoc (De Horizon, association, still open since 10:00) and m-assoc (Meridiaan, association,
 * open since 10:00).
 */
async function setUp(knobs: Record<string, object> = {}) {
  const sb = clockedSandbox(T0, { knobs });
  const t = await sb.token("las-b", "eduv.consent");
  const put = (id: string, school: object, api: string, scopes: string[]) =>
    sb.send("las-b", "PUT", "/consent/requests", t, { consumerReferenceId: id, school, api, scopes, consumerStatus: "accepted" });
  expect((await put("h-students", HORIZON, "students-api", ["eduv.student.basic"])).status).toBe(202);
  expect((await put("h-assoc", HORIZON, "association-api", ["eduv.association"])).status).toBe(202);
  expect((await put("m-assoc", MERIDIAAN, "association-api", ["eduv.association"])).status).toBe(202);
  sb.tick(60_000);
  await sb.admin({ decide: "h-students", decision: "confirm" });
  const get = (query: string) => sb.get("las-b", `/consent/statuses/school${query}`, t);
  const ids = async (query: string) =>
    ((await get(query)).body as Array<{ consumerReferenceId?: string; providerReferenceId?: string }>).map(
      (s) => s.consumerReferenceId ?? s.providerReferenceId,
    );
  return { sb, t, get, ids };
}

const H_STUDENTS = {
  providerReferenceId: "las-b-0001",
  consumerReferenceId: "h-students",
  school: HORIZON,
  api: "students-api",
  scopes: ["eduv.student.basic"],
  providerStatus: "confirmed",
  changedAt: "2026-11-24T10:01:00.000Z",
};
const H_ASSOC = {
  consumerReferenceId: "h-assoc",
  school: HORIZON,
  api: "association-api",
  scopes: ["eduv.association"],
  providerStatus: "requested",
  changedAt: "2026-11-24T10:00:00.000Z",
};

describe("GET /consent/statuses/school", () => {
  it("answers one school's statuses, named by orgMasterId, by its V_ID or by its AS_ID; the same ConsentStatus as the general endpoint", async () => {
    const { get, ids } = await setUp();
    const byMaster = await get("?orgMasterId=900B202");
    expect([byMaster.status, byMaster.headers.get("api-version")]).toEqual([200, "0.9.1"]);
    expect(byMaster.body).toEqual([H_ASSOC, H_STUDENTS]);
    expect(validateResponse("get-consent-statuses-by-school", 200, byMaster.body).errors).toEqual([]);
    expect((await get("?orgId=99ZW00&orgIdType=V_ID")).body).toEqual([H_ASSOC, H_STUDENTS]);
    expect((await get("?orgId=LASB-0202&orgIdType=AS_ID")).body).toEqual([H_ASSOC, H_STUDENTS]);
    expect(await ids("?orgMasterId=900B201")).toEqual(["m-assoc"]);
  });

  it("narrows by api, since (strictly after), providerReferenceId and consumerReferenceId", async () => {
    const { ids } = await setUp();
    expect(await ids("?orgMasterId=900B202&api=students-api")).toEqual(["h-students"]);
    expect(await ids("?orgMasterId=900B202&api=results-api")).toEqual([]);
    expect(await ids("?orgMasterId=900B202&since=2026-11-24T10:00:00Z")).toEqual(["h-students"]);
    expect(await ids("?orgMasterId=900B202&since=2026-11-24T10:01:00Z")).toEqual([]);
    expect(await ids("?orgMasterId=900B202&providerReferenceId=las-b-0001")).toEqual(["h-students"]);
    expect(await ids("?orgMasterId=900B202&providerReferenceId=las-b-0002")).toEqual([]);
    expect(await ids("?orgMasterId=900B202&consumerReferenceId=h-assoc")).toEqual(["h-assoc"]);
    // A request of another school is not this school's, whatever its reference.
    expect(await ids("?orgMasterId=900B202&consumerReferenceId=m-assoc")).toEqual([]);
  });

  it("follows the knobs of the general endpoint: reportHeldConsent adds the school's held consent, consentStatusShape minimal trims", async () => {
    const { ids, get } = await setUp({ "las-b": { reportHeldConsent: true } });
    // Meridiaan's students are held from the start; its association consent was asked about (m-assoc).
    // Both changed at 10:00, the sandbox's start: the held one, without a consumerReferenceId, sorts first.
    expect(await ids("?orgMasterId=900B201")).toEqual(["las-b-held-900B201-students-api", "m-assoc"]);
    expect(await ids("?orgMasterId=900B201&consumerReferenceId=m-assoc")).toEqual(["m-assoc"]);
    expect(await ids("?orgMasterId=900B201&providerReferenceId=las-b-held-900B201-students-api")).toEqual([
      "las-b-held-900B201-students-api",
    ]);
    // De Horizon's students are a gap at las-b: nothing held there, only what was asked.
    expect(await ids("?orgMasterId=900B202")).toEqual(["h-assoc", "h-students"]);

    const { get: getMinimal } = await setUp({ "las-b": { consentStatusShape: "minimal" } });
    expect((await getMinimal("?orgMasterId=900B202")).body).toEqual([
      { providerReferenceId: "", consumerReferenceId: "h-assoc", school: HORIZON, api: "association-api", scopes: ["eduv.association"] },
      {
        providerReferenceId: "las-b-0001",
        consumerReferenceId: "h-students",
        school: HORIZON,
        api: "students-api",
        scopes: ["eduv.student.basic"],
      },
    ]);
    expect((await get("?orgMasterId=900B202")).status).toBe(200);
  });

  it("400/0023 for a school this Source does not serve or nobody knows", async () => {
    const { get } = await setUp();
    for (const query of ["?orgMasterId=900A101", "?orgMasterId=999X999", "?orgId=99ZZ00&orgIdType=V_ID", "?orgId=99QQ99&orgIdType=V_ID"]) {
      const r = await get(query);
      expect([query, r.status, r.body]).toEqual([query, 400, { status: 23, statusMessage: "edu_org_id unknown" }]);
    }
  });

  it.each([
    ["no school", ""],
    ["orgMasterId and orgId both", "?orgMasterId=900B202&orgId=99ZW00&orgIdType=V_ID"],
    ["orgId without orgIdType", "?orgId=99ZW00"],
    ["orgIdType without orgId", "?orgIdType=V_ID"],
    ["an orgIdType outside the enum", "?orgId=99ZW00&orgIdType=BRIN"],
    ["an empty orgMasterId", "?orgMasterId="],
    ["an unknown parameter", "?orgMasterId=900B202&filterByOrgId=false"],
    ["a repeated parameter", "?orgMasterId=900B202&orgMasterId=900B201"],
    ["a since with an offset", "?orgMasterId=900B202&since=2026-11-24T10:00:00%2B01:00"],
    ["an api outside the enum", "?orgMasterId=900B202&api=grades-api"],
    ["an empty providerReferenceId", "?orgMasterId=900B202&providerReferenceId="],
  ])("400/0011 for %s", async (_label, query) => {
    const { get } = await setUp();
    const r = await get(query);
    expect([r.status, r.body]).toEqual([400, SCHEMA_INCORRECT]);
  });

  it("401 without a token or without eduv.consent; 404 at the Aanspraakmanager", async () => {
    const { sb } = await setUp();
    expect((await sb.get("las-b", "/consent/statuses/school?orgMasterId=900B202", undefined)).status).toBe(401);
    const scoped = await sb.get("las-b", "/consent/statuses/school?orgMasterId=900B202", await sb.token("las-b", "eduv.student.basic"));
    expect([scoped.status, scoped.body]).toEqual([401, { status: 21, statusMessage: "scope required" }]);
    expect((await sb.app.request("/am/v1/consent/statuses/school?orgMasterId=900B202")).status).toBe(404);
  });
});
