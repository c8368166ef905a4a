import { staffRoute } from "@/lib/api/route";
import { can, schoolsOf } from "@/lib/auth/permissions";
import { sourcesList } from "@/lib/contracts/sources";
import { probeSources } from "@/lib/features/source-status/probe";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";

export const dynamic = "force-dynamic";

// GET /api/sources – per Source serving one of the viewer's schools: token obtainable, last call, latency, last error (no URLs, no secrets).
export const GET = staffRoute({ action: "sources.read", response: sourcesList.response }, async ({ staff }) => {
  const { client } = getEduvRuntime();
  const probes = await probeSources(schoolsOf(staff).filter((id) => can(staff, "sources.read", id)));
  return { json: probes.map((p) => ({ ...p, lastCall: client.health.get(p.id) ?? null })) };
});
