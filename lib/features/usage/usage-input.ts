import "server-only";
import { getStore } from "@/lib/db/client";
import { listKnownEmployees, maskEmployeeId } from "@/lib/db/employees";
import type { EduvClient } from "@/lib/sources/transport/client";
import { sendableUser } from "@/lib/sources/reading/schemas/common";
import type { SchoolConfig } from "@/lib/sources/config";
import { NO_STUDENTS, type PersonRef } from "@/lib/sources/reading/identity";
import { listSchoolStudents, maskIdentifier, primaryIdentifier, studentNames } from "@/lib/features/students/students";
import type { UserRef } from "@/lib/features/usage/usage";
import { UnreadableRecordError } from "@/lib/sources/errors";
import { pendingIn } from "@/lib/features/mass-change/flags";
import { MassChangeWithheldError } from "@/lib/features/mass-change/withheld";

/** Whose usage: a pupil or employee picked from a list (by opaque key) or an identifier typed into the form (the contract's `personInputShape`, lib/contracts/usage.ts). */
export type PersonInput = { studentKey?: string; employeeKey?: string; identifier?: { type: string; value: string } };

export type Person = {
  kind: "student" | "employee" | "unknown";
  /** The opaque key (pupils: the same as the student list's). */
  key: string;
  name?: string;
  maskedId: string;
  user: UserRef;
  /** For the access log, which hashes it. */
  logIdentifier: string;
};

/**
 * Resolves the input to a person; null when a key does not (or no longer) belong to this school, or
 * MassChangeWithheldError when that is not known (a mass change of the student list waits for review).
 * A pupil whose record the LAS sent but could not be read throws UnreadableRecordError: not "not found";
 * so does a pupil whose record carries no identifier a registry may be asked by (no ECK iD, and
 * `userIds` only of types Edu-V does not name), with the field that lacks it.
 */
export async function resolvePerson(client: EduvClient, school: SchoolConfig, input: PersonInput): Promise<Person | null> {
  if (input.studentKey) {
    const list = await listSchoolStudents(client, school);
    const ids = list.identifiers.get(input.studentKey);
    const row = list.rows.find((r) => r.key === input.studentKey);
    if (!ids || !row) {
      const fields = list.unreadable.get(input.studentKey);
      if (fields) throw new UnreadableRecordError(list.sourceId, fields);
      // While a mass change waits, a pupil missing from the list served may be one the change lost or brought: not known (409).
      if (pendingIn(list)) throw new MassChangeWithheldError("student");
      return null;
    }
    // Only what a request may carry: identifiers of a type Edu-V does not name were read, never sent (item 6).
    const user: UserRef | undefined = sendableUser(ids);
    // Nothing left to ask a registry with: the record lacks an identifier Edu-V names, which the LAS must repair.
    if (!user) throw new UnreadableRecordError(list.sourceId, ["userIds[].userIdType"]);
    return { kind: "student", key: row.key, name: row.name, maskedId: row.maskedId, user, logIdentifier: primaryIdentifier(ids) };
  }
  if (input.employeeKey) {
    const { db } = await getStore();
    const found = (await listKnownEmployees(db, school.id)).find((e) => e.key === input.employeeKey);
    if (!found) return null;
    return {
      kind: "employee",
      key: found.key,
      name: found.name,
      maskedId: maskEmployeeId(found.userIdType, found.userId),
      user: { userIds: [{ userId: found.userId, userIdType: found.userIdType }] },
      logIdentifier: `${found.userIdType}:${found.userId}`,
    };
  }
  if (!input.identifier) return null;
  const { type, value } = input.identifier;
  if (type === "eckId") {
    const pupil = await typedPupil(client, school, { userMasterIdentifier: value });
    return {
      kind: pupil.name ? "student" : "unknown",
      key: pupil.key,
      name: pupil.name,
      maskedId: maskIdentifier({ userMasterIdentifier: value }),
      user: { userMasterIdentifier: value },
      logIdentifier: value,
    };
  }
  const logIdentifier = `${type}:${value}`;
  const { db } = await getStore();
  const employee = (await listKnownEmployees(db, school.id)).find((e) => e.userIdType === type && e.userId === value);
  const pupil = employee ? undefined : await typedPupil(client, school, { userIds: [{ userId: value, userIdType: type }] });
  return {
    kind: employee ? "employee" : pupil?.name ? "student" : "unknown",
    key: employee?.key ?? pupil!.key,
    name: employee?.name ?? pupil?.name,
    maskedId: maskEmployeeId(type, value),
    user: { userIds: [{ userId: value, userIdType: type }] },
    logIdentifier,
  };
}

/**
 * A typed identifier matched to the school's students by the student list's own matcher (identity.ts),
 * so a pupil is found by any identifier of theirs (a NEPPI or ASI of a pupil who also has an ECK iD, or
 * whose key comes from another identifier) and gets the key and name the list gives them. An identifier
 * two pupils share matches nobody (no name, a key no pupil has); no match, or no list (the LAS cannot
 * give it), keeps the key of the identifier itself.
 */
async function typedPupil(client: EduvClient, school: SchoolConfig, ref: PersonRef): Promise<{ key: string; name?: string }> {
  const identity = await listSchoolStudents(client, school).then(
    (l) => l.identity,
    () => NO_STUDENTS,
  );
  const match = identity.match(ref);
  if (match.kind !== "matched") return { key: match.key };
  return { key: match.key, name: (await studentNames(client, school)).get(match.key) };
}
