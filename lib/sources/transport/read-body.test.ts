import { afterEach, describe, expect, it } from "vitest";
import { BodyTooLargeError, readBody, readErrorBody } from "./read-body";
import { localServer, trickle, type Trickle } from "../testing/local-server";

const servers: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Parameters<typeof localServer>[0]) {
  const server = await localServer(handler);
  servers.push(server);
  return server.base;
}

function streamOf(...chunks: Uint8Array[]): Response {
  return new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        chunks.forEach((c) => controller.enqueue(c));
        controller.close();
      },
    }),
  );
}

describe("reading an answer with a byte cap", () => {
  it("a Content-Length above the cap fails at once, without waiting for the body, and drops the connection", async () => {
    let sending!: Trickle;
    const FIRST_CHUNK_MS = 5_000;
    const base = await serve((_req, res) => {
      sending = trickle(res, { size: 1024, count: 1000, everyMs: FIRST_CHUNK_MS, headers: { "content-length": String(1024 * 1000) } });
    });
    const res = await fetch(base);
    const started = performance.now();
    await expect(readBody(res, 4096)).rejects.toEqual(new BodyTooLargeError(4096));
    // Refused on the header alone: well before the first chunk, which a reader that waited for the body would need.
    // Half the chunk's delay leaves seconds for a loaded machine; the refusal itself takes milliseconds.
    expect(performance.now() - started).toBeLessThan(FIRST_CHUNK_MS / 2);
    expect(await sending.aborted).toBe(true);
    expect(sending.written).toBe(0);
  });

  it("an answer without Content-Length is cut off as soon as it passes the cap: the server sees the connection close", async () => {
    let sending!: Trickle;
    const base = await serve((_req, res) => {
      sending = trickle(res, { size: 1024, count: 200, everyMs: 10 });
    });
    const res = await fetch(base);
    expect(res.headers.get("content-length")).toBeNull();
    await expect(readBody(res, 4096)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(await sending.aborted).toBe(true);
    // Five chunks pass the cap; a few more may be in flight, never the 200 the server meant to send.
    expect(sending.written).toBeLessThan(20 * 1024);
  });

  it("an answer of exactly the cap is read, chunked or with Content-Length; one byte more is not", async () => {
    const base = await serve((req, res) => {
      const size = req.url === "/over" ? 4097 : 4096;
      if (req.url === "/length") res.setHeader("content-length", String(size));
      res.end("x".repeat(size));
    });
    await expect(readBody(await fetch(`${base}/chunked`), 4096)).resolves.toMatchObject({ bytes: 4096 });
    await expect(readBody(await fetch(`${base}/length`), 4096)).resolves.toMatchObject({ bytes: 4096 });
    await expect(readBody(await fetch(`${base}/over`), 4096)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it("cancels an endless stream once it passes the cap", async () => {
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1000));
      },
      cancel() {
        cancelled = true;
      },
    });
    await expect(readBody(new Response(endless), 4096)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(10);
  });

  it("decodes UTF-8 once, so a character split between chunks survives; a BOM is dropped as res.text() drops it", async () => {
    const bytes = new TextEncoder().encode('\uFEFF["Émile"]');
    const body = await readBody(streamOf(bytes.subarray(0, 6), bytes.subarray(6)), 4096);
    expect(body).toEqual({ text: '["Émile"]', bytes: bytes.length });
    expect(body.text).toBe(await new Response(bytes).text());
  });

  it("an error answer over its cap is dropped, not an error: its HTTP status still speaks", async () => {
    await expect(readErrorBody(new Response("x".repeat(70_000), { status: 400 }))).resolves.toEqual({ text: "", bytes: 0 });
    await expect(readErrorBody(new Response('{"status":11}', { status: 400 }))).resolves.toEqual({ text: '{"status":11}', bytes: 13 });
  });

  it("a body without content is empty", async () => {
    await expect(readBody(new Response(null, { status: 202 }), 4096)).resolves.toEqual({ text: "", bytes: 0 });
  });
});
