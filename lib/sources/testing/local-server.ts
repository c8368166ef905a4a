import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A real HTTP server on 127.0.0.1, for what a fake fetch cannot show: a dropped connection. */
export async function localServer(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Trickle = { written: number; aborted: Promise<boolean> };

/**
 * Writes `count` chunks of `size` bytes, one every `everyMs`. `aborted` resolves true when the
 * client dropped the connection before the last chunk, false when everything was sent.
 */
export function trickle(
  res: ServerResponse,
  opts: { size: number; count: number; everyMs: number; headers?: Record<string, string> },
): Trickle {
  const state: Trickle = { written: 0, aborted: undefined as unknown as Promise<boolean> };
  state.aborted = new Promise((resolve) => {
    res.on("close", () => {
      clearInterval(timer);
      resolve(!res.writableFinished);
    });
  });
  res.writeHead(200, { "content-type": "application/json", ...opts.headers });
  res.flushHeaders();
  const chunk = Buffer.alloc(opts.size, " ");
  let sent = 0;
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    res.write(chunk);
    state.written += chunk.length;
    if (++sent === opts.count) {
      clearInterval(timer);
      res.end();
    }
  }, opts.everyMs);
  return state;
}

/** Answers the token endpoints of the test config (`testConfig(base)`) and passes the rest on. */
export function withTokenEndpoint(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === "POST" && req.url?.endsWith("/oauth2/token")) {
      req.resume();
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ access_token: "t", token_type: "Bearer", expires_in: 300 }));
    }
    handler(req, res);
  };
}
