import "server-only";
import type { DataQualityAnswer, DataQualityCheckId, DataQualityItem } from "@/lib/contracts/data-quality";
import type { SchoolConfig } from "@/lib/sources/config";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { SourceError } from "@/lib/sources/errors";
import { NO_STUDENTS } from "@/lib/sources/reading/identity";
import type { EduvClient } from "@/lib/sources/transport/client";
import { listSchoolEnrollments } from "../enrollments/enrollments";
import { listSchoolStudents, type StudentList } from "../students/students";
import { referenceDate } from "../usage/usage";
import { pendingLists } from "../mass-change/flags";
import { MassChangeWithheldError } from "../mass-change/withheld";
import { keepAnswer, lastAnswer } from "./last-answer";
import {
  FROM_ABSENCE,
  checkItems,
  checksFor,
  notKnownCheck,
  prepare,
  runCheck,
  type CheckInput,
  type EnrollmentRecord,
  type PupilRecord,
} from "./checks";

/**
 * Data quality for one school: its LAS's pupil list and enrollments, read through the students and
 * enrollments services (cached as they are), and the checks over them. A LAS that could not be read
 * leaves its records out and says why in `sources`: the checks are then silent about its pupils,
 * and a count of 0 there means "not known", never "no findings". While a mass change of the school's
 * LAS lists waits for review (lib/features/mass-change/guard.ts) the checks run on what the lists
 * serve, the answer names the lists held (`massChange`), and the checks that conclude from a record's
 * absence conclude nothing (`notKnown`).
 */

type Api = "students" | "enrollments";
type Read = {
  input: CheckInput;
  sources: DataQualityAnswer["sources"];
  errors: SourceError[];
  massChange: NonNullable<DataQualityAnswer["massChange"]>;
};

/** The LAS a list comes from, by the rule the services use (the first Source serving that API for the school). */
function lasFor(client: EduvClient, school: SchoolConfig, api: Api) {
  return client.config.sources.find((s) => s.apis.includes(api) && s.schools.includes(school.id));
}

/** A Source error is the LAS's answer, kept; anything else is the dashboard's own failure and goes on up. */
async function settle<T>(read: () => Promise<T>): Promise<{ value: T; error?: undefined } | { value?: undefined; error: SourceError }> {
  try {
    return { value: await read() };
  } catch (err) {
    if (err instanceof SourceError) return { error: err };
    throw err;
  }
}

/** The pupil records again, from the list's rows and their identifiers in the same order. */
function pupilsOf(list: StudentList): PupilRecord[] {
  return list.rows.map((r, i) => ({
    ...list.identifiers.at(i),
    givenName: r.givenName,
    familyNamePrefix: r.familyNamePrefix,
    familyName: r.familyName,
    dateOfBirth: r.dateOfBirth,
  }));
}

function enrollmentsOf(list: Awaited<ReturnType<typeof listSchoolEnrollments>>): EnrollmentRecord[] {
  return list.rows.map((r, i) => ({
    enrollmentId: r.id,
    student: list.refs[i]!,
    enrollmentType: r.type,
    studyYear: r.studyYear,
    schoolPeriod: r.schoolPeriod,
    beginDate: r.beginDate,
    endDate: r.endDate,
    status: r.status,
  }));
}

/**
 * Both lists of the school, each kept only when every list of its LAS was read: a LAS that answered
 * one list and refused the other is not one whose records can be trusted to be complete. The pupils
 * first: a LAS that refuses them is not asked for its enrollments too (they would be left out, and
 * each refused call brings its circuit breaker closer to leaving the Source alone for everyone).
 */
async function readSchool(client: EduvClient, school: SchoolConfig, opts: { refresh?: boolean; today: string }): Promise<Read> {
  const las = { students: lasFor(client, school, "students")?.id, enrollments: lasFor(client, school, "enrollments")?.id };
  const students = await settle(() => listSchoolStudents(client, school, {}, opts));
  const skip = students.error !== undefined && las.enrollments === las.students;
  // The list just read gives the enrollments their pupils' keys, so the enrollments service does not ask for it again.
  const identity = students.value?.identity ?? NO_STUDENTS;
  const enrollments = skip ? undefined : await settle(() => listSchoolEnrollments(client, school, {}, { ...opts, identity }));
  const lists = [
    { api: "students" as const, error: students.error, sourceId: las.students },
    { api: "enrollments" as const, error: enrollments?.error, sourceId: las.enrollments },
  ];
  const sources: DataQualityAnswer["sources"] = [];
  for (const id of new Set(lists.flatMap((l) => (l.sourceId ? [l.sourceId] : [])))) {
    const failed = lists.filter((l) => l.sourceId === id && l.error);
    const name = client.config.sources.find((s) => s.id === id)!.name;
    sources.push(
      failed.length
        ? { sourceId: id, name, ok: false, error: failed[0]!.error!.kind, failed: failed.map((l) => l.api) }
        : { sourceId: id, name, ok: true },
    );
  }
  const usable = (api: Api) => sources.some((s) => s.sourceId === las[api] && s.ok);
  const input: CheckInput = {
    pupils: usable("students") && students.value ? pupilsOf(students.value) : [],
    enrollments: usable("enrollments") && enrollments?.value ? enrollmentsOf(enrollments.value) : [],
    sector: school.sector,
    today: opts.today,
    identity,
  };
  const massChange = pendingLists({ students: students.value, enrollments: enrollments?.value });
  return { input, sources, errors: lists.flatMap((l) => (l.error ? [l.error] : [])), massChange };
}

/** The checks for one school, each with at most 500 items, and per LAS whether it could be read. */
export async function dataQualityOf(
  client: EduvClient,
  school: SchoolConfig,
  opts: { refresh?: boolean; today?: string; now?: Date } = {},
): Promise<DataQualityAnswer> {
  const today = opts.today ?? referenceDate();
  const { input, sources, massChange } = await readSchool(client, school, { refresh: opts.refresh, today });
  const prepared = prepare(input);
  const withheld = (id: DataQualityCheckId) => massChange.length > 0 && FROM_ABSENCE.has(id);
  return {
    checks: checksFor(school.sector).map((id) => (withheld(id) ? notKnownCheck(id) : runCheck(id, prepared))),
    sources,
    pupils: prepared.pupils.length,
    enrollments: prepared.enrollments.length,
    referenceDate: today,
    checkedAt: (opts.now ?? new Date()).toISOString(),
    ...(massChange.length ? { massChange } : {}),
  };
}

/**
 * Every item of one check, for the CSV. A LAS that could not be read fails the export with its error:
 * a file without its records would read as a complete list. So does a check that concludes nothing
 * while a mass change waits (MassChangeWithheldError, answered 409).
 */
export async function dataQualityRows(
  client: EduvClient,
  school: SchoolConfig,
  check: DataQualityCheckId,
  opts: { today?: string } = {},
): Promise<DataQualityItem[]> {
  const { input, errors, massChange } = await readSchool(client, school, { today: opts.today ?? referenceDate() });
  if (errors.length) throw errors[0]!;
  if (massChange.length && FROM_ABSENCE.has(check)) throw new MassChangeWithheldError(check);
  return checkItems(check, prepare(input));
}

/**
 * The checks for the school `schoolId` from the running dashboard's Sources, as the route answers it
 * and the page shows it: the school's last answer while it is young (last-answer.ts), else (and on
 * `refresh`) a new one; with its access-log entry (a read of the pupil list, since
 * the checks read every pupil; the count is of the pupils the answer names).
 */
export async function readDataQuality(
  schoolId: string,
  opts: { refresh?: boolean } = {},
): Promise<{ value: DataQualityAnswer; access: { dataKind: "students"; action: "list"; personCount: number } }> {
  let value = opts.refresh ? undefined : lastAnswer(schoolId);
  if (!value) {
    const { client } = getEduvRuntime();
    value = await dataQualityOf(
      client,
      client.config.schools.find((s) => s.id === schoolId)!,
      { refresh: opts.refresh },
    );
    keepAnswer(schoolId, value);
  }
  const named = new Set(value.checks.flatMap((c) => c.items.map((i) => i.studentKey)));
  return { value, access: { dataKind: "students", action: "list", personCount: named.size } };
}
