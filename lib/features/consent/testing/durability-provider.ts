import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A Provider that takes PUT /consent/requests and PUT /consent/revokes: up (202, registers each
 * consumerReferenceId, and each revoked registration, once) or hanging (accepts the call, never answers).
 */
export function startProvider() {
  // byToken: registrations per bearer token; each dashboard process gets a token of its own, so this tells the senders apart.
  const state = {
    mode: "up" as "up" | "hang",
    puts: 0,
    registered: new Map<string, number>(),
    revokePuts: 0,
    revoked: new Map<string, number>(),
    byToken: new Map<string, number>(),
    hanging: [] as ServerResponse[],
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      if (req.method === "POST" && url.pathname === "/las/oauth2/token") {
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(
            JSON.stringify({ access_token: randomBytes(8).toString("hex"), token_type: "Bearer", expires_in: 300, scope: "eduv.consent" }),
          );
      } else if (req.method === "GET" && url.pathname === "/las/v1/consent/statuses") {
        res.writeHead(200, { "content-type": "application/json" }).end("[]");
      } else if (req.method === "PUT" && url.pathname === "/las/v1/consent/requests") {
        state.puts++;
        if (state.mode === "hang") return void state.hanging.push(res);
        const id = (JSON.parse(body) as { consumerReferenceId: string }).consumerReferenceId;
        // Idempotent per consumerReferenceId, as Edu-V asks: a repeat is answered 202 and registers nothing new.
        state.registered.set(id, (state.registered.get(id) ?? 0) + 1);
        const token = req.headers.authorization ?? "";
        state.byToken.set(token, (state.byToken.get(token) ?? 0) + 1);
        res.writeHead(202).end();
      } else if (req.method === "PUT" && url.pathname === "/las/v1/consent/revokes") {
        state.revokePuts++;
        const named = JSON.parse(body) as { consumerReferenceId?: string; providerReferenceId?: string };
        const id = named.providerReferenceId ?? named.consumerReferenceId ?? "";
        // Idempotent per registration: a repeat is answered 202 and revokes nothing new.
        state.revoked.set(id, (state.revoked.get(id) ?? 0) + 1);
        res.writeHead(202).end();
      } else {
        res.writeHead(404).end();
      }
    });
  });
  return new Promise<{ base: string; state: typeof state; close: () => Promise<void> }>((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        base: `http://127.0.0.1:${port}`,
        state,
        close: () => {
          for (const r of state.hanging) r.destroy();
          server.closeAllConnections();
          return new Promise((done) => server.close(() => done()));
        },
      });
    }),
  );
}
