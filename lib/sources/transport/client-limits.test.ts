import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { CallEvent } from "./call-events";
import { EduvClient } from "./client";
import type { SigningKey } from "./signing-key";
import { listStudents } from "../operations";
import { rejection, testConfig, testSigningKey } from "../testing/fixtures";
import { localServer, trickle, withTokenEndpoint, type Trickle } from "../testing/local-server";
import { TokenProvider } from "./token";
import { sourceErrorText } from "@/lib/i18n/outcome-words";

let key: SigningKey;
beforeAll(async () => {
  key = await testSigningKey();
});

const servers: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const CAP = 4096;
const QUERY = { query: { orgMasterId: "900A101" } };

/** A client for the test config's Sources at a real local server, each answer capped at CAP bytes. */
async function setup(handler: Parameters<typeof withTokenEndpoint>[0]) {
  const requests: string[] = [];
  const server = await localServer(
    withTokenEndpoint((req, res) => {
      requests.push(req.url ?? "");
      handler(req, res);
    }),
  );
  servers.push(server);
  const events: CallEvent[] = [];
  const config = testConfig(server.base, { maxAnswerBytes: CAP, timeoutMs: 5_000 });
  const tokens = new TokenProvider({ signingKey: async () => key, secret: () => "pw" });
  const client = new EduvClient({ config, tokens, retryDelayMs: 1, breakerThreshold: 1, observer: (e) => events.push(e) });
  return { client, requests, events };
}

/** A JSON array of exactly `bytes` bytes. */
const arrayOf = (bytes: number) => `[${" ".repeat(bytes - 2)}]`;

describe("a Source answer larger than maxAnswerBytes", () => {
  it("is refused on its Content-Length, without reading, as too_large with the cap in detail", async () => {
    let sending!: Trickle;
    const { client, requests } = await setup((_req, res) => {
      sending = trickle(res, { size: 1024, count: 100, everyMs: 1_000, headers: { "content-length": String(100 * 1024) } });
    });
    const err = await rejection(client.call(listStudents, "las", QUERY));
    expect(err).toMatchObject({ kind: "too_large", httpStatus: 200, detail: `${listStudents.operationId} over ${CAP} bytes` });
    expect([sourceErrorText(err.kind, "nl"), sourceErrorText(err.kind, "en")]).toEqual([
      "De bron stuurde een te groot antwoord; het is niet gelezen.",
      "The Source sent an answer too large to read.",
    ]);
    expect(await sending.aborted).toBe(true);
    expect(sending.written).toBe(0);
    expect(requests).toHaveLength(1); // not retried
  });

  it("is cut off mid-way when it comes without Content-Length: the Source sees the connection close", async () => {
    let sending!: Trickle;
    const { client } = await setup((_req, res) => {
      sending = trickle(res, { size: 512, count: 400, everyMs: 5 });
    });
    await expect(client.call(listStudents, "las", QUERY)).rejects.toMatchObject({ kind: "too_large" });
    expect(await sending.aborted).toBe(true);
    expect(sending.written).toBeLessThan(10 * CAP);
  });

  it("exactly at the cap is read", async () => {
    const { client } = await setup((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(arrayOf(CAP)));
    await expect(client.call(listStudents, "las", QUERY)).resolves.toMatchObject({ records: [], meta: { bytes: CAP } });
  });

  it("is not the Source being down: the circuit stays closed (threshold 1 here) and the observer hears too_large", async () => {
    let big = true;
    const { client, requests, events } = await setup((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(big ? arrayOf(CAP + 1) : "[]"),
    );
    await expect(client.call(listStudents, "las", QUERY)).rejects.toMatchObject({ kind: "too_large" });
    await expect(client.call(listStudents, "las", QUERY)).rejects.toMatchObject({ kind: "too_large" });
    big = false;
    await expect(client.call(listStudents, "las", QUERY)).resolves.toMatchObject({ records: [] });
    expect(requests).toHaveLength(3);
    expect(events.map((e) => [e.httpStatus, e.errorKind])).toEqual([
      [200, "too_large"],
      [200, "too_large"],
      [200, undefined],
    ]);
  });

  it("an error answer is read only as far as a StatusResponse needs: an oversized one still gives its kind", async () => {
    const { client } = await setup((_req, res) =>
      res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ status: 23, statusMessage: "x".repeat(100_000) })),
    );
    const err = await rejection(client.call(listStudents, "las", QUERY));
    expect(err).toMatchObject({ kind: "request_rejected", httpStatus: 400, statusCode: undefined });
  });
});
