import { describe, expect, it } from "vitest";
import type { EduvClient } from "../transport/client";
import { coverageOf } from "@/lib/features/coverage/coverage";
import { fanOut, groupOf } from "@/lib/features/coverage/group";
import { listSchoolEnrollments } from "@/lib/features/enrollments/enrollments";
import { SourceError } from "../errors";
import { studentKey } from "./identity";
import { parseList } from "./parse-list";
import type { AnyOperation } from "../operations/define";
import { parseSourcesConfig } from "../config";

import { ECK1, ENROLLMENTS, KEY, OFFERING, STUDENTS, enrollment, enrollmentsLenient, studentsLenient } from "../testing/identity-fixtures";

process.env.ACCESS_LOG_HASH_KEY ??= "a-test-key-for-person-hashes-of-32-chars";

// The lists' mass-change guard keeps its counts in the store (lib/features/mass-change): an in-memory one here.
process.env.PGLITE_DIR = "memory://";

/**
 * Issue 21, item 1: one pupil, one key. A pupil is matched across endpoints on any shared identifier
 * (the ECK iD, as userMasterIdentifier or as a userIds entry of type eckId, or any userIds entry of
 * the same type and value), whatever order the userIds come in (seed 004:52-56). Expected values are
 * written out by hand.
 */
describe("through the LAS calls: the enrollments answer and class coverage", () => {
  const config = parseSourcesConfig({
    client: { clientId: "ldb" },
    schools: [{ id: "school", name: "School", sector: "VO", organisationMasterIdentifier: "900B201" }],
    sources: [
      {
        id: "las",
        name: "LAS",
        kind: "las",
        baseUrl: "https://x.example/las",
        tokenEndpoint: "https://x.example/las/token",
        auth: { method: "private_key_jwt" },
        apis: ["students", "enrollments"],
        scopes: ["eduv.student.basic", "eduv.association"],
        schools: ["school"],
      },
      {
        id: "lr",
        name: "Licentieregistratie",
        kind: "licentieregistratie",
        baseUrl: "https://x.example/lr",
        tokenEndpoint: "https://x.example/lr/token",
        auth: { method: "private_key_jwt" },
        apis: ["usage"],
        scopes: ["eduv.usage.dashboard"],
        schools: ["school"],
      },
    ],
  });
  const school = config.schools[0]!;
  /** A LAS answering `students` and `enrollments` (read by the client's lenient parser), and a registry that knows nobody. */
  const clientOf = (studentsRaw: unknown[] | SourceError, enrollmentsRaw: unknown[]) => {
    const asked: string[] = [];
    const client = {
      config,
      async call(
        op: AnyOperation,
        sourceId: string,
        input: { onInvalid?: (item: unknown, paths: readonly string[]) => void; body?: { user?: unknown } },
      ) {
        asked.push(op.operationId);
        if (op.operationId === "get-usage-for-user-at-school") throw new SourceError("not_found", sourceId);
        const raw = op.operationId === "get-students-for-school" ? studentsRaw : enrollmentsRaw;
        if (raw instanceof SourceError) throw raw;
        const { records, report } = parseList(op.operationId === "get-students-for-school" ? studentsLenient : enrollmentsLenient, raw, {
          onInvalid: input.onInvalid,
        });
        return { records, report, meta: { sourceId, httpStatus: 200, latencyMs: 1, apiVersion: "1", grantedScopes: [], bytes: 100 } };
      },
    } as unknown as EduvClient;
    return { client, asked };
  };

  it("the enrollments answer keys every row by the student list and counts nobody ambiguous", async () => {
    const { client } = clientOf(STUDENTS, ENROLLMENTS);
    const list = await listSchoolEnrollments(client, school, {}, { refresh: true });
    expect(list.rows.map((r) => r.studentKey)).toEqual([KEY.sem, KEY.sem, KEY.noa, KEY.noa, KEY.lotte, KEY.lotte]);
    expect(list.ambiguous).toBe(0);
  });

  it("without the student list (refused) the enrollments still stand, each keyed by its own identifier", async () => {
    const { client } = clientOf(new SourceError("consent_missing", "las"), ENROLLMENTS);
    const list = await listSchoolEnrollments(client, school, {}, { refresh: true });
    expect(list.rows.map((r) => r.studentKey)).toEqual([
      KEY.sem,
      studentKey("ASI:a-0001"),
      studentKey("NEPPI:n-0002"),
      KEY.noa,
      KEY.lotte,
      studentKey("BPI:b-0003"),
    ]);
  });

  it("class coverage counts nobody of the group as not in the LAS", async () => {
    const { client } = clientOf(STUDENTS, ENROLLMENTS);
    const today = "2026-03-02";
    const { pupils } = await groupOf(client, school, { subjectOfferingId: OFFERING }, today, { refresh: true });
    // e1, e3, e5 are in the group: Sem by ECK iD, Noa by one NEPPI, Lotte by an ECK iD the list has as an eckId entry.
    expect(pupils.map((p) => [p.key, p.name, p.user])).toEqual([
      [KEY.sem, "Sem Bakker", { userMasterIdentifier: ECK1 }],
      [KEY.noa, "Noa Visser", { userIds: STUDENTS[1]!.userIds }],
      [KEY.lotte, "Lotte de Jong", { userIds: STUDENTS[2]!.userIds }],
    ]);
    const coverage = coverageOf(await fanOut(client, school, pupils, { concurrency: 1, refresh: true }), today);
    expect([coverage.pupils, coverage.asked, coverage.notInLas, coverage.ambiguousInLas]).toEqual([3, 3, 0, 0]);
  });

  it("class coverage counts a pupil named ambiguously apart: not asked, not 'not in the LAS'", async () => {
    const twin = {
      userMasterIdentifier: "https://ketenid.nl/201703/twin-0004",
      userIds: [{ userId: "n-0002", userIdType: "NEPPI" }],
      givenName: "Tim",
      familyName: "Visser",
    };
    const stranger = enrollment("e8", { userIds: [{ userId: "n-9999", userIdType: "NEPPI" }] });
    const { client } = clientOf([...STUDENTS, twin], [...ENROLLMENTS, stranger]);
    const today = "2026-03-02";
    const list = await listSchoolEnrollments(client, school, {}, { refresh: true });
    // e3 (by the NEPPI Noa and Tim share) and e4 (Noa's ASI with that NEPPI: it points at Tim too).
    expect(list.ambiguous).toBe(2);
    const { pupils } = await groupOf(client, school, { subjectOfferingId: OFFERING }, today, { refresh: true });
    const coverage = coverageOf(await fanOut(client, school, pupils, { concurrency: 1, refresh: true }), today);
    expect([coverage.pupils, coverage.asked, coverage.notInLas, coverage.ambiguousInLas]).toEqual([4, 2, 1, 1]);
  });
});
