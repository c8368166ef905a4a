import { prng, uuidFrom } from "../prng";
import { VO_SUBJECTS } from "./names";
import { canaryEmployee, markPupils } from "./canary";
import { generateEmployee, generatePupils, pupilIds, type Employee, type Pupil } from "./people";
import { BENCH_PUPILS, BENCH_SCHOOL, SCHOOL_PERIODS, type SandboxSchool } from "./schools";

type Json = Record<string, unknown>;

export type SchoolData = {
  school: SandboxSchool;
  pupils: Pupil[];
  students: Json[];
  enrollments: Json[];
  employees: Employee[];
  assignments: Map<number, Json[]>;
};

const CREATED = "2025-06-15T08:00:00Z";
const MODIFIED = "2025-08-20T06:30:00Z";

function student(p: Pupil, school: SandboxSchool): Json {
  const ids = pupilIds(p, school);
  return {
    userMasterIdentifier: p.eck,
    userIds: [
      { userId: ids.neppi, userIdType: "NEPPI" },
      { userId: ids.asi, userIdType: "ASI" },
    ],
    givenName: p.givenName,
    ...(p.preferredFirstName ? { preferredFirstName: p.preferredFirstName } : {}),
    familyName: p.familyName,
    ...(p.familyNamePrefix ? { familyNamePrefix: p.familyNamePrefix } : {}),
    dateOfBirth: p.dateOfBirth,
    gender: p.gender,
    email: ids.email,
    language: "nld",
    accessibility: [],
    address: {
      street: "Schoolstraat",
      houseNumber: 1 + (p.index % 180),
      ...(p.index % 9 === 0 ? { houseNumberSuffix: "A" } : {}),
      zipCode: `99${String(10 + (p.index % 89))} ZZ`,
      city: "Demodorp",
      countryCode: "NL",
      country: "Nederland",
    },
  };
}

const studyOffering = (school: SandboxSchool, p: Pupil, year = p.studyYear) => `so-${school.orgMasterId}-${p.track}-${year}`;
const location = (school: SandboxSchool) => ({ locationIds: [{ locationId: school.vId, locationIdType: "VE_CODE" }], name: school.name });

function enrollment(school: SandboxSchool, p: Pupil, key: string, fields: Json): Json {
  return {
    enrollmentId: uuidFrom(`${school.orgMasterId}/${p.index}/${key}`),
    student: { userMasterIdentifier: p.eck },
    ...fields,
    location: location(school),
    dateCreated: CREATED,
    dateLastModified: MODIFIED,
  };
}

/** The subjects a pupil follows: VO 10–14 (exactly 14 at bench scale, so 15 enrollments a pupil), PO groups 7–8 one (Engels). */
function subjectsOf(school: SandboxSchool, p: Pupil, bench: boolean) {
  if (school.sector === "PO") return p.studyYear >= 7 ? [VO_SUBJECTS[1]] : [];
  const count = bench ? 14 : 10 + (p.index % 5);
  return VO_SUBJECTS.slice(0, count);
}

export const subjectOfferingId = (school: SandboxSchool, code: string, className: string) =>
  `sub-${school.orgMasterId}-${code}-${className.toLowerCase().replace(/\s+/g, "")}-2526`;

function enrollmentsOf(school: SandboxSchool, p: Pupil, bench: boolean): Json[] {
  const begin = p.lateArrival ? "2025-10-06" : "2025-08-01";
  const end = p.leaver ? "2026-01-05" : "2026-08-01";
  const out = [
    enrollment(school, p, "study", {
      enrollmentType: "study",
      study: studyOffering(school, p),
      studyPublicId: `RIO-${p.track.toUpperCase()}-${p.studyYear}`,
      studyYear: p.studyYear,
      schoolPeriod: SCHOOL_PERIODS.current,
      beginDate: begin,
      endDate: end,
      status: "active",
    }),
  ];
  for (const [code] of subjectsOf(school, p, bench)) {
    out.push(
      enrollment(school, p, `subject-${code}`, {
        enrollmentType: "subject",
        subject: subjectOfferingId(school, code, p.className),
        schoolPeriod: SCHOOL_PERIODS.current,
        beginDate: begin,
        endDate: end,
        status: "active",
      }),
    );
  }
  // A few of last year's records the LAS has flagged for deletion.
  if (!bench && p.studyYear > 1 && p.index % 33 === 0) {
    out.push(
      enrollment(school, p, "previous", {
        enrollmentType: "study",
        study: studyOffering(school, p, p.studyYear - 1),
        studyYear: p.studyYear - 1,
        schoolPeriod: SCHOOL_PERIODS.previous,
        beginDate: "2024-08-01",
        endDate: "2025-08-01",
        status: "tobedeleted",
      }),
    );
  }
  return out;
}

function assignment(school: SandboxSchool, e: Employee, key: string, fields: Json): Json {
  return {
    assignmentId: uuidFrom(`${school.orgMasterId}/employee/${e.index}/${key}`),
    employee: {
      userIds: [
        { userId: e.nepri, userIdType: "NEPRI" },
        { userId: e.asi, userIdType: "ASI" },
      ],
    },
    ...fields,
    schoolPeriod: SCHOOL_PERIODS.current,
    beginDate: "2025-08-01",
    endDate: "2026-08-01",
    status: "active",
    dateCreated: CREATED,
    dateLastModified: MODIFIED,
  };
}

/** Teachers: PO one class-teacher per group; VO each subject offering has a teacher, each class a mentor (coach of its pupils). */
function staff(seed: string, school: SandboxSchool, pupils: Pupil[], canary?: string) {
  const classes = [...new Map(pupils.map((p) => [p.classId, p])).values()];
  const employees: Employee[] = [];
  const assignments = new Map<number, Json[]>();
  const hire = () => {
    const hired = generateEmployee(seed, school, employees.length);
    const e = canary ? canaryEmployee(hired, school, canary) : hired;
    employees.push(e);
    assignments.set(e.index, []);
    return e;
  };
  const add = (e: Employee, key: string, fields: Json) => assignments.get(e.index)!.push(assignment(school, e, key, fields));
  if (school.sector === "PO") {
    for (const c of classes) add(hire(), `ct-${c.classId}`, { assignmentType: "class-teacher", group: c.classId });
    for (let i = 0; i < 4; i++) hire(); // intern begeleider, vakleerkracht gym, directie, onderwijsassistent
    return { employees, assignments };
  }
  const teachers = Array.from({ length: Math.max(10, Math.round(pupils.length / 12)) }, hire);
  const r = prng(`${seed}/${school.orgMasterId}/staff`);
  let t = 0;
  for (const c of classes) {
    for (const [code] of VO_SUBJECTS.slice(0, 14)) {
      const teacher = teachers[t++ % teachers.length]!;
      add(teacher, `t-${c.classId}-${code}`, {
        assignmentType: "teacher",
        group: c.classId,
        subject: subjectOfferingId(school, code, c.className),
      });
    }
    const mentor = teachers[r.int(0, teachers.length - 1)]!;
    for (const p of pupils.filter((x) => x.classId === c.classId)) {
      add(mentor, `coach-${p.index}`, { assignmentType: "coach", student: { userMasterIdentifier: p.eck } });
    }
  }
  return { employees, assignments };
}

/**
 * A school's data; with `canary` (a token) a few pupils and employees carry marker names and identifiers
 * (canary.ts). `benchPupils`: how many pupils the bench school has at scale "bench".
 */
export function generateSchool(
  seed: string,
  school: SandboxSchool,
  scale: "demo" | "bench",
  canary?: string,
  benchPupils = BENCH_PUPILS,
): SchoolData {
  const bench = scale === "bench" && school.orgMasterId === BENCH_SCHOOL;
  const generated = generatePupils(seed, school, bench ? benchPupils : school.pupils);
  const pupils = canary ? markPupils(generated, school, canary) : generated;
  const { employees, assignments } = staff(seed, school, pupils, canary);
  return {
    school,
    pupils,
    students: pupils.map((p) => student(p, school)),
    enrollments: pupils.flatMap((p) => enrollmentsOf(school, p, bench)),
    employees,
    assignments,
  };
}
