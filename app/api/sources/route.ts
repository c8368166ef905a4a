import { staffRoute } from "@/lib/api/route";
import { probeSources } from "@/lib/eduv/probe";
import { getEduvRuntime } from "@/lib/eduv/runtime";

export const dynamic = "force-dynamic";

// GET /api/sources – per configured Source: token obtainable, last call, latency, last error (no URLs, no secrets).
export const GET = staffRoute({ action: "sources.read" }, async () => {
  const { client } = getEduvRuntime();
  const probes = await probeSources();
  return { json: probes.map((p) => ({ ...p, lastCall: client.health.get(p.id) ?? null })) };
});
