/** The sandbox's schools; the demo sources file (config/sources.demo.json) names the same ones. */
export type SandboxSchool = {
  orgMasterId: string;
  name: string;
  sector: "PO" | "VO";
  vId: string;
  asId: string;
  domain: string;
  pupils: number;
  las: "las-a" | "las-b";
};

export const SCHOOLS: readonly SandboxSchool[] = [
  { orgMasterId: "900A101", name: "OBS De Regenboog", sector: "PO", vId: "99ZZ00", asId: "LASA-0101", domain: "obsderegenboog", pupils: 204, las: "las-a" },
  { orgMasterId: "900A102", name: "CBS De Wegwijzer", sector: "PO", vId: "99ZY00", asId: "LASA-0102", domain: "cbsdewegwijzer", pupils: 152, las: "las-a" },
  { orgMasterId: "900B201", name: "Meridiaan College", sector: "VO", vId: "99ZX00", asId: "LASB-0201", domain: "meridiaancollege", pupils: 1400, las: "las-b" },
  { orgMasterId: "900B202", name: "Scholengemeenschap De Horizon", sector: "VO", vId: "99ZW00", asId: "LASB-0202", domain: "sgdehorizon", pupils: 1000, las: "las-b" },
];

/** At scale "bench" one VO school carries 3,000 pupils and 15 enrollments each (45,000). */
export const BENCH_SCHOOL = "900B201";
export const BENCH_PUPILS = 3000;

export const SCHOOL_PERIODS = { current: "2025-2026", previous: "2024-2025" } as const;
