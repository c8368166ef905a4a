import type { Context, Hono } from "hono";
import { addedEnrollments, addedStudents } from "./data/anomalies";
import type { SchoolData } from "./data/generate";
import { vestigingOf, type SandboxSchool } from "./data/schools";
import { entitlementsFor, usageAnswer, type Registry } from "./data/usage";
import { guard, statusResponse, userRefSchema } from "./guard";
import { issue21Enrollments } from "./issue21";
import { corrupt, corruptedIndexes } from "./knobs";
import { keptEnrollments, keptStudents } from "./mass-change";
import type { AnswerTally, FaultName, Operation } from "./ledger";
import { oversizeHeaders, paddedJson } from "./oversize";
import { sourceById, type SandboxSource } from "./sources";
import type { SandboxState } from "./state";
import { vary } from "./variance";

type Json = Record<string, unknown>;

/** Student fields per optional scope: a Source sends them only when the token carries that scope. */
const SCOPED_FIELDS: Record<string, string[]> = {
  "eduv.student.demographics": ["dateOfBirth", "gender"],
  "eduv.student.communication": ["email"],
  "eduv.student.accessibility": ["language", "accessibility"],
  "eduv.student.deliveryaddress": ["address"],
};

function withScopes(student: Json, scopes: string[]): Json {
  const out = { ...student };
  for (const [scope, fields] of Object.entries(SCOPED_FIELDS)) if (!scopes.includes(scope)) for (const f of fields) delete out[f];
  return out;
}

/**
 * Sends a 200 list, applying the knobs that change answers: schema-invalid records, seed-allowed
 * variance, broken JSON, oversize. The ledger counts the records of an answer that goes out readable;
 * one spoiled whole (malformed or oversize) counts only as that fault.
 */
function sendList(c: Context, state: SandboxState, source: SandboxSource, op: Operation, version: string, records: Json[]) {
  const knobs = state.knobs.get(source.id);
  const bad = corruptedIndexes(records.length, knobs, () => state.knobs.roll(source.id, "invalid", knobs.invalidRecordRate));
  const corrupted = bad.size ? records.map((r, i) => (bad.has(i) ? corrupt(r) : r)) : records;
  const { body, tally } = vary(state, source.id, op, corrupted, bad);
  let text = JSON.stringify(body);
  const malformed = state.knobs.roll(source.id, "malformed", knobs.malformedJsonRate);
  if (malformed) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  return send(c, state, source, op, version, text, malformed ? "malformedJson" : undefined, tally);
}

/** Sends a 200 answer as is, or spoiled by the oversize knob; counted in the ledger either way. */
export function send(
  c: Context,
  state: SandboxState,
  source: SandboxSource,
  op: Operation,
  version: string,
  text: string,
  spoiled: FaultName | undefined,
  tally: AnswerTally,
) {
  const knobs = state.knobs.get(source.id);
  const headers = { "content-type": "application/json", "API-Version": version };
  const oversize = state.knobs.roll(source.id, "oversize", knobs.oversizeRate);
  if (spoiled) state.variance.fault(source.id, op, spoiled);
  if (oversize) state.variance.fault(source.id, op, "oversize");
  if (!spoiled && !oversize) state.variance.answer(source.id, op, tally);
  if (!oversize) return c.body(text, 200, headers);
  const padded = paddedJson(knobs.oversizeBytes, text);
  return c.body(padded.body, 200, { ...headers, ...oversizeHeaders(padded.length, knobs.oversizeDeclared) });
}

/**
 * The vestiging an answer is narrowed to, as a Source does it (003:269-288, 004:246-261): only when
 * the school is named by orgId + orgIdType (by orgMasterId the answer is the whole
 * Onderwijsaanbieder), by filterByOrgId, or when it is omitted by the sector's default (PO narrows,
 * VO does not). Only a V_ID names a vestiging; the other types name the school as a whole (AS_ID is
 * its LAS key), so nothing is left out for them.
 */
function narrowedTo(school: SandboxSchool, q: Record<string, string>): string | undefined {
  if (q.orgId === undefined || q.orgIdType !== "V_ID") return undefined;
  const narrow = q.filterByOrgId === undefined ? school.sector === "PO" : q.filterByOrgId === "true";
  return narrow ? q.orgId : undefined;
}

const byVestiging = new WeakMap<SchoolData["pupils"], Map<string, Set<string>>>();

/** The ECK iDs of the pupils registered at a vestiging, per generated data (a new scale or canary makes new data). */
function pupilsAt(data: SchoolData, vId: string): ReadonlySet<string> {
  let index = byVestiging.get(data.pupils);
  if (!index) {
    index = new Map();
    for (const p of data.pupils) {
      const v = vestigingOf(data.school, p);
      const set = index.get(v) ?? new Set<string>();
      set.add(p.eck);
      index.set(v, set);
    }
    byVestiging.set(data.pupils, index);
  }
  return index.get(vId) ?? new Set();
}

const ENROLLMENT_TYPES = ["study", "subject"];
const ASSIGNMENT_TYPES = ["class-teacher", "teacher", "coach"];

/** The Source's filters on an enrollment's period and offering (query parameters; an absent one keeps all). */
const offeringMatch = (q: Record<string, string>) => (e: Json) =>
  (!q.schoolPeriodId || e.schoolPeriod === q.schoolPeriodId) &&
  (!q.studyOfferingId || e.study === q.studyOfferingId) &&
  (!q.subjectOfferingId || e.subject === q.subjectOfferingId);

export function registerApi(app: Hono, state: SandboxState) {
  const source = (c: Context) => sourceById(c.req.param("source") ?? "");

  app.get("/:source/v1/students/school", async (c) => {
    const s = source(c);
    if (!s || s.kind !== "las") return c.notFound();
    const g = await guard(c, state, s, { scope: "eduv.student.basic", api: "students-api", schoolIn: "query" });
    if (g instanceof Response) return g;
    const { data } = state.school(g.school.orgMasterId);
    const q = c.req.query();
    const vestiging = narrowedTo(g.school, q);
    let students = data.students;
    if (vestiging) {
      const here = pupilsAt(data, vestiging);
      students = students.filter((st) => here.has(st.userMasterIdentifier as string));
    }
    const byOffering = q.schoolPeriodId || q.studyOfferingId || q.subjectOfferingId ? offeringMatch(q) : undefined;
    if (byOffering) {
      const ecks = new Set(data.enrollments.filter(byOffering).map((e) => (e.student as Json).userMasterIdentifier));
      students = students.filter((st) => ecks.has(st.userMasterIdentifier));
    }
    // Knobs (issue 25): a half-empty export keeps a share of the generated pupils; the added records come after them, under the same filters.
    const knobs = state.knobs.get(s.id);
    students = keptStudents(knobs.keptPupilShare, data, students);
    if (knobs.seedAnomalies) students = [...students, ...addedStudents(g.school.orgMasterId, vestiging, byOffering)];
    return sendList(
      c,
      state,
      s,
      "students",
      s.apiVersion.students!,
      students.map((st) => withScopes(st, g.token.scopes)),
    );
  });

  app.get("/:source/v1/enrollments/school", async (c) => {
    const s = source(c);
    if (!s || s.kind !== "las") return c.notFound();
    const g = await guard(c, state, s, { scope: "eduv.association", api: "association-api", schoolIn: "query" });
    if (g instanceof Response) return g;
    const q = c.req.query();
    if (q.enrollmentType && !ENROLLMENT_TYPES.includes(q.enrollmentType)) return statusResponse(c, 400, 11, "Schema incorrect");
    const { data } = state.school(g.school.orgMasterId);
    const vestiging = narrowedTo(g.school, q);
    const here = vestiging ? pupilsAt(data, vestiging) : undefined;
    const byOffering = offeringMatch(q);
    const match = (e: Json) => (!q.enrollmentType || e.enrollmentType === q.enrollmentType) && byOffering(e);
    const knobs = state.knobs.get(s.id);
    let list = data.enrollments.filter((e) => (!here || here.has((e.student as Json).userMasterIdentifier as string)) && match(e));
    list = keptEnrollments(knobs.keptPupilShare, data, list);
    // Knob (issue 25): the added enrollments come after the generated ones, under the same filters.
    if (knobs.seedAnomalies) list = [...list, ...addedEnrollments(g.school.orgMasterId, vestiging, match)];
    return sendList(c, state, s, "enrollments", s.apiVersion.association!, issue21Enrollments(knobs, data, list));
  });

  app.post("/:source/v1/assignments/school/employee", async (c) => {
    const s = source(c);
    if (!s || s.kind !== "las") return c.notFound();
    const g = await guard(c, state, s, { scope: "eduv.association", api: "association-api", schoolIn: "body" });
    if (g instanceof Response) return g;
    const q = c.req.query();
    const employeeRef = userRefSchema.safeParse(g.body.employee);
    if (!employeeRef.success || (q.assignmentType && !ASSIGNMENT_TYPES.includes(q.assignmentType)))
      return statusResponse(c, 400, 11, "Schema incorrect");
    const index = state.school(g.school.orgMasterId);
    const employee = (employeeRef.data.userIds ?? [])
      .map((id) => index.byUserId.get(`${id.userIdType}/${id.userId}`)?.employee)
      .find(Boolean);
    if (!employee) return statusResponse(c, 404, 99, "employee not found");
    const list = (index.data.assignments.get(employee.index) ?? []).filter(
      (a) => (!q.assignmentType || a.assignmentType === q.assignmentType) && (!q.schoolPeriodId || a.schoolPeriod === q.schoolPeriodId),
    );
    return sendList(c, state, s, "assignments", s.apiVersion.association!, list);
  });

  app.post("/:source/v1/usage/school/user", async (c) => {
    const s = source(c);
    if (!s || s.kind === "las") return c.notFound();
    const g = await guard(c, state, s, {
      scope: "eduv.usage.dashboard",
      api: s.kind === "licentieregistratie" ? "usage-api" : undefined,
      schoolIn: "body",
    });
    if (g instanceof Response) return g;
    // The Aanspraakmanager is not the provider of this endpoint (Usage API).
    if (s.kind === "aanspraakmanager") return c.body(null, 405, { Allow: "" });
    // Knob: a registry that does not know the school answers 404 naming 0023 (ERRATA 36), whoever is asked about.
    if (state.knobs.get(s.id).usageSchoolUnknown) return statusResponse(c, 404, 23, "edu_org_id unknown");
    const userRef = userRefSchema.safeParse(g.body.user);
    if (!userRef.success) return statusResponse(c, 400, 11, "Schema incorrect");
    const index = state.school(g.school.orgMasterId);
    const user = userRef.data.userMasterIdentifier
      ? { pupil: index.byEck.get(userRef.data.userMasterIdentifier) }
      : ((userRef.data.userIds ?? []).map((id) => index.byUserId.get(`${id.userIdType}/${id.userId}`)).find(Boolean) ?? {});
    const entitlements = user.pupil || user.employee ? entitlementsFor(state.seed, s.id as Registry, g.school, user) : [];
    if (!entitlements.length) return statusResponse(c, 404, 99, "user not found");
    return sendList(c, state, s, "usage", s.apiVersion.usage!, [usageAnswer(g.school, userRef.data as Json, entitlements)]);
  });
}
