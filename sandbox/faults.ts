import type { HttpBindings } from "@hono/node-server";
import type { Context, Next } from "hono";
import { statusResponse } from "./guard";
import { operationOf, type FaultName } from "./ledger";
import type { SandboxState } from "./state";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function socketOf(c: Context) {
  return (c.env as HttpBindings | undefined)?.incoming?.socket;
}

/**
 * The knobs that act before an answer: latency, connection resets, hanging, service errors, the rate
 * limit; at the token endpoint, its failure. The answers that are faults are counted in the ledger.
 */
export function faults(state: SandboxState, scope: "api" | "token") {
  return async (c: Context, next: Next) => {
    const sourceId = c.req.param("source") ?? "";
    const knobs = state.knobs.get(sourceId);
    const retryAfter = { "Retry-After": String(knobs.retryAfterSeconds) };
    const on503 = knobs.retryAfterOn503 ? retryAfter : {};
    if (knobs.latencyMs) await sleep(knobs.latencyMs);
    if (scope === "token") {
      if (!state.knobs.roll(sourceId, "token-error", knobs.tokenErrorRate)) return next();
      state.variance.fault(sourceId, "token", "tokenError");
      const noStore = { "Cache-Control": "no-store" };
      if (knobs.tokenErrorStatus === 400) return c.json({ error: "invalid_client" }, 400, noStore);
      if (knobs.tokenErrorStatus === 500) return c.json({ error: "server_error" }, 500, noStore);
      return c.json({ error: "temporarily_unavailable" }, 503, { ...noStore, ...on503 });
    }
    const op = operationOf(c.req.path);
    const count = (name: FaultName) => op && state.variance.fault(sourceId, op, name);
    if (state.knobs.roll(sourceId, "reset", knobs.resetRate)) {
      const socket = socketOf(c);
      if (!socket) return c.body(null, 500, { "x-sandbox-fault": "reset" });
      socket.destroy();
      return new Response(null, { status: 500 });
    }
    if (state.knobs.roll(sourceId, "timeout", knobs.timeoutRate)) {
      const socket = socketOf(c);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, knobs.hangMs);
        socket?.once("close", () => {
          clearTimeout(timer);
          resolve();
        });
      });
      return statusResponse(c, 504, 99, "gateway timeout");
    }
    if (state.knobs.roll(sourceId, "error", knobs.errorRate)) {
      count("serviceUnavailable");
      return statusResponse(c, 503, 99, "service unavailable", on503);
    }
    if (state.knobs.roll(sourceId, "server-error", knobs.serverErrorRate)) {
      count("serverError");
      return statusResponse(c, 500, 99, "internal server error");
    }
    if (state.knobs.roll(sourceId, "too-many", knobs.tooManyRequestsRate)) {
      count("tooManyRequests");
      return statusResponse(c, 429, 99, "too many requests", retryAfter);
    }
    return next();
  };
}

/** Admin routes answer only on loopback (or in-process, where there is no socket). */
export function loopbackOnly() {
  return async (c: Context, next: Next) => {
    const address = socketOf(c)?.remoteAddress;
    if (address && !["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(address)) return c.json({ error: "admin is loopback only" }, 403);
    return next();
  };
}
