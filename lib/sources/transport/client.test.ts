import { describe, expect, it } from "vitest";
import { SourceError, SourceRequestError } from "../errors";
import { getUserUsage, listEmployeeAssignments, listEnrollments, listStudents, putConsentRequest } from "../operations";
import { json, rejection } from "../testing/fixtures";
import { sourceErrorText } from "@/lib/i18n/outcome-words";
import { ECK, setup, student } from "../testing/client-setup";

describe("a successful list call", () => {
  it("sends the school as query parameters with a bearer token and validates each record", async () => {
    const { client, apiCalls } = setup({
      "GET /las/v1/students/school": () => json([student, { givenName: "zonder id", familyName: "X" }], 200, { "API-Version": "1.1.0" }),
    });
    const result = await client.call(listStudents, "las", { query: { orgMasterId: "900A101", schoolPeriodId: "2025-2026" } });
    expect(result.records).toEqual([student]);
    expect(result.report?.invalid).toMatchObject({ count: 1, paths: { "userMasterIdentifier|userIds": 1 } });
    expect(result.meta).toMatchObject({
      sourceId: "las",
      httpStatus: 200,
      apiVersion: "1.1.0",
      grantedScopes: ["eduv.student.basic", "eduv.association", "eduv.consent"],
    });
    const req = apiCalls()[0]!;
    expect(new URL(req.url).search).toBe("?orgMasterId=900A101&schoolPeriodId=2025-2026");
    expect(req.headers.get("authorization")).toBe("Bearer t1");
  });

  it("asks only for the optional scopes this Source is configured with", async () => {
    const { client, calls } = setup({ "GET /las/v1/students/school": () => json([]) });
    await client.call(listStudents, "las", { query: { orgMasterId: "900A101" } });
    const form = new URLSearchParams(await calls[0]!.text());
    expect(form.get("scope")!.split(" ").sort()).toEqual(["eduv.student.basic", "eduv.student.demographics"]);
  });
});

describe("identifiers of persons travel only in POST bodies", () => {
  it("sends the employee in the body of the assignments POST, filters in the query", async () => {
    const { client, apiCalls } = setup({ "POST /las/v1/assignments/school/employee": () => json([]) });
    const employee = { userIds: [{ userId: "jdevries@realm", userIdType: "NEPRI" }] };
    await client.call(listEmployeeAssignments, "las", {
      query: { assignmentType: "teacher" },
      body: { school: { organisationMasterIdentifier: "900A101" }, employee },
    });
    const req = apiCalls()[0]!;
    expect(req.url).not.toContain("jdevries");
    expect(new URL(req.url).search).toBe("?assignmentType=teacher");
    expect(await req.json()).toEqual({ school: { organisationMasterIdentifier: "900A101" }, employee });
  });

  it("refuses a query with a person's identifier before any request", async () => {
    const { client, calls } = setup({});
    await expect(client.call(listEnrollments, "las", { query: { orgMasterId: "900A101", subjectOfferingId: ECK } })).rejects.toThrow(
      /POST body/,
    );
    expect(calls).toHaveLength(0);
  });
});

describe("parameter rules are enforced before any call", () => {
  it.each([
    ["no school", listStudents, { query: {} }],
    ["master and secondary id", listStudents, { query: { orgMasterId: "900A101", orgId: "99ZZ00", orgIdType: "V_ID" } }],
    ["filterByOrgId with orgMasterId", listEnrollments, { query: { orgMasterId: "900A101", filterByOrgId: true } }],
    ["an unknown enrollmentType", listEnrollments, { query: { orgMasterId: "900A101", enrollmentType: "course" } }],
    ["usage without user", getUserUsage, { body: { school: { organisationMasterIdentifier: "900A101" } } }],
    [
      "consent for an api the spec does not know",
      putConsentRequest,
      {
        body: {
          consumerReferenceId: "x",
          school: { organisationMasterIdentifier: "900A101" },
          api: "grades-api",
          scopes: ["eduv.association"],
          consumerStatus: "accepted",
        },
      },
    ],
  ] as const)("%s", async (_label, op, input) => {
    const { client, calls } = setup({});
    const source = op === getUserUsage ? "lr" : "las";
    await expect(client.call(op, source, input)).rejects.toBeInstanceOf(SourceRequestError);
    expect(calls).toHaveLength(0);
  });

  it("refuses an operation the Source is not configured for", async () => {
    const { client, calls } = setup({});
    await expect(client.call(getUserUsage, "las", {})).rejects.toMatchObject({ kind: "not_configured" });
    expect(calls).toHaveLength(0);
  });
});

describe("Source errors become typed errors", () => {
  it.each([
    ["401 / 0021", () => json({ status: 21, statusMessage: "scope required" }, 401), "scope_missing", 21],
    ["403 / 0022", () => json({ status: 22, statusMessage: "consent required" }, 403), "consent_missing", 22],
    ["400 / 0023", () => json({ status: 23, statusMessage: "edu_org_id unknown" }, 400), "school_unknown", 23],
    ["400 / 0011", () => json({ status: 11 }, 400), "request_rejected", 11],
    ["400 / 0012", () => json({ status: 12 }, 400), "request_rejected", 12],
    ["404", () => json({ status: 99, statusMessage: "not found" }, 404), "not_found", 99],
    ["404 without a body", () => new Response(null, { status: 404 }), "not_found", undefined],
    ["404 / 0023: the school, not the person, is unknown", () => json({ status: 23 }, 404), "school_unknown", 23],
    ["401 / 0022: the code, not the HTTP status, says what is missing", () => json({ status: 22 }, 401), "consent_missing", 22],
    ["403 / 0023", () => json({ status: 23 }, 403), "school_unknown", 23],
    ["405 without body", () => new Response(null, { status: 405 }), "method_not_allowed", undefined],
    ["a 200 that is not JSON", () => new Response('[{"givenName": "Ev', { status: 200 }), "invalid_answer", undefined],
    ["a 200 object instead of an array", () => json({ students: [] }), "invalid_answer", undefined],
  ])("%s", async (_label, answer, kind, statusCode) => {
    const { client } = setup({ "GET /las/v1/students/school": answer });
    const err = await client.call(listStudents, "las", { query: { orgMasterId: "900A101" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err).toMatchObject({ kind, statusCode, sourceId: "las" });
  });

  it("a 405 from an Aanspraakmanager on usage says it is not a Licentieregistratie", async () => {
    const { client } = setup({ "POST /lr/v1/usage/school/user": () => new Response(null, { status: 405 }) });
    const err = await rejection(
      client.call(getUserUsage, "lr", {
        body: { school: { organisationMasterIdentifier: "900A101" }, user: { userMasterIdentifier: ECK } },
      }),
    );
    expect(err.kind).toBe("method_not_allowed");
    expect(sourceErrorText(err.kind, "nl", undefined, err.statusCode)).toMatch(/geen Licentieregistratie/);
  });

  it("an error carries no identifier or Source free text in its message", async () => {
    const { client } = setup({ "POST /lr/v1/usage/school/user": () => json({ status: 99, statusMessage: `user ${ECK} not found` }, 404) });
    const err = await rejection(
      client.call(getUserUsage, "lr", {
        body: { school: { organisationMasterIdentifier: "900A101" }, user: { userMasterIdentifier: ECK } },
      }),
    );
    const messages = {
      nl: sourceErrorText(err.kind, "nl", undefined, err.statusCode),
      en: sourceErrorText(err.kind, "en", undefined, err.statusCode),
    };
    expect(JSON.stringify({ ...err.toJSON(), message: err.message, messages })).not.toContain("ketenid");
  });
});
