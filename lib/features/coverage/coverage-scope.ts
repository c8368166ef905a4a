import type { CoverageConclusions, RegistryShare } from "@/lib/contracts/coverage";
import { answered, meaningOf, notAProvider, type EntitlementRow, type RegistryOutcome, type UsageAnswer } from "../usage/usage";

/** For how many of the pupils asked a registry answered, and what may be concluded about the group from which (the contract, lib/contracts/coverage.ts). */
export type { CoverageConclusions, RegistryShare } from "@/lib/contracts/coverage";

type Asked = { current: boolean; answer: UsageAnswer };

/** 100 only when the registry answered for every pupil asked; otherwise at most 99, so a share never reads as complete when it is not. */
export function percentOf(part: number, whole: number): number {
  if (whole === 0) return 0;
  return part === whole ? 100 : Math.min(99, Math.round((part * 100) / whole));
}

/** Per registry (in the order the Sources are configured), for how many of the pupils asked it answered. */
export function registryShares(asked: readonly Asked[]): RegistryShare[] {
  const seen = new Map<string, { name: string; answered: number; provider: boolean }>();
  for (const r of asked) {
    for (const reg of r.answer.registries) {
      const s = seen.get(reg.sourceId) ?? { name: reg.sourceName, answered: 0, provider: false };
      if (answered(reg)) s.answered++;
      // An Aanspraakmanager's 405 is no gap: it is not a provider of usage.
      if (!notAProvider(reg)) s.provider = true;
      seen.set(reg.sourceId, s);
    }
  }
  return [...seen]
    .filter(([, s]) => s.provider)
    .map(([sourceId, s]) => ({
      sourceId,
      sourceName: s.name,
      answered: s.answered,
      asked: asked.length,
      percent: percentOf(s.answered, asked.length),
      complete: asked.length > 0 && s.answered === asked.length,
    }));
}

/** The conclusions about the group, drawn only from the registries that answered for every pupil asked. */
export function conclusionsOf(
  asked: readonly Asked[],
  shares: readonly RegistryShare[],
  today: string,
  isCandidate: (e: EntitlementRow, current: boolean) => boolean,
): CoverageConclusions | null {
  const complete = shares.filter((s) => s.complete);
  if (!complete.length) return null;
  const ids = new Set(complete.map((s) => s.sourceId));
  const from = (reg: RegistryOutcome) => ids.has(reg.sourceId);
  let entitlements = 0;
  let candidates = 0;
  let unknownStatus = 0;
  for (const r of asked) {
    for (const reg of r.answer.registries.filter(from)) {
      for (const e of reg.entitlements) {
        if (r.current) entitlements++;
        if (meaningOf(e, today) === "unknown") unknownStatus++;
        else if (isCandidate(e, r.current)) candidates++;
      }
    }
  }
  return {
    from: complete.map((s) => s.sourceName),
    others: shares.filter((s) => !s.complete).map((s) => s.sourceName),
    noEntitlements: entitlements === 0,
    allAssignedAndActivated: candidates === 0 && unknownStatus === 0,
    unknownStatus,
  };
}
