import { describe, expect, it } from "vitest";
import type { MatrixCell } from "@/lib/contracts/consent";
import { loggedIdentifiers } from "./avg-record";
import { consentStateOf } from "./providers";

const T1 = "2026-02-01T09:00:00.000Z";
const T2 = "2026-02-03T09:00:00.000Z";
type Request = NonNullable<MatrixCell["request"]>;
const request = (status: Request["status"]) => ({ status, changedAt: T1, scopes: ["eduv.usage.dashboard"] }) as Request;
const withdrawal = (status: NonNullable<MatrixCell["withdrawal"]>["status"]) =>
  ({ status, createdAt: T2 }) as NonNullable<MatrixCell["withdrawal"]>;
const known = (providerStatus: string) => ({ providerStatus, providerReferenceId: null, changedAt: T2 });
const none = { request: null, known: null, withdrawal: null };

describe("where a Provider's consent stands, as the AVG record says it", () => {
  it.each([
    ["nothing asked", none, "none", null],
    ["a concept was never sent", { ...none, request: request("concept") }, "none", null],
    ["a request the Provider refused to take never arrived", { ...none, request: request("failed") }, "none", null],
    ["queued", { ...none, request: request("queued") }, "asked", T1],
    ["sent", { ...none, request: request("sent") }, "asked", T1],
    ["confirmed", { ...none, request: request("confirmed") }, "given", T1],
    ["refused", { ...none, request: request("refused") }, "refused", T1],
    ["revoked by the Provider", { ...none, request: request("revoked") }, "revoked", T1],
    [
      "withdrawn by the school, whatever the request said",
      { ...none, request: request("confirmed"), withdrawal: withdrawal("queued") },
      "revoked",
      T2,
    ],
    [
      "a withdrawal the Provider refused leaves the request's state",
      { ...none, request: request("confirmed"), withdrawal: withdrawal("failed") },
      "given",
      T1,
    ],
    ["consent the Provider holds without our request", { ...none, known: known("confirmed") }, "given", T2],
    ["a Provider's own request, not answered", { ...none, known: known("requested") }, "asked", T2],
  ] as const)("%s", (_label, cell, state, since) => {
    expect(consentStateOf(cell as Pick<MatrixCell, "withdrawal" | "request" | "known">)).toEqual({ state, since });
  });
});

describe("the identifiers the access log may have hashed for a pupil", () => {
  it("the primary one, and each typed one as a lookup by that type logs it; an ECK iD among the userIds also as itself", () => {
    expect(
      loggedIdentifiers({
        userMasterIdentifier: "https://ketenid.nl/201703/abc",
        userIds: [
          { userId: "100034@1.school.nl", userIdType: "NEPPI" },
          { userId: "LASA-1", userIdType: "ASI" },
        ],
      }),
    ).toEqual(["https://ketenid.nl/201703/abc", "NEPPI:100034@1.school.nl", "ASI:LASA-1"]);
    expect(
      loggedIdentifiers({
        userIds: [
          { userId: "e1", userIdType: "eckId" },
          { userId: "N1", userIdType: "NEPPI" },
        ],
      }),
    ).toEqual(["e1", "eckId:e1", "NEPPI:N1"]);
  });
});
