import type { HttpBindings } from "@hono/node-server";
import type { Context, Next } from "hono";
import { statusResponse } from "./guard";
import type { SandboxState } from "./state";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function socketOf(c: Context) {
  return (c.env as HttpBindings | undefined)?.incoming?.socket;
}

/** The knobs that act before an answer: latency, connection resets, hanging, service errors. */
export function faults(state: SandboxState, scope: "api" | "token") {
  return async (c: Context, next: Next) => {
    const sourceId = c.req.param("source") ?? "";
    const knobs = state.knobs.get(sourceId);
    if (knobs.latencyMs) await sleep(knobs.latencyMs);
    if (scope === "token") return next();
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
        socket?.once("close", () => { clearTimeout(timer); resolve(); });
      });
      return statusResponse(c, 504, 99, "gateway timeout");
    }
    if (state.knobs.roll(sourceId, "error", knobs.errorRate)) return statusResponse(c, 503, 99, "service unavailable");
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
