import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type ProtectedHeaderParameters } from "jose";

/** What the fake consumer saw: the client assertions it accepted, the notifications it took and every push attempt. */
export type Seen = {
  assertions: Array<{ payload: JWTPayload; header: ProtectedHeaderParameters; clientId: string | null }>;
  notifications: Array<{ token: string; contentType: string | undefined; body: unknown }>;
  attempts: number;
  rejected: number;
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

/**
 * A Data Consumer like the dashboard, for the sandbox's tests of a pushing (or polling) Provider: a
 * token endpoint that checks the Provider's client assertion against the Provider's JWKS, a PUT
 * /notifications that takes a ConsentNotification with a token it issued, and an empty GET /requests.
 * `control.fail` makes the next pushes fail with `control.failStatus`; `control.rejectToken` answers
 * the next push 401 and forgets the token, as a consumer whose tokens were lost would.
 */
export function fakeConsumer(jwksUrl: () => string) {
  const seen: Seen = { assertions: [], notifications: [], attempts: 0, rejected: 0 };
  const control = { fail: 0, failStatus: 503, rejectToken: false };
  const issued = new Set<string>();
  let tokens = 0;
  let jwks: JWTVerifyGetKey | undefined;
  let tokenUrl = "";

  const send = (res: ServerResponse, status: number, body?: unknown) =>
    body === undefined
      ? res.writeHead(status).end()
      : res.writeHead(status, { "content-type": "application/json" }).end(typeof body === "string" ? body : JSON.stringify(body));

  async function token(req: IncomingMessage, res: ServerResponse) {
    const form = new URLSearchParams(await readBody(req));
    const clientId = form.get("client_id");
    if (
      form.get("grant_type") !== "client_credentials" ||
      form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" ||
      form.get("scope") !== "eduv.consent" ||
      !clientId
    )
      return send(res, 400, { error: "invalid_request" });
    try {
      jwks ??= createRemoteJWKSet(new URL(jwksUrl()));
      const { payload, protectedHeader } = await jwtVerify(form.get("client_assertion") ?? "", jwks, {
        issuer: clientId,
        subject: clientId,
        audience: tokenUrl,
        algorithms: ["ES256"],
        maxTokenAge: "5m",
        requiredClaims: ["jti", "exp", "iat"],
      });
      if (payload.exp! - payload.iat! > 300 || seen.assertions.some((a) => a.payload.jti === payload.jti))
        throw new Error("too long or replayed");
      seen.assertions.push({ payload, header: protectedHeader, clientId });
    } catch {
      seen.rejected++;
      return send(res, 401, { error: "invalid_client" });
    }
    const value = `tok-${++tokens}`;
    issued.add(value);
    return send(res, 200, { access_token: value, token_type: "Bearer", expires_in: 300, scope: "eduv.consent" });
  }

  async function notification(req: IncomingMessage, res: ServerResponse) {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const text = await readBody(req);
    seen.attempts++;
    if (!bearer || !issued.has(bearer)) return send(res, 401, { status: 99, statusMessage: "invalid token" });
    if (control.rejectToken) {
      control.rejectToken = false;
      issued.delete(bearer);
      return send(res, 401, { status: 99, statusMessage: "secret-body" });
    }
    if (control.fail > 0) {
      control.fail--;
      return send(res, control.failStatus, "secret-body");
    }
    seen.notifications.push({ token: bearer, contentType: req.headers["content-type"], body: JSON.parse(text) });
    return send(res, 202);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? "/", "http://consumer").pathname;
    if (req.method === "POST" && path === "/token") return token(req, res);
    if (req.method === "PUT" && path === "/notifications") return notification(req, res);
    if (req.method === "GET" && path === "/requests") {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      return bearer && issued.has(bearer) ? send(res, 200, []) : send(res, 401, { status: 99, statusMessage: "invalid token" });
    }
    send(res, 404, {});
  }

  const server = createServer((req, res) => void handle(req, res));
  return {
    seen,
    control,
    server,
    async listen() {
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      tokenUrl = `${base}/token`;
      return { tokenUrl, notificationsUrl: `${base}/notifications`, requestsUrl: `${base}/requests` };
    },
    close: () => new Promise((r) => server.close(r)),
  };
}
