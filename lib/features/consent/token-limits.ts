import "server-only";
import { decodeJwt } from "jose";
import type { SourcesConfig } from "@/lib/sources/config";
import { processLimits } from "@/lib/limits/process-limits";
import { providerClients, type TokenAnswer } from "./provider-auth";

/**
 * The remote address as the nearest proxy saw it: the last X-Forwarded-For entry (Next sets the
 * header to the socket's address when no one did), or with LDB_TRUSTED_PROXIES=n > 1 the n-th
 * from the right. Without a proxy in front, a client may write its own header: run behind one.
 */
export function clientAddress(request: Request, trustedProxies = Number(process.env.LDB_TRUSTED_PROXIES || 1)): string {
  const hops = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return hops[hops.length - Math.max(1, trustedProxies)] ?? hops[0] ?? "unknown";
}

/** The registered client the assertion names (not yet verified), or undefined. */
function namedClient(form: URLSearchParams, config: SourcesConfig): string | undefined {
  try {
    const iss = decodeJwt(form.get("client_assertion") ?? "").iss;
    return providerClients(config).some((c) => c.clientId === iss) ? iss : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Too many requests: 429 with Retry-After (RFC 6585). RFC 6749 §5.2 names no error for it;
 * `temporarily_unavailable` is the registered code that says "try again later" (not RFC 8628's
 * `slow_down`, which belongs to the device flow).
 */
function slowDown(retryAfterMs: number): Response {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return Response.json(
    { error: "temporarily_unavailable", error_description: `too many token requests; try again in ${seconds} s` },
    { status: 429, headers: { "Cache-Control": "no-store", Pragma: "no-cache", "Retry-After": String(seconds) } },
  );
}

/**
 * Issues a token within the limits. Tokens issued count per registered client (taken before the
 * assertion is verified, given back when it fails, so a forged assertion cannot use up a real
 * Provider's allowance); every request that fails, or names no registered client, counts against
 * its remote address, and an address out of failures is refused before anything is verified.
 */
export async function issueWithinLimits(
  request: Request,
  form: URLSearchParams,
  config: SourcesConfig,
  issue: () => Promise<TokenAnswer>,
): Promise<TokenAnswer | Response> {
  const { limiter, limits } = processLimits();
  const address = { key: `token-address:${clientAddress(request)}`, rule: limits.tokenAddress };
  const failures = limiter.peek(address.key, address.rule);
  if (!failures.ok) return slowDown(failures.retryAfterMs);
  const clientId = namedClient(form, config);
  const client = clientId ? { key: `token-client:${clientId}`, rule: limits.tokenClient } : undefined;
  if (client) {
    const taken = limiter.take(client);
    if (!taken.ok) return slowDown(taken.retryAfterMs);
  }
  const answer = await issue();
  if (answer.status !== 200) {
    if (client) limiter.refund(client.key, client.rule);
    limiter.take(address);
  }
  return answer;
}
