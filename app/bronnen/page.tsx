import { sourceErrorMessages } from "@/lib/eduv/errors";
import type { SourceHealth } from "@/lib/eduv/health";
import { probeSources, type SourceProbe } from "@/lib/eduv/probe";
import { getEduvRuntime } from "@/lib/eduv/runtime";
import { SourcesConfigError } from "@/lib/eduv/sources-config";
import { API_LABEL, SOURCE_KIND_LABEL } from "@/components/sources/source-kind";
import { requirePermission } from "@/lib/auth/require";

export const dynamic = "force-dynamic";

function TokenStatus({ token }: { token: SourceProbe["token"] }) {
  if (token.ok) {
    return (
      <span className="text-green-800">
        <span aria-hidden="true">✓ </span>Token verkregen
        <span className="block text-xs text-slate-700">
          {token.scopes.join(", ")} · nog {token.expiresInSeconds} s geldig
        </span>
      </span>
    );
  }
  return (
    <span className="text-red-800">
      <span aria-hidden="true">✗ </span>Geen token: {token.message.nl}
    </span>
  );
}

function LastCall({ health }: { health: SourceHealth | undefined }) {
  if (!health) return <span className="text-slate-700">Nog niet bevraagd</span>;
  const at = new Date(health.lastCallAt).toLocaleTimeString("nl-NL");
  return (
    <span>
      {at} · {health.lastLatencyMs} ms · {health.lastOk ? "gelukt" : "mislukt"}
      {health.lastError ? (
        <span className="block text-xs text-red-800">Laatste fout ({new Date(health.lastError.at).toLocaleTimeString("nl-NL")}): {sourceErrorMessages(health.lastError.kind).nl}</span>
      ) : null}
    </span>
  );
}

async function loadProbes(): Promise<{ probes: Array<SourceProbe & { health?: SourceHealth }> } | { error: string }> {
  try {
    const { client } = getEduvRuntime();
    return { probes: (await probeSources()).map((p) => ({ ...p, health: client.health.get(p.id) })) };
  } catch (err) {
    if (err instanceof SourcesConfigError) return { error: err.message };
    throw err;
  }
}

export default async function SourcesPage() {
  await requirePermission("sources.read");
  const result = await loadProbes();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Bronnen</h1>
        <p className="mt-2 max-w-3xl text-slate-700">
          De Edu-V-bronnen waar het dashboard gegevens ophaalt: leerlingadministraties en licentieregistraties van
          uitgevers. Per bron ziet u of het dashboard er nu een toegangstoken kan krijgen.
        </p>
      </div>
      {"error" in result ? (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-4 text-red-900">
          <h2 className="font-semibold">Het bronnenbestand is ongeldig</h2>
          <p className="mt-1 break-words">{result.error}</p>
        </div>
      ) : (
        <table className="w-full border-collapse bg-white text-left text-sm shadow-sm">
          <caption className="sr-only">Ingestelde bronnen en tokenstatus</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="p-3">Bron</th>
              <th scope="col" className="p-3">Soort</th>
              <th scope="col" className="p-3">Gegevens</th>
              <th scope="col" className="p-3">Scholen</th>
              <th scope="col" className="p-3">Token</th>
              <th scope="col" className="p-3">Token ophalen</th>
              <th scope="col" className="p-3">Laatste bevraging</th>
            </tr>
          </thead>
          <tbody>
            {result.probes.map((p) => (
              <tr key={p.id} className="border-t border-slate-200 align-top" data-source={p.id}>
                <th scope="row" className="p-3 font-medium">{p.name}</th>
                <td className="p-3">{SOURCE_KIND_LABEL[p.kind] ?? p.kind}</td>
                <td className="p-3">{p.apis.map((a) => API_LABEL[a] ?? a).join(", ")}</td>
                <td className="p-3">{p.schools.map((s) => s.name).join(", ")}</td>
                <td className="p-3"><TokenStatus token={p.token} /></td>
                <td className="p-3 tabular-nums">{p.token.latencyMs} ms</td>
                <td className="p-3"><LastCall health={p.health} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
