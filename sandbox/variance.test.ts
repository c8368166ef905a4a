import { describe, expect, it } from "vitest";
import { requiredPaths, SEED_RULES, seedViolations } from "./seed-rules";
import { testSandbox } from "./testing";

type Json = Record<string, unknown>;
type Op = keyof typeof SEED_RULES;
type Answer = { source: string; op: Op; status: number; text: string };
type Counts = { answers: number; records: number; varied: number; kinds: Record<string, Record<string, number>> };

const RECORD_KINDS = [
  "null",
  "empty",
  "emptyArray",
  "emptyRequired",
  "extraField",
  "minimal",
  "dateTime",
  "unknownEnum",
  "entitlementShape",
];
const PO = { organisationMasterIdentifier: "900A101" };
const VO = { organisationMasterIdentifier: "900B201" };

/** One fixed sequence of calls over the demo data: students, enrollments, assignments (PO and VO), usage for pupils and staff. */
async function run(varianceRate: number): Promise<{ answers: Answer[]; ledger: Record<string, Record<string, Counts>> }> {
  const knobs = { varianceRate };
  const sb = testSandbox({ knobs: { "las-a": knobs, "las-b": knobs, "lr-a": knobs } });
  const answers: Answer[] = [];
  const keep = async (source: string, op: Op, res: Response) => answers.push({ source, op, status: res.status, text: await res.text() });
  const call = (source: string, path: string, token: string, body?: unknown) =>
    sb.app.request(
      `/${source}/v1${path}`,
      body
        ? { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) }
        : { headers: { authorization: `Bearer ${token}` } },
    );

  const lasA = await sb.token("las-a", "eduv.student.basic eduv.student.demographics eduv.student.communication eduv.association");
  await keep("las-a", "students", await call("las-a", "/students/school?orgMasterId=900A101", lasA));
  await keep("las-a", "enrollments", await call("las-a", "/enrollments/school?orgMasterId=900A101", lasA));
  const byNepri = (nepri: string) => ({ userIds: [{ userId: nepri, userIdType: "NEPRI" }] });
  for (const e of sb.state.school("900A101").data.employees.slice(0, 6)) {
    await keep(
      "las-a",
      "assignments",
      await call("las-a", "/assignments/school/employee", lasA, { school: PO, employee: byNepri(e.nepri) }),
    );
  }
  const lasB = await sb.token("las-b", "eduv.association");
  for (const e of sb.state.school("900B201").data.employees.slice(0, 4)) {
    await keep(
      "las-b",
      "assignments",
      await call("las-b", "/assignments/school/employee", lasB, { school: VO, employee: byNepri(e.nepri) }),
    );
  }
  // Staff every fifth call, so the variations only an employee's answer allows come round too.
  const lrA = await sb.token("lr-a", "eduv.usage.dashboard");
  const { pupils, employees } = sb.state.school("900A101").data;
  for (let i = 0; i < 45; i++) {
    const user = i % 5 === 1 ? byNepri(employees[i % employees.length]!.nepri) : { userMasterIdentifier: pupils[i]!.eck };
    await keep("lr-a", "usage", await call("lr-a", "/usage/school/user", lrA, { school: PO, user }));
  }
  const ledger = (await (await sb.app.request("/_admin/variance")).json()) as Record<string, Record<string, Counts>>;
  return { answers, ledger };
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * What a varied record changed, seen by comparing it with the same record at rate 0: kind → field paths.
 * Written from the reading rules, not from the sandbox's variations.
 */
function classify(op: Op, base: Json, varied: Json): Map<string, Set<string>> {
  const hits = new Map<string, Set<string>>();
  const hit = (kind: string, path: string) => (hits.get(kind) ?? hits.set(kind, new Set()).get(kind)!).add(path);
  if (same(base, varied)) return hits;
  const kept = Object.keys(varied);
  if (kept.length < Object.keys(base).length && kept.every((k) => same(base[k], varied[k]))) return (hit("minimal", "(record)"), hits);
  const required = requiredPaths(SEED_RULES[op]);
  const walk = (b: unknown, v: unknown, path: string) => {
    if (same(b, v)) return;
    const join = (k: string) => (path ? `${path}.${k}` : k);
    if (path === "entitlements" && Array.isArray(b) && Array.isArray(v) && b.length === v.length) {
      b.forEach((item: Json, i) => {
        const other = v[i] as Json;
        if (same(item, other)) return;
        if (!same(Object.keys(item).sort(), Object.keys(other).sort())) hit("entitlementShape", "entitlements[]");
        else walk(item, other, "entitlements[]");
      });
    } else if (v === null) hit("null", path);
    else if (v === "") hit(required.has(path) ? "emptyRequired" : "empty", path);
    else if (Array.isArray(v) && v.length === 0) hit("emptyArray", path);
    else if (b === undefined) hit("extraField", path);
    else if (v === undefined) hit("removed", path);
    else if (isObject(b) && isObject(v)) for (const k of new Set([...Object.keys(b), ...Object.keys(v)])) walk(b[k], v[k], join(k));
    else if (typeof b === "string" && typeof v === "string") {
      if (DATE_TIME.test(b) && DATE_TIME.test(v)) {
        const normal = (s: string) => Date.parse(s.toUpperCase().replace(" ", "T"));
        hit(Math.abs(normal(b) - normal(v)) < 1000 ? "dateTime" : "dateTime-moved", path);
      } else hit("unknownEnum", path);
    } else hit("other", path);
  };
  walk(base, varied, "");
  return hits;
}

/** The counts a test derives from the answers themselves, per Source and operation. */
function expectedCounts(base: Answer[], varied: Answer[]) {
  const out: Record<string, Record<string, Counts>> = {};
  const perRecordKinds: string[][] = [];
  base.forEach((b, i) => {
    const v = varied[i]!;
    expect([v.source, v.op, v.status]).toEqual([b.source, b.op, b.status]);
    const c = ((out[b.source] ??= {})[b.op] ??= { answers: 0, records: 0, varied: 0, kinds: {} });
    const [bl, vl] = [JSON.parse(b.text) as Json[], JSON.parse(v.text) as Json[]];
    expect(vl).toHaveLength(bl.length);
    c.answers++;
    c.records += bl.length;
    bl.forEach((record, j) => {
      const hits = classify(b.op, record, vl[j]!);
      if (!hits.size) return;
      c.varied++;
      perRecordKinds.push([...hits.keys()]);
      for (const [kind, paths] of hits) for (const p of paths) (c.kinds[kind] ??= {})[p] = (c.kinds[kind][p] ?? 0) + 1;
    });
  });
  return { counts: out, perRecordKinds };
}

describe("varianceRate", () => {
  it("at rate 1 every kind appears, one per record, every record keeps the seed rules, and /_admin/variance counts exactly what was sent", async () => {
    const [base, varied] = [await run(0), await run(1)];
    const { counts, perRecordKinds } = expectedCounts(base.answers, varied.answers);
    expect(perRecordKinds.every((kinds) => kinds.length === 1)).toBe(true);
    const seen = new Set(perRecordKinds.flat());
    expect([...seen].sort()).toEqual([...RECORD_KINDS].sort());

    for (const [source, ops] of Object.entries(counts)) {
      for (const [op, c] of Object.entries(ops)) {
        expect(varied.ledger[source]![op], `${source} ${op}`).toMatchObject({
          answers: c.answers,
          records: c.records,
          varied: c.varied,
          invalid: 0,
          faults: {},
        });
        expect(varied.ledger[source]![op]!.kinds, `${source} ${op}`).toEqual(c.kinds);
        expect(c.varied).toBe(c.records);
        expect(base.ledger[source]![op]).toEqual({ answers: c.answers, records: c.records, varied: 0, invalid: 0, kinds: {}, faults: {} });
      }
    }

    for (const a of [...base.answers, ...varied.answers]) {
      for (const record of JSON.parse(a.text) as unknown[])
        expect(seedViolations(record, SEED_RULES[a.op]), `${a.op} ${JSON.stringify(record)}`).toEqual([]);
    }
    // The paths the brief names, among others.
    const k = (source: string, op: string) => varied.ledger[source]![op]!.kinds as Record<string, Record<string, number>>;
    expect(k("las-a", "assignments").empty).toHaveProperty(["employee.userMasterIdentifier"]);
    expect(k("lr-a", "usage").empty).toMatchObject({
      "user.userMasterIdentifier": expect.any(Number),
      "school.organisationMasterIdentifier": expect.any(Number),
    });
    expect(k("lr-a", "usage").emptyArray).toMatchObject({
      "user.userIds": expect.any(Number),
      "school.organisationIds": expect.any(Number),
    });
    expect(k("las-a", "enrollments").null).toHaveProperty(["endDate"]);
    expect(k("las-a", "enrollments").null).toHaveProperty(["location"]);
    expect(k("las-a", "enrollments").dateTime).toEqual({ dateCreated: expect.any(Number), dateLastModified: expect.any(Number) });
    expect(k("las-a", "students").emptyRequired).toEqual({ givenName: expect.any(Number), familyName: expect.any(Number) });
    expect(k("lr-a", "usage").entitlementShape).toEqual({ "entitlements[]": expect.any(Number) });
    expect(k("las-a", "students").minimal).toEqual({ "(record)": expect.any(Number) });
  }, 60_000);

  it("the date-times take every form RFC 3339 allows, and only on the date-time fields", async () => {
    const varied = await run(1);
    const stamps = varied.answers
      .filter((a) => a.op === "enrollments" || a.op === "assignments")
      .flatMap((a) => (JSON.parse(a.text) as Json[]).flatMap((r) => [r.dateCreated, r.dateLastModified]));
    expect(stamps.some((s) => typeof s === "string" && /t.*z$/.test(s))).toBe(true);
    expect(stamps.some((s) => typeof s === "string" && /\+02:00$/.test(s))).toBe(true);
    expect(stamps.some((s) => typeof s === "string" && / /.test(s))).toBe(true);
    const dates = varied.answers
      .filter((a) => a.op === "enrollments")
      .flatMap((a) => (JSON.parse(a.text) as Json[]).map((r) => r.beginDate));
    expect(dates.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d as string))).toBe(true);
  }, 30_000);

  it("is deterministic: two runs give the same bytes; at 0.5 some records vary and some do not", async () => {
    const [a, b] = [await run(0.5), await run(0.5)];
    expect(a.answers.map((x) => x.text)).toEqual(b.answers.map((x) => x.text));
    const students = a.ledger["las-a"]!.students!;
    expect(students.varied).toBeGreaterThan(students.records * 0.3);
    expect(students.varied).toBeLessThan(students.records * 0.7);
  }, 30_000);

  it("leaves the records the invalidRecords knob spoiled alone, and counts them apart", async () => {
    const sb = testSandbox({ knobs: { "las-a": { varianceRate: 1, invalidRecords: 3 } } });
    const r = await sb.get("las-a", "/students/school?orgMasterId=900A101", await sb.token("las-a", "eduv.student.basic"));
    expect((r.body as Json[]).filter((s) => !("givenName" in s))).toHaveLength(3);
    const ledger = (await (await sb.app.request("/_admin/variance")).json()) as Record<
      string,
      Record<string, Counts & { invalid: number }>
    >;
    expect(ledger["las-a"]!.students).toMatchObject({ answers: 1, records: 204, varied: 201, invalid: 3 });
  });

  it("the seed-rule check itself refuses what breaks a seed rule", () => {
    const ok = { userMasterIdentifier: "x", givenName: "Noah", familyName: "Jansen" };
    expect(seedViolations(ok, SEED_RULES.students)).toEqual([]);
    expect(seedViolations({ ...ok, givenName: null }, SEED_RULES.students)).toEqual(["givenName: required"]);
    expect(seedViolations({ ...ok, userMasterIdentifier: "", userIds: [] }, SEED_RULES.students)).toEqual([
      "userMasterIdentifier: neither identifier",
    ]);
    expect(seedViolations({ ...ok, dateOfBirth: "2015-02-30" }, SEED_RULES.students)).toEqual(["dateOfBirth: not a date"]);
    const enrollment = {
      enrollmentId: "e",
      student: { userIds: [] },
      enrollmentType: "study",
      schoolPeriod: "",
      beginDate: "2025-08-01",
      status: "active",
      dateCreated: "2025-06-15T08:00:00Z",
      dateLastModified: "2025-06-15X08:00",
    };
    expect(seedViolations(enrollment, SEED_RULES.enrollments)).toEqual([
      "schoolPeriod: required, empty",
      "student.userMasterIdentifier: neither identifier",
      "dateLastModified: not a date-time",
    ]);
  });
});

describe("varianceRate on error answers", () => {
  it("sends status as a zero-padded string, counted as statusAsString; at rate 0 an integer", async () => {
    for (const rate of [0, 1]) {
      const sb = testSandbox({ knobs: { "las-b": { varianceRate: rate } } });
      const r = await sb.get("las-b", "/students/school?orgMasterId=900B202", await sb.token("las-b", "eduv.student.basic"));
      expect([r.status, r.body]).toEqual([403, { status: rate ? "0022" : 22, statusMessage: "consent required" }]);
      const ledger = (await (await sb.app.request("/_admin/variance")).json()) as Record<string, Record<string, Counts>>;
      expect(ledger["las-b"]?.students?.kinds ?? {}).toEqual(rate ? { statusAsString: { status: 1 } } : {});
    }
  });

  it("also in the faults' own answers, and POST /_admin/reset clears the counts", async () => {
    const sb = testSandbox({ knobs: { "lr-a": { varianceRate: 1, tooManyRequestsRate: 1 } } });
    const r = await sb.send("lr-a", "POST", "/usage/school/user", await sb.token("lr-a", "eduv.usage.dashboard"), {
      school: PO,
      user: { userIds: [{ userId: "x", userIdType: "ASI" }] },
    });
    expect([r.status, r.body.status, r.headers.get("retry-after")]).toEqual([429, "0099", "2"]);
    expect(
      ((await (await sb.app.request("/_admin/variance")).json()) as Record<string, Record<string, Counts & { faults: object }>>)["lr-a"]!
        .usage,
    ).toMatchObject({ answers: 0, records: 0, kinds: { statusAsString: { status: 1 } }, faults: { tooManyRequests: 1 } });
    await sb.app.request("/_admin/reset", { method: "POST" });
    expect(await (await sb.app.request("/_admin/variance")).json()).toEqual({});
  });
});
