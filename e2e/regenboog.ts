import { generateSchool } from "../sandbox/data/generate";
import { SCHOOLS } from "../sandbox/data/schools";
import { entitlementsFor } from "../sandbox/data/usage";

/**
 * OBS De Regenboog as the sandbox generates it (beheer-po's school: LAS Alfa, Licentieregistraties
 * lr-a "Uitgeverij Meridiaan" and lr-b "Uitgeverij Kompas"): the specs take their expected values
 * from here, never from the dashboard.
 */
export const SEED = "leermiddelendashboard";
export const TODAY = "2026-03-02"; // LDB_REFERENCE_DATE of playwright.config.ts
export const A = "Licentieregistratie Uitgeverij Meridiaan";
export const B = "Licentieregistratie Uitgeverij Kompas";
export const regenboog = generateSchool(
  SEED,
  SCHOOLS.find((s) => s.orgMasterId === "900A101")!,
  "demo",
);
export type Pupil = (typeof regenboog.pupils)[number];
export type Json = Record<string, unknown>;
export const nameOf = (p: Pupil) => [p.preferredFirstName || p.givenName, p.familyNamePrefix, p.familyName].filter(Boolean).join(" ");
/** No other pupil of the school has this name (so a search by it finds one). */
export const unique = (p: Pupil) => regenboog.pupils.filter((q) => nameOf(q) === nameOf(p)).length === 1;
/** The pupil's entitlements at a registry, as the sandbox holds them. */
export const at = (registry: "lr-a" | "lr-b", p: Pupil) => entitlementsFor(SEED, registry, regenboog.school, { pupil: p });
export const groupOf = (year: number) => `so-900A101-po-${year}`;
