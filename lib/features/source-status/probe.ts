import "server-only";
import { SourceError } from "../../sources/errors";
import { getEduvRuntime } from "../../runtime/source-runtime";
import { schoolsOf, sourcesServing, type SourceConfig } from "../../sources/config";
import type { TokenProvider } from "../../sources/transport/token";

export type SourceProbe = {
  id: string;
  name: string;
  kind: SourceConfig["kind"];
  apis: string[];
  schools: { id: string; name: string }[];
  token:
    | { ok: true; scopes: string[]; expiresInSeconds: number; latencyMs: number }
    | { ok: false; errorKind: string; message: { nl: string; en: string }; latencyMs: number };
};

async function probeToken(tokens: TokenProvider, source: SourceConfig): Promise<SourceProbe["token"]> {
  const started = performance.now();
  try {
    const token = await tokens.getToken(source, source.scopes);
    return { ok: true, scopes: token.scopes, expiresInSeconds: Math.max(0, Math.round((token.expiresAt - Date.now()) / 1000)), latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    const latencyMs = Math.round(performance.now() - started);
    if (err instanceof SourceError) return { ok: false, errorKind: err.kind, message: err.messages, latencyMs };
    return { ok: false, errorKind: "internal", message: { nl: "Onverwachte fout bij het ophalen van een token.", en: "Unexpected error while obtaining a token." }, latencyMs };
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
      schools: schoolsOf(config, source).filter((s) => viewerSchoolIds.includes(s.id)).map((s) => ({ id: s.id, name: s.name })),
      token: await probeToken(tokens, source),
    })),
  );
}
