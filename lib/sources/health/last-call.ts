import type { SourceErrorKind } from "../errors";

/** The last call to each Source, for the Sources page: no URLs, no bodies, no identifiers. */
export type SourceHealth = {
  lastCallAt: string;
  lastLatencyMs: number;
  lastOk: boolean;
  lastError?: { kind: SourceErrorKind; at: string; httpStatus?: number };
};

export class SourceHealthRegistry {
  private readonly bySource = new Map<string, SourceHealth>();

  record(sourceId: string, latencyMs: number, error?: { kind: SourceErrorKind; httpStatus?: number }): void {
    const at = new Date().toISOString();
    const previous = this.bySource.get(sourceId);
    this.bySource.set(sourceId, {
      lastCallAt: at,
      lastLatencyMs: Math.round(latencyMs),
      lastOk: !error,
      lastError: error ? { ...error, at } : previous?.lastError,
    });
  }

  get(sourceId: string): SourceHealth | undefined {
    return this.bySource.get(sourceId);
  }
}
