import { prng } from "../prng";
import { PRODUCTS } from "./names";
import type { Employee, Pupil } from "./people";
import type { SandboxSchool } from "./schools";

type Json = Record<string, unknown>;
export type Registry = "lr-a" | "lr-b";

const STATUSES = [
  ["licensed", 0.62],
  ["entitled", 0.16],
  ["cancelled", 0.07],
  ["blocked", 0.06],
  ["expired", 0.09],
] as const;

function status(roll: number): (typeof STATUSES)[number][0] {
  let acc = 0;
  for (const [s, p] of STATUSES) if (roll < (acc += p)) return s;
  return "licensed";
}

function entitlement(
  registry: Registry,
  school: SandboxSchool,
  userKey: string,
  product: [string, string],
  type: string,
  seed: string,
): Json {
  const r = prng(`${seed}/${registry}/${school.orgMasterId}/${userKey}/${product[1]}`);
  const s = status(r.next());
  const base: Json = {
    entitlementId: `ENT-${registry.toUpperCase()}-${(r.next() * 1e10).toFixed(0).padStart(10, "0")}`,
    productId: product[1],
    productTitle: product[0],
    entitlementType: type,
    entitlementStatus: s,
    deliveryOrderId: `DO-${school.orgMasterId}-2526-${registry === "lr-a" ? "01" : "02"}`,
    startDate: "2025-07-15",
    activationUntilDate: "2026-07-31",
  };
  if (s === "licensed" || s === "expired") base.activationDate = `2025-0${r.int(8, 9)}-${String(r.int(1, 28)).padStart(2, "0")}`;
  if (s === "cancelled" || s === "blocked")
    base.endDate = `2025-${String(r.int(9, 11)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}`;
  if (s === "expired") base.expirationDate = "2025-10-31";
  return base;
}

/** The entitlements a registry holds for one user; none means the registry does not know the user (404). */
export function entitlementsFor(
  seed: string,
  registry: Registry,
  school: SandboxSchool,
  user: { pupil?: Pupil; employee?: Employee },
): Json[] {
  const catalogue = PRODUCTS[registry][school.sector];
  if (user.pupil) {
    const p = user.pupil;
    const r = prng(`${seed}/${registry}/${school.orgMasterId}/pupil/${p.index}`);
    // lr-a: 1–3 products each; lr-b: none for about a quarter of the pupils.
    const count = registry === "lr-a" ? r.int(1, Math.min(3, catalogue.length)) : r.chance(0.25) ? 0 : r.int(1, catalogue.length);
    const start = r.int(0, catalogue.length - 1);
    return Array.from({ length: count }, (_, i) =>
      entitlement(registry, school, `p${p.index}`, catalogue[(start + i) % catalogue.length]!, "school-student", seed),
    );
  }
  if (user.employee && registry === "lr-a") {
    const e = user.employee;
    return [entitlement(registry, school, `e${e.index}`, catalogue[e.index % catalogue.length]!, "school-employee", seed)];
  }
  return [];
}

export function usageAnswer(school: SandboxSchool, user: Json, entitlements: Json[]): Json {
  const count = (s: string) => entitlements.filter((e) => e.entitlementStatus === s).length;
  return {
    // The registry knows the school by both identifiers; the vestiging's BRIN6 as V_ID (ERRATA 23: V_ID everywhere).
    school: {
      organisationMasterIdentifier: school.orgMasterId,
      organisationIds: [{ organisationId: school.vId, organisationIdType: "V_ID" }],
    },
    user,
    totalEntitled: count("entitled"),
    totalLicensed: count("licensed"),
    totalCancelled: count("cancelled"),
    totalBlocked: count("blocked"),
    totalExpired: count("expired"),
    entitlements,
  };
}
