import type { Pupil, Track } from "./people";

/** The sandbox's schools; the demo sources file (config/sources.demo.json) names the same ones. */
export type SandboxSchool = {
  orgMasterId: string;
  name: string;
  sector: "PO" | "VO";
  /** The main vestiging (V_ID, BRIN6): the one the sources file names, holding every pupil not placed elsewhere. */
  vId: string;
  /**
   * The Onderwijsaanbieder's other vestigingen, each holding the pupils of its tracks. Only an
   * answer narrowed by filterByOrgId shows it (api.ts); the records themselves (an enrollment's
   * location too) are the same whoever asks, so the demo's answers without the parameter are unchanged.
   */
  otherVestigingen?: ReadonlyArray<{ vId: string; tracks: readonly Track[] }>;
  asId: string;
  domain: string;
  pupils: number;
  las: "las-a" | "las-b";
};

export const SCHOOLS: readonly SandboxSchool[] = [
  {
    orgMasterId: "900A101",
    name: "OBS De Regenboog",
    sector: "PO",
    vId: "99ZZ00",
    asId: "LASA-0101",
    domain: "obsderegenboog",
    pupils: 204,
    las: "las-a",
  },
  {
    orgMasterId: "900A102",
    name: "CBS De Wegwijzer",
    sector: "PO",
    vId: "99ZY00",
    asId: "LASA-0102",
    domain: "cbsdewegwijzer",
    pupils: 152,
    las: "las-a",
  },
  {
    orgMasterId: "900B201",
    name: "Meridiaan College",
    sector: "VO",
    vId: "99ZX00",
    otherVestigingen: [{ vId: "99ZX01", tracks: ["vmbo"] }],
    asId: "LASB-0201",
    domain: "meridiaancollege",
    pupils: 1400,
    las: "las-b",
  },
  {
    orgMasterId: "900B202",
    name: "Scholengemeenschap De Horizon",
    sector: "VO",
    vId: "99ZW00",
    asId: "LASB-0202",
    domain: "sgdehorizon",
    pupils: 1000,
    las: "las-b",
  },
];

/**
 * At scale "bench" one VO school carries 3,000 pupils and 15 enrollments each (45,000); SANDBOX_BENCH_PUPILS
 * (sandbox/main.ts) sets another count, e.g. 10,000 for bench/scroll.ts.
 */
export const BENCH_SCHOOL = "900B201";
export const BENCH_PUPILS = 3000;
export const MAX_BENCH_PUPILS = 100_000;

export const SCHOOL_PERIODS = { current: "2025-2026", previous: "2024-2025" } as const;

/** The vestiging (V_ID) a pupil is registered at: the first other vestiging holding the pupil's track, else the main one. */
export function vestigingOf(school: SandboxSchool, pupil: Pick<Pupil, "track">): string {
  return school.otherVestigingen?.find((v) => v.tracks.includes(pupil.track))?.vId ?? school.vId;
}
