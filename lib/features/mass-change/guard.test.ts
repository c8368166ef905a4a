import { beforeEach, describe, expect, it, vi } from "vitest";
import { scriptedRegenboog } from "@/lib/features/mass-change/testing/scripted-las";
import { getStore } from "@/lib/db/client";
import { massChangeBaselines } from "@/lib/db/schema";
import { announceConsentChange } from "@/lib/sources/answer-cache";
import { listSchoolEnrollments } from "../enrollments/enrollments";
import { readStudentDetail } from "../students/student-detail";
import { listSchoolStudents, studentKey } from "../students/students";
import { resolvePerson } from "../usage/usage-input";
import { MassChangeWithheldError } from "./withheld";
import { forgetMassChanges, readMassChange } from "./review";

vi.hoisted(() => {
  process.env.PGLITE_DIR = "memory://";
  process.env.EDUV_SOURCES_FILE = "config/sources.demo.json";
  // Nothing kept between reads: every read asks the scripted LAS, so each answer is judged.
  process.env.BFF_CACHE_TTL_SECONDS = "0";
});

/**
 * The mass-change guard as the lists meet it: listSchoolStudents and listSchoolEnrollments over a
 * scripted LAS (las-a) that sends OBS De Regenboog's generated pupils and enrollments, or the first
 * `sent` pupils and their enrollments. Every count below is taken from that data, never from the code.
 */
const OWN = "obs-de-regenboog";
const las = scriptedRegenboog();
const { data, client, eckOf, sentEcks } = las;
const ALL = data.students.length;
const standing = (ecks: Set<string>) =>
  data.enrollments.filter((e) => ecks.has(eckOf(e.student as Record<string, unknown>)) && e.status !== "tobedeleted").length;
vi.mock("@/lib/runtime/source-runtime", () => ({ getEduvRuntime: () => ({ client }) }));
const school = client.config.schools.find((s) => s.id === OWN)!;
const pupils = () => listSchoolStudents(client, school);
const row = async (list: "students" | "enrollments") =>
  (await (await getStore()).db.select().from(massChangeBaselines)).find((r) => r.schoolId === OWN && r.list === list);

beforeEach(async () => {
  // Each test from a first answer: no baseline, nothing held, the whole school las.sent.
  await (await getStore()).db.delete(massChangeBaselines);
  announceConsentChange("las-a", OWN);
  las.sent = ALL;
  delete process.env.LDB_MASS_CHANGE_SHARE;
});

describe("judging the whole school's pupil list", () => {
  it("takes the first answer as the baseline, and moves it on growth and on a loss within the share", async () => {
    expect(await row("students")).toBeUndefined();
    las.sent = ALL - 20;
    const first = await pupils();
    expect(first.rows).toHaveLength(ALL - 20);
    expect(first.held ?? first.suspect).toBeUndefined();
    expect(await row("students")).toMatchObject({ baselineCount: ALL - 20, pendingSince: null });
    las.sent = ALL;
    expect((await pupils()).rows).toHaveLength(ALL);
    expect(await row("students")).toMatchObject({ baselineCount: ALL });
    // A tenth fewer (under the default 20 %): ordinary life at a school.
    las.sent = ALL - Math.floor(ALL / 10);
    const smaller = await pupils();
    expect(smaller.rows).toHaveLength(las.sent);
    expect(smaller.held ?? smaller.suspect).toBeUndefined();
    expect(await row("students")).toMatchObject({ baselineCount: las.sent, pendingSince: null });
  });

  it("writes a count that stays the same only once per 10 minutes (its time may lag that much), a new count at once", async () => {
    await pupils();
    const first = (await row("students"))!.baselineAt;
    await new Promise((r) => setTimeout(r, 5));
    await pupils();
    expect((await row("students"))!.baselineAt).toEqual(first);
    las.sent = ALL - 1;
    await pupils();
    expect((await row("students"))!.baselineAt.getTime()).toBeGreaterThan(first.getTime());
  });

  it("holds an answer that lost more than the share: serves the last good one, flagged held with since, was, now and lost", async () => {
    const good = await pupils();
    las.sent = Math.floor(ALL / 2);
    const held = await pupils();
    expect(held.rows).toHaveLength(ALL);
    expect(held.rows).toBe(good.rows); // the last good answer itself, not a copy
    expect(held.held).toEqual({ since: expect.any(String), was: ALL, now: las.sent, lost: ALL - las.sent });
    expect(held.suspect).toBeUndefined();
    expect(await row("students")).toMatchObject({ baselineCount: ALL, pendingCount: las.sent });
    // A later losing answer keeps the first moment it was seen, and tells the latest count.
    las.sent = Math.floor(ALL / 3);
    const later = await pupils();
    expect(later.held).toEqual({ since: held.held!.since, was: ALL, now: las.sent, lost: ALL - las.sent });
  });

  it("ends the wait when the LAS answers as before again: the new answer is served and becomes the baseline", async () => {
    await pupils();
    las.sent = Math.floor(ALL / 2);
    expect((await pupils()).held).toBeDefined();
    las.sent = ALL - 3;
    const back = await pupils();
    expect(back.rows).toHaveLength(ALL - 3);
    expect(back.held ?? back.suspect).toBeUndefined();
    expect(await row("students")).toMatchObject({ baselineCount: ALL - 3, pendingSince: null, pendingCount: null, pendingAt: null });
  });

  it("without the last good answer in memory (a restart, here a consent change letting it go): serves the new answer flagged suspect", async () => {
    await pupils();
    announceConsentChange("las-a", OWN);
    las.sent = Math.floor(ALL / 2);
    const suspect = await pupils();
    expect(suspect.rows).toHaveLength(las.sent);
    expect(suspect.held).toBeUndefined();
    expect(suspect.suspect).toMatchObject({ was: ALL, now: las.sent, lost: ALL - las.sent });
    expect((await readMassChange(OWN)).lists.find((l) => l.list === "students")!.pending).toMatchObject({
      served: "suspect",
      now: las.sent,
    });
  });

  it("follows LDB_MASS_CHANGE_SHARE: at 0.5 a loss of 40 % is within it, a loss of 60 % is held", async () => {
    process.env.LDB_MASS_CHANGE_SHARE = "0.5";
    await pupils();
    las.sent = ALL - Math.floor((ALL * 4) / 10);
    expect((await pupils()).held).toBeUndefined();
    const baseline = las.sent;
    las.sent = baseline - Math.ceil((baseline * 6) / 10);
    expect((await pupils()).held).toMatchObject({ was: baseline, now: las.sent });
  });

  it("marks a list the Source filtered suspect while the whole list's change waits, and serves it as it came", async () => {
    await pupils();
    las.sent = Math.floor(ALL / 2);
    await pupils();
    const filtered = await listSchoolStudents(client, school, { schoolPeriodId: "2025-2026" });
    expect(filtered.rows).toHaveLength(las.sent);
    expect(filtered.suspect).toMatchObject({ was: ALL, now: las.sent });
  });
});

describe("judging the whole school's enrollments", () => {
  it("counts the enrollments not withdrawn: half the pupils gone holds the list, the last good one is served", async () => {
    const all = standing(sentEcks());
    const good = await listSchoolEnrollments(client, school, {});
    expect(good.held ?? good.suspect).toBeUndefined();
    expect(await row("enrollments")).toMatchObject({ baselineCount: all });
    las.sent = Math.floor(ALL / 2);
    const now = standing(sentEcks());
    const held = await listSchoolEnrollments(client, school, {});
    expect(held.rows).toHaveLength(good.rows.length);
    expect(held.held).toMatchObject({ was: all, now, lost: all - now });
    // The pupils are held too: their list lost as much.
    expect((await pupils()).held).toMatchObject({ was: ALL, now: las.sent });
  });
});

describe("the browser tests' reset", () => {
  it("forgets every baseline, wait and last good answer: the next answer is a first one again", async () => {
    await pupils();
    las.sent = Math.floor(ALL / 2);
    expect((await pupils()).held).toBeDefined();
    await forgetMassChanges();
    expect(await row("students")).toBeUndefined();
    const first = await pupils();
    expect(first.rows).toHaveLength(las.sent);
    expect(first.held ?? first.suspect).toBeUndefined();
    expect(await row("students")).toMatchObject({ baselineCount: las.sent, pendingSince: null });
  });
});

describe("a pupil looked up by key while a change waits", () => {
  const NO_SECTIONS = { enrollments: false, teachers: false };
  const lastKey = studentKey(eckOf(data.students[ALL - 1]!));

  it("is not found when the list is as before, and 'not known' (409) when the change may have lost them", async () => {
    expect(await readStudentDetail(OWN, "0".repeat(32), NO_SECTIONS, "nl")).toBeNull();
    expect(await resolvePerson(client, school, { studentKey: "0".repeat(32) })).toBeNull();
    announceConsentChange("las-a", OWN); // no last good answer held: the half-empty answer is served
    las.sent = Math.floor(ALL / 2);
    await expect(readStudentDetail(OWN, lastKey, NO_SECTIONS, "nl")).rejects.toBeInstanceOf(MassChangeWithheldError);
    await expect(resolvePerson(client, school, { studentKey: lastKey })).rejects.toBeInstanceOf(MassChangeWithheldError);
  });

  it("is found in the last good list while it is held", async () => {
    await pupils();
    las.sent = Math.floor(ALL / 2);
    expect((await readStudentDetail(OWN, lastKey, NO_SECTIONS, "nl"))?.value.student.key).toBe(lastKey);
  });
});
