import "server-only";
import { SourceError, formatStatusCode } from "@/lib/sources/errors";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { schoolsOf, sourcesServing, type SourceConfig } from "@/lib/sources/config";
import type { TokenProvider } from "@/lib/sources/transport/token";
import type { SourceProbe, TokenProbe } from "@/lib/contracts/sources";

export type { SourceProbe, TokenProbe } from "@/lib/contracts/sources";

async function probeToken(tokens: TokenProvider, source: SourceConfig): Promise<TokenProbe> {
  const started = performance.now();
  try {
    const token = await tokens.getToken(source, source.scopes);
    return {
      ok: true,
      scopes: token.scopes,
      expiresInSeconds: Math.max(0, Math.round((token.expiresAt - Date.now()) / 1000)),
      latencyMs: Math.round(performance.now() - started),
    };
  } catch (err) {
    const latencyMs = Math.round(performance.now() - started);
    if (err instanceof SourceError) return { ok: false, errorKind: err.kind, statusCode: formatStatusCode(err.statusCode), latencyMs };
    return { ok: false, errorKind: "internal", latencyMs };
  }
}

/**
 * Per configured Source that serves one of the viewer's schools: what it serves (of those schools
 * only) and whether a token can be obtained right now (the cache may answer).
 */
export async function probeSources(viewerSchoolIds: readonly string[]): Promise<SourceProbe[]> {
  const { client, tokens } = getEduvRuntime();
  const config = client.config;
  return Promise.all(
    sourcesServing(config, viewerSchoolIds).map(async (source) => ({
      id: source.id,
      name: source.name,
      kind: source.kind,
      apis: [...source.apis],
      schools: schoolsOf(config, source)
        .filter((s) => viewerSchoolIds.includes(s.id))
        .map((s) => ({ id: s.id, name: s.name })),
      token: await probeToken(tokens, source),
    })),
  );
}
