import { dropScans } from "@/lib/features/data-quality/scan-jobs";
import { forgetMassChanges } from "@/lib/features/mass-change/review";
import { announceAllConsentChanged } from "@/lib/sources/answer-cache";
import { dropEduvRuntime } from "@/lib/runtime/source-runtime";
import { e2eResetAllowed } from "@/lib/env/production";
import { resetProcessLimits } from "@/lib/limits/process-limits";

export const dynamic = "force-dynamic";

/**
 * POST /api/e2e/reset – the browser tests' fixture calls this before every test, so each starts
 * from a known state whatever ran before it: every answer cache of the process emptied (the usage
 * cache too), a new Source client (no open circuit breaker, no Source pause from a Retry-After, no
 * cached token), fresh per-user rate limits, no licence scan running or kept, and no mass-change
 * baseline (a test at bench scale would make the next one's demo-sized lists a mass loss). Exists only with LDB_E2E=1 outside production
 * (a production start with it set is refused, lib/env/production.ts); otherwise 404, as any
 * unknown path. The store is otherwise not touched: each e2e run starts with a fresh one.
 */
export async function POST() {
  if (!e2eResetAllowed()) return new Response(null, { status: 404 });
  announceAllConsentChanged();
  dropScans();
  await forgetMassChanges();
  dropEduvRuntime();
  resetProcessLimits();
  return Response.json({ reset: true }, { headers: { "Cache-Control": "no-store" } });
}
