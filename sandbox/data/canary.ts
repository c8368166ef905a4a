import { createHash } from "node:crypto";
import type { Employee, Pupil } from "./people";
import type { SandboxSchool } from "./schools";

/**
 * Canaries: a few pupils and employees of every school renamed to unmistakable markers
 * ("Kanarie" + a random token the test chose) with marker identifiers, so a test can look for
 * them where persons' data must never be: URLs, the browser's history, log lines, the access log.
 * Every marker name and identifier holds the token; the ECK iDs are 128 hex digits derived from it.
 */
export const CANARY_TOKEN = /^[a-z0-9]{6,16}$/;
/** Which pupils and employees of a school become canaries (by generator index). */
const PUPILS = [2, 23, 61] as const;
const EMPLOYEES = [0, 5] as const;

const capital = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** The pupil's place among the school's canaries, or -1. */
export function canaryIndex(index: number, total: number): number {
  return PUPILS.filter((i) => i < total).indexOf(index as (typeof PUPILS)[number]);
}

/** The pupil, renamed and re-identified; its class, year and licences stay as they were. */
export function canaryPupil(p: Pupil, school: SandboxSchool, token: string, k: number): Pupil {
  const hex = createHash("sha512").update(`canary/${token}/${school.orgMasterId}/${k}`).digest("hex");
  const word = `${school.domain}${k}`;
  return {
    ...p,
    givenName: `Kanarie${capital(token)}`,
    preferredFirstName: undefined,
    familyNamePrefix: undefined,
    familyName: `Kanarievogel${capital(token)}${String.fromCharCode(65 + k)}`,
    eck: `https://ketenid.nl/201703/${hex}`,
    ids: {
      neppi: `kanarie${token}${k}@1.${school.domain}.nl`,
      asi: `${school.asId}-KANARIE${token.toUpperCase()}${k}`,
      email: `kanarie.${token}.${word}@${school.domain}.nl`,
    },
  };
}

export function canaryEmployee(e: Employee, school: SandboxSchool, token: string): Employee {
  const k = EMPLOYEES.indexOf(e.index as (typeof EMPLOYEES)[number]);
  if (k < 0) return e;
  return {
    ...e,
    givenName: `Kanarie${capital(token)}`,
    familyNamePrefix: undefined,
    familyName: `Medewerker${String.fromCharCode(65 + k)}`,
    nepri: `kanarie${token}${k}@${school.domain}`,
    asi: `MW-KANARIE${token.toUpperCase()}-${k}`,
  };
}

export function markPupils(pupils: Pupil[], school: SandboxSchool, token: string): Pupil[] {
  return pupils.map((p) => {
    const k = canaryIndex(p.index, pupils.length);
    return k < 0 ? p : canaryPupil(p, school, token, k);
  });
}

/** What a test needs to find the canaries: per school its marked pupils and employees. */
export type CanaryListing = {
  orgMasterId: string;
  pupils: Array<{ name: string; givenName: string; familyName: string; eck: string; neppi: string; asi: string; className: string }>;
  employees: Array<{ name: string; nepri: string; asi: string }>;
};

export function canaryListing(school: SandboxSchool, pupils: readonly Pupil[], employees: readonly Employee[]): CanaryListing {
  return {
    orgMasterId: school.orgMasterId,
    pupils: pupils
      .filter((p) => p.ids?.neppi.startsWith("kanarie"))
      .map((p) => ({
        name: `${p.givenName} ${p.familyName}`,
        givenName: p.givenName,
        familyName: p.familyName,
        eck: p.eck,
        neppi: p.ids!.neppi,
        asi: p.ids!.asi,
        className: p.className,
      })),
    employees: employees
      .filter((e) => e.nepri.startsWith("kanarie"))
      .map((e) => ({ name: `${e.givenName} ${e.familyName}`, nepri: e.nepri, asi: e.asi })),
  };
}
