import { eckId, prng, type Prng } from "../prng";
import { FAMILY_NAMES, FORMAL_NAMES, GIVEN_NAMES_BOYS, GIVEN_NAMES_GIRLS } from "./names";
import type { SandboxSchool } from "./schools";

export type Track = "po" | "vmbo" | "havo" | "vwo";

export type Pupil = {
  index: number;
  eck: string;
  leerlingnummer: number;
  givenName: string;
  preferredFirstName?: string;
  familyNamePrefix?: string;
  familyName: string;
  dateOfBirth: string;
  gender: "female" | "male" | "other" | "unspecified";
  track: Track;
  studyYear: number;
  className: string;
  classId: string;
  lateArrival: boolean;
  leaver: boolean;
  /** Identifiers other than the ones made from the leerlingnummer (canaries, data/canary.ts). */
  ids?: PupilIds;
};

export type PupilIds = { neppi: string; asi: string; email: string };

/** The pupil's NEPPI, ASI and school e-mail address. */
export function pupilIds(p: Pupil, school: SandboxSchool): PupilIds {
  return (
    p.ids ?? {
      neppi: `${p.leerlingnummer}@1.${school.domain}.nl`,
      asi: `${school.asId}-${p.leerlingnummer}`,
      email: `L${p.leerlingnummer}@${school.domain}.nl`,
    }
  );
}

function person(r: Prng) {
  const roll = r.next();
  const gender = roll < 0.49 ? "female" : roll < 0.98 ? "male" : roll < 0.99 ? "other" : "unspecified";
  const formal = r.chance(0.08) ? r.pick(FORMAL_NAMES) : undefined;
  const givenName = formal ? formal[0] : r.pick(gender === "female" ? GIVEN_NAMES_GIRLS : GIVEN_NAMES_BOYS);
  const [prefix, familyName] = r.pick(FAMILY_NAMES);
  return { gender, givenName, preferredFirstName: formal?.[1], familyNamePrefix: prefix, familyName } as const;
}

function dateOfBirth(r: Prng, ageOnOct1: number): string {
  const year = 2025 - ageOnOct1 - (r.chance(0.75) ? 0 : 1);
  const month = r.int(1, 12);
  const day = r.int(1, 28);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** How a school's pupils fall into tracks, years and classes of about 25–30. */
function placement(
  school: SandboxSchool,
  index: number,
  total: number,
): { track: Track; studyYear: number; slot: number; perYear: number } {
  if (school.sector === "PO") {
    const perYear = Math.ceil(total / 8);
    return { track: "po", studyYear: Math.floor(index / perYear) + 1, slot: index % perYear, perYear };
  }
  // VO: a third each vmbo (4 years), havo (5), vwo (6), spread evenly over the years of the track.
  const tracks: Array<[Track, number]> = [
    ["vmbo", 4],
    ["havo", 5],
    ["vwo", 6],
  ];
  const third = Math.ceil(total / 3);
  const [track, years] = tracks[Math.min(2, Math.floor(index / third))]!;
  const within = index % third;
  const perYear = Math.ceil(third / years);
  return { track, studyYear: Math.min(years, Math.floor(within / perYear) + 1), slot: within % perYear, perYear };
}

const TRACK_LETTER: Record<Track, string> = { po: "", vmbo: "M", havo: "H", vwo: "V" };

/** a, b, … z, then aa, ab, …: a year of more than 26 classes (only at a large bench scale) still gets letters. */
function classLetters(classIndex: number): string {
  let out = "";
  for (let n = classIndex + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(97 + ((n - 1) % 26)) + out;
  return out;
}

export function className(school: SandboxSchool, track: Track, studyYear: number, classIndex: number): string {
  const letter = classLetters(classIndex);
  if (school.sector === "PO") return classIndex === 0 ? `Groep ${studyYear}` : `Groep ${studyYear}${letter.toUpperCase()}`;
  return `${TRACK_LETTER[track]}${studyYear}${letter}`;
}

export function generatePupils(seed: string, school: SandboxSchool, total: number): Pupil[] {
  const pupils: Pupil[] = [];
  for (let index = 0; index < total; index++) {
    const r = prng(`${seed}/${school.orgMasterId}/pupil/${index}`);
    const p = person(r);
    const { track, studyYear, slot, perYear } = placement(school, index, total);
    const classes = Math.max(1, Math.round(perYear / 28));
    const classIndex = slot % classes;
    const name = className(school, track, studyYear, classIndex);
    const age = school.sector === "PO" ? studyYear + 3 : studyYear + 11;
    pupils.push({
      index,
      eck: eckId(`${seed}/${school.orgMasterId}/${index}`),
      leerlingnummer: 100000 + index * 7 + (hashSchool(school) % 7),
      ...p,
      dateOfBirth: dateOfBirth(r, age),
      track,
      studyYear,
      className: name,
      classId: `grp-${school.orgMasterId}-${name.toLowerCase().replace(/\s+/g, "")}`,
      lateArrival: r.chance(0.03),
      leaver: r.chance(0.02),
    });
  }
  return pupils;
}

function hashSchool(school: SandboxSchool): number {
  return Number.parseInt(school.orgMasterId.replace(/\D/g, ""), 10);
}

export type Employee = { index: number; nepri: string; asi: string; givenName: string; familyNamePrefix?: string; familyName: string };

export function generateEmployee(seed: string, school: SandboxSchool, index: number): Employee {
  const r = prng(`${seed}/${school.orgMasterId}/employee/${index}`);
  const p = person(r);
  const initial = p.givenName[0]!.toLowerCase();
  const family = `${p.familyNamePrefix ?? ""}${p.familyName}`.toLowerCase().replace(/[^a-z]/g, "");
  return {
    index,
    nepri: `${initial}${family}${index}@${school.domain}`,
    asi: `MW${school.orgMasterId}-${String(index).padStart(4, "0")}`,
    givenName: p.givenName,
    familyNamePrefix: p.familyNamePrefix,
    familyName: p.familyName,
  };
}
