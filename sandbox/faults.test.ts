import { request as httpRequest, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { describe, expect, it } from "vitest";
import { testSandbox } from "./testing";

const STUDENTS = "/las-a/v1/students/school?orgMasterId=900A101";
const MiB = 1024 * 1024;

async function studentsWith(knobs: object) {
  const sb = testSandbox({ knobs: { "las-a": knobs } });
  const res = await sb.app.request(STUDENTS, { headers: { authorization: `Bearer ${await sb.token("las-a", "eduv.student.basic")}` } });
  const ledger = (await (await sb.app.request("/_admin/variance")).json()) as Record<
    string,
    Record<string, { answers: number; records: number; faults: object }>
  >;
  return { sb, res, ledger: ledger["las-a"]?.students };
}

describe("fault knobs at the Edu-V endpoints", () => {
  it("serverErrorRate: 500 with a StatusResponse, counted as serverError", async () => {
    const { res, ledger } = await studentsWith({ serverErrorRate: 1 });
    expect([res.status, await res.json()]).toEqual([500, { status: 99, statusMessage: "internal server error" }]);
    expect(ledger).toMatchObject({ answers: 0, records: 0, faults: { serverError: 1 } });
  });

  it("tooManyRequestsRate: 429 with Retry-After (default 2, else retryAfterSeconds) and a StatusResponse", async () => {
    const plain = await studentsWith({ tooManyRequestsRate: 1 });
    expect([plain.res.status, plain.res.headers.get("retry-after"), await plain.res.json()]).toEqual([
      429,
      "2",
      { status: 99, statusMessage: "too many requests" },
    ]);
    expect(plain.ledger).toMatchObject({ faults: { tooManyRequests: 1 } });
    const later = await studentsWith({ tooManyRequestsRate: 1, retryAfterSeconds: 30 });
    expect(later.res.headers.get("retry-after")).toBe("30");
  });

  it("retryAfterOn503 adds Retry-After to errorRate's 503; without it there is none", async () => {
    const without = await studentsWith({ errorRate: 1 });
    expect([without.res.status, without.res.headers.get("retry-after")]).toEqual([503, null]);
    const withHeader = await studentsWith({ errorRate: 1, retryAfterOn503: true, retryAfterSeconds: 5 });
    expect([withHeader.res.status, withHeader.res.headers.get("retry-after"), await withHeader.res.json()]).toEqual([
      503,
      "5",
      { status: 99, statusMessage: "service unavailable" },
    ]);
    expect(withHeader.ledger).toMatchObject({ faults: { serviceUnavailable: 1 } });
  });

  it("a rate between 0 and 1 draws deterministically: the same answers in two runs", async () => {
    const statuses = async () => {
      const sb = testSandbox({ knobs: { "las-a": { serverErrorRate: 0.3, tooManyRequestsRate: 0.3 } } });
      const t = await sb.token("las-a", "eduv.student.basic");
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await sb.app.request(STUDENTS, { headers: { authorization: `Bearer ${t}` } })).status);
      return out;
    };
    const first = await statuses();
    expect(first).toEqual(await statuses());
    expect(new Set(first)).toEqual(new Set([200, 429, 500]));
  });
});

describe("the new knobs through PUT /_admin/knobs", () => {
  it.each([
    [{ tokenErrorStatus: 404 }, 400],
    [{ consentStatusShape: "tiny" }, 400],
    [{ varianceRate: 1.5 }, 400],
    [{ oversizeBytes: -1 }, 400],
    [{ tokenErrorStatus: 400, retryAfterSeconds: 0, oversizeDeclared: false, consentStatusShape: "minimal", varianceRate: 0.2 }, 200],
  ])("%j answers %i", async (patch, status) => {
    const sb = testSandbox();
    const res = await sb.app.request("/_admin/knobs", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ "las-a": patch }),
    });
    expect(res.status).toBe(status);
    if (status === 200)
      expect(((await res.json()) as Record<string, object>)["las-a"]).toMatchObject({
        ...patch,
        oversizeBytes: 70 * MiB,
        tooManyRequestsRate: 0,
      });
  });
});

describe("tokenErrorRate at POST /{source}/oauth2/token", () => {
  it.each([
    [400, { error: "invalid_client" }],
    [500, { error: "server_error" }],
    [503, { error: "temporarily_unavailable" }],
  ])("tokenErrorStatus %i", async (status, body) => {
    const sb = testSandbox({
      knobs: { "lr-a": { tokenErrorRate: 1, tokenErrorStatus: status as 400 | 500 | 503, retryAfterOn503: true } },
    });
    const res = await sb.app.request("/lr-a/oauth2/token", {
      method: "POST",
      headers: { authorization: sb.basic("leermiddelendashboard", "pw"), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", scope: "eduv.usage.dashboard" }),
    });
    expect([res.status, await res.json(), res.headers.get("cache-control")]).toEqual([status, body, "no-store"]);
    expect(res.headers.get("retry-after")).toBe(status === 503 ? "2" : null);
    expect(await (await sb.app.request("/_admin/variance")).json()).toEqual({
      "lr-a": { token: { answers: 0, records: 0, varied: 0, invalid: 0, kinds: {}, faults: { tokenError: 1 } } },
    });
    // The other Sources' token endpoints are not affected.
    await expect(sb.token("lr-b", "eduv.usage.dashboard")).resolves.toBeTruthy();
  });
});

/** Reads a body chunk by chunk: the byte count, whether everything before the JSON is whitespace, and the JSON at the end. */
async function measure(body: AsyncIterable<Uint8Array>) {
  let bytes = 0;
  let onlyWhitespace = true;
  let tail = "";
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    bytes += chunk.byteLength;
    if (tail) tail += decoder.decode(chunk, { stream: true });
    else {
      let i = 0;
      while (i < chunk.length && (chunk[i] === 0x20 || chunk[i] === 0x0a || chunk[i] === 0x09 || chunk[i] === 0x0d)) i++;
      if (i < chunk.length) {
        onlyWhitespace &&= chunk[i] === 0x5b; // the list's "[" comes right after the padding
        tail = decoder.decode(chunk.subarray(i), { stream: true });
      }
    }
  }
  return { bytes, onlyWhitespace, json: JSON.parse(tail + decoder.decode()) as unknown };
}

describe("oversizeRate", () => {
  it("streams 70 MiB of whitespace and then the real answer, with a correct Content-Length by default; only a fault in the ledger", async () => {
    const plain = await studentsWith({});
    const expected = await plain.res.text();
    const { res, ledger } = await studentsWith({ oversizeRate: 1 });
    expect(res.status).toBe(200);
    const declared = Number(res.headers.get("content-length"));
    expect(declared).toBe(70 * MiB + Buffer.byteLength(expected));
    const m = await measure(res.body as unknown as AsyncIterable<Uint8Array>);
    expect(m.bytes).toBe(declared);
    expect(m.onlyWhitespace).toBe(true);
    expect(m.json).toEqual(JSON.parse(expected));
    expect(ledger).toMatchObject({ answers: 0, records: 0, faults: { oversize: 1 } });
  }, 30_000);

  async function overHttp(oversizeDeclared: boolean) {
    const sb = testSandbox({ knobs: { "las-a": { oversizeRate: 1, oversizeBytes: 300_000, oversizeDeclared } } });
    const token = await sb.token("las-a", "eduv.student.basic");
    const server = serve({ fetch: sb.app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((r) => server.once("listening", r));
    try {
      const port = (server.address() as AddressInfo).port;
      const res = await new Promise<IncomingMessage>((resolve, reject) =>
        httpRequest({ host: "127.0.0.1", port, path: STUDENTS, headers: { authorization: `Bearer ${token}` } }, resolve)
          .on("error", reject)
          .end(),
      );
      return { headers: res.headers, ...(await measure(res)) };
    } finally {
      await new Promise((r) => server.close(r));
    }
  }

  it("over a real socket: Content-Length when declared, chunked transfer when not; the bytes as counted", async () => {
    const declared = await overHttp(true);
    expect(declared.headers["transfer-encoding"]).toBeUndefined();
    expect(Number(declared.headers["content-length"])).toBe(declared.bytes);
    expect(declared.onlyWhitespace).toBe(true);
    const chunked = await overHttp(false);
    expect(chunked.headers["content-length"]).toBeUndefined();
    expect(chunked.headers["transfer-encoding"]).toBe("chunked");
    expect(chunked.bytes).toBe(declared.bytes);
    expect(chunked.json).toEqual(declared.json);
    expect((chunked.json as unknown[]).length).toBe(204);
  });
});
