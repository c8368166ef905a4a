import { describe, expect, it } from "vitest";
import type { SchoolConfig } from "../config";
import { assertNoPersonalDataInQuery, consentSchoolReference, schoolQuerySchema, zuluDateTimeSchema } from "./request-params";

describe("school parameters: orgMasterId xor (orgId + orgIdType); filterByOrgId only with orgId", () => {
  it.each([
    ["master id alone", { orgMasterId: "900A101" }, true],
    ["secondary id pair", { orgId: "99ZZ00", orgIdType: "V_ID" }, true],
    ["secondary pair with filter", { orgId: "99ZZ00", orgIdType: "V_ID", filterByOrgId: true }, true],
    ["nothing", {}, false],
    ["both master and secondary", { orgMasterId: "900A101", orgId: "99ZZ00", orgIdType: "V_ID" }, false],
    ["orgId without type", { orgId: "99ZZ00" }, false],
    ["type without orgId", { orgIdType: "V_ID" }, false],
    ["filter with master id", { orgMasterId: "900A101", filterByOrgId: false }, false],
    ["unknown orgIdType", { orgId: "x", orgIdType: "BRIN" }, false],
    ["an unexpected parameter", { orgMasterId: "900A101", eckId: "x" }, false],
  ])("%s", (_label, query, ok) => {
    expect(schoolQuerySchema.safeParse(query).success).toBe(ok);
  });
});

describe("since: RFC 3339 in Zulu", () => {
  it.each([
    ["2017-07-21T17:32:28Z", true],
    ["2017-07-21T17:32:28.123Z", true],
    ["2017-07-21T17:32:28+02:00", false],
    ["2017-07-21T17:32:28", false],
    ["2017-07-21", false],
    ["gisteren", false],
  ])("%s", (value, ok) => {
    expect(zuluDateTimeSchema.safeParse(value).success).toBe(ok);
  });
});

describe("identifiers of persons never travel in a query string", () => {
  it.each([
    ["an ECK iD", "https://ketenid.nl/201703/abc"],
    ["an e-mail or eduPerson id", "jdevries@school.nl"],
  ])("refuses %s", (_label, value) => {
    expect(() => assertNoPersonalDataInQuery(new URLSearchParams({ schoolPeriodId: value }))).toThrow(/POST body/);
  });
  it("lets school and filter values pass", () => {
    expect(() => assertNoPersonalDataInQuery(new URLSearchParams({ orgMasterId: "900A101", schoolPeriodId: "2025-2026" }))).not.toThrow();
  });
});

describe("the school in a consent request: as seed 002 lists its identifiers", () => {
  const school = (s: Partial<SchoolConfig>) => ({ id: "x", name: "X", sector: "VO", ...s }) as SchoolConfig;
  const vId = { organisationId: "99ZX00", organisationIdType: "V_ID" as const };
  const asId = { organisationId: "las-key-7", organisationIdType: "AS_ID" as const };
  it("by its OnderwijsaanbiederId when it has one", () => {
    expect(consentSchoolReference(school({ organisationMasterIdentifier: "900B201", organisationIds: [vId] }))).toEqual({
      organisationMasterIdentifier: "900B201",
    });
  });
  it("else by the secondary ids of a type 002 lists (OIE_CODE, BP_ID, DD_ID, AS_ID), leaving V_ID out", () => {
    expect(consentSchoolReference(school({ organisationIds: [vId, asId] }))).toEqual({ organisationIds: [asId] });
  });
  it("a school known by V_ID alone is sent by it (ERRATA 23): there is nothing else to name it by", () => {
    expect(consentSchoolReference(school({ organisationIds: [vId] }))).toEqual({ organisationIds: [vId] });
  });
});
