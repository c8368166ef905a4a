import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, BACKGROUND_HEADER, downloadPost, getJson, isApiError, leave, postJson } from "./api";

const answer = (status: number, body: unknown) =>
  new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const fetchAnswers = (res: Response | Error) =>
  vi.spyOn(globalThis, "fetch").mockImplementation(async () => {
    if (res instanceof Error) throw res;
    return res;
  });

/** What a call threw, or a failure when it did not throw. */
async function thrown(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to throw");
}

afterEach(() => vi.restoreAllMocks());

describe("the BFF's error answers in the browser", () => {
  it("a 502 body becomes an ApiError with every field the BFF sent", async () => {
    fetchAnswers(
      answer(502, {
        error: {
          code: "consent_missing",
          message: "Toestemming ontbreekt bij de bron voor deze school en gegevensdienst (0022).",
          sourceId: "las-a",
          statusCode: "0022",
          retryAt: "2026-03-02T13:04:05.000Z",
          fields: ["givenName", "familyName"],
        },
      }),
    );
    const err = await thrown(getJson("/api/students/detail?key=k"));
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toBeInstanceOf(Error);
    expect(isApiError(err)).toBe(true);
    const { name, status, code, message, sourceId, statusCode, retryAt, fields } = err as ApiError;
    expect({ name, status, code, message, sourceId, statusCode, retryAt, fields }).toEqual({
      name: "ApiError",
      status: 502,
      code: "consent_missing",
      message: "Toestemming ontbreekt bij de bron voor deze school en gegevensdienst (0022).",
      sourceId: "las-a",
      statusCode: "0022",
      retryAt: "2026-03-02T13:04:05.000Z",
      fields: ["givenName", "familyName"],
    });
  });

  it("postJson throws the same, and sends the CSRF header and the JSON body", async () => {
    const spy = fetchAnswers(
      answer(429, {
        error: {
          code: "rate_limited",
          message: "U heeft dit kort na elkaar te vaak gevraagd; probeer het opnieuw om 14:04:05.",
          retryAt: "2026-03-02T13:04:05.000Z",
        },
      }),
    );
    const err = (await thrown(postJson("/api/students", { q: "jan" }))) as ApiError;
    expect([err.code, err.status, err.retryAt, err.sourceId, err.fields]).toEqual([
      "rate_limited",
      429,
      "2026-03-02T13:04:05.000Z",
      undefined,
      undefined,
    ]);
    const [url, init] = spy.mock.calls[0]!;
    expect(url).toBe("/api/students");
    expect(init).toMatchObject({
      method: "POST",
      body: JSON.stringify({ q: "jan" }),
      headers: { "x-ldb-csrf": "1", "content-type": "application/json" },
    });
  });

  it("no answer at all is code network with status 0", async () => {
    fetchAnswers(new TypeError("Failed to fetch"));
    const err = (await thrown(getJson("/api/students/options"))) as ApiError;
    expect(isApiError(err)).toBe(true);
    expect([err.code, err.status, err.message]).toEqual(["network", 0, "Failed to fetch"]);
  });

  it("an error answer without the BFF's body is code http_<status>", async () => {
    fetchAnswers(answer(504, "<html>Gateway Timeout</html>"));
    const err = (await thrown(getJson("/api/enrollments"))) as ApiError;
    expect([err.code, err.status, err.message]).toEqual(["http_504", 504, "HTTP 504"]);
  });

  it("a body whose error is not the BFF's shape is code http_<status> too; stray field types are dropped", async () => {
    fetchAnswers(answer(500, { error: "boom" }));
    expect(((await thrown(getJson("/x"))) as ApiError).code).toBe("http_500");
    fetchAnswers(
      answer(502, {
        error: { code: "invalid_answer", message: "De bron gaf een onleesbaar of onjuist antwoord.", sourceId: 7, fields: ["a", 1] },
      }),
    );
    const err = (await thrown(getJson("/x"))) as ApiError;
    expect([err.code, err.sourceId, err.fields]).toEqual(["invalid_answer", undefined, ["a"]]);
  });

  it("a good answer is returned as it came", async () => {
    fetchAnswers(answer(200, { total: 3 }));
    await expect(getJson<{ total: number }>("/api/students")).resolves.toEqual({ total: 3 });
  });

  it("a failed download returns the ApiError (network failure included) instead of throwing", async () => {
    fetchAnswers(
      answer(503, {
        error: {
          code: "busy",
          message: "De bron is druk; volgende poging om 14:04:05.",
          sourceId: "las-a",
          retryAt: "2026-03-02T13:04:05.000Z",
        },
      }),
    );
    const failed = await downloadPost("/api/students/export", {}, "leerlingen.csv");
    expect([failed?.code, failed?.status, failed?.message, failed?.retryAt]).toEqual([
      "busy",
      503,
      "De bron is druk; volgende poging om 14:04:05.",
      "2026-03-02T13:04:05.000Z",
    ]);
    fetchAnswers(new TypeError("Failed to fetch"));
    expect((await downloadPost("/api/students/export", {}, "leerlingen.csv"))?.code).toBe("network");
  });

  it("isApiError says no to other values", () => {
    for (const v of [new Error("x"), "x", null, undefined, { code: "busy", message: "x" }]) expect(isApiError(v)).toBe(false);
  });
});

describe("a page's polls: not activity, and the end of the session ends the page", () => {
  const ended = { error: { code: "unauthenticated", message: "Niet aangemeld." } };
  it("a background GET carries the background header; an ordinary one does not", async () => {
    const spy = fetchAnswers(answer(200, {}));
    await getJson("/api/consent?school=x", { background: true });
    await getJson("/api/consent?school=x");
    const headersOf = (i: number) => new Headers(spy.mock.calls[i]![1]!.headers);
    expect(headersOf(0).get(BACKGROUND_HEADER)).toBe("1");
    expect(headersOf(1).get(BACKGROUND_HEADER)).toBeNull();
  });

  it("a poll that finds the session ended takes the tab to the sign-in page; a user's own request shows the error instead", async () => {
    const toSignIn = vi.spyOn(leave, "toSignIn").mockImplementation(() => {});
    fetchAnswers(answer(401, ended));
    expect(await thrown(getJson("/api/consent?school=x"))).toMatchObject({ code: "unauthenticated" });
    expect(toSignIn).not.toHaveBeenCalled();
    fetchAnswers(answer(401, ended));
    expect(await thrown(getJson("/api/consent?school=x", { background: true }))).toMatchObject({ code: "unauthenticated" });
    expect(toSignIn).toHaveBeenCalledOnce();
  });
});
