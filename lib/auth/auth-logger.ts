import "server-only";
import type { NextAuthConfig } from "next-auth";
import { log } from "@/lib/log";

/**
 * next-auth's logger, replaced: its own prints an error's message, its cause's stack and a JSON of
 * the details, which in a failed OAuth callback hold the query (code, state) and may hold tokens
 * (CVE-2022-31186 logged a client secret that way). Ours writes the error's type and the class of
 * its cause, a warning's code, and nothing for debug (its metadata carry URLs and cookies).
 */
export const authLogger: NonNullable<NextAuthConfig["logger"]> = {
  error(error: Error) {
    const cause = (error as { cause?: unknown }).cause;
    const causeErr = cause && typeof cause === "object" && "err" in cause ? (cause as { err: unknown }).err : cause;
    // AuthError subclasses carry their kind in `type` (e.g. "CallbackRouteError"); a plain error only its class.
    const type = (error as { type?: unknown }).type;
    log().error(
      { authError: typeof type === "string" ? type : error?.name, cause: causeErr instanceof Error ? causeErr.name : undefined },
      "auth error",
    );
  },
  warn(code: string) {
    log().warn({ authWarning: code }, "auth warning");
  },
  debug() {},
};
