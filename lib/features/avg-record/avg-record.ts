import "server-only";
import type { AvgRecordAnswer } from "@/lib/contracts/access-log";
import { accessOfPerson, unnamedReads, type DataKind } from "@/lib/db/access-log";
import { getStore } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/locale";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { UnreadableRecordError } from "@/lib/sources/errors";
import { pendingIn } from "../mass-change/flags";
import { MassChangeWithheldError } from "../mass-change/withheld";
import { listSchoolStudents, primaryIdentifier, type StudentIdentifiers } from "../students/students";
import { providersOfPupil } from "./providers";

/** At most this many of the pupil's named accesses are listed (newest first); the record says when older ones were left out. */
export const AVG_ACCESS_LIMIT = 500;

/** The kinds of data whose whole-school lists and exports may hold a pupil (employees, consent and the log itself hold none). */
const LISTS_WITH_PUPILS: readonly DataKind[] = ["students", "enrollments", "usage"];

/**
 * The opening of the record in the access log: a read of the log about one pupil ("accesslog",
 * "detail"), naming the pupil by the keyed hash of their primary identifier, as their page's read
 * does, so the record lists its own earlier openings. Existing names: the log's kinds and actions
 * (and their words) stay as they are, and no other read of the log names a person.
 */
type AvgOpening = { dataKind: "accesslog"; action: "detail"; personCount: 1; personIdentifier: string };

/**
 * Every identifier the access log may have hashed for this pupil: the primary one (their page, a
 * reveal, a lookup by key), and each typed one as a lookup by a typed identifier logs it ("NEPPI:…",
 * an ECK iD as itself).
 */
export function loggedIdentifiers(ids: StudentIdentifiers): string[] {
  const out = [primaryIdentifier(ids)];
  if (ids.userMasterIdentifier) out.push(ids.userMasterIdentifier);
  for (const u of ids.userIds ?? []) {
    if (!u.userId) continue;
    out.push(`${u.userIdType}:${u.userId}`);
    if (u.userIdType === "eckId") out.push(u.userId);
  }
  return [...new Set(out.filter(Boolean))];
}

/**
 * A pupil's AVG record (issue 25 item 3) by their opaque key, as GET /api/students/avg answers it and
 * /avg/<key> shows it: the accesses the log names the pupil in, the school's list reads that may
 * have included them (counted, not named: the log never named them), and the Providers serving the
 * school with their consent and scopes.
 *
 * Whose record it is: the pupil's name and masked identifier, as the school's list shows them. The
 * reader (the auditor; issue 27's privacy officer) may not read pupil data (students.read), but a
 * record that does not say whose it is cannot answer a parent's request for access (AVG art. 15),
 * which names the child anyway. So the name and the masked identifier, never a full identifier, a
 * birth date or an enrollment; the opening itself is logged with the pupil's hash.
 *
 * Null when the LAS does not list the key; an unreadable record or a key missing while a mass change
 * waits for review are errors, as on the pupil's page (readStudentDetail).
 */
export async function readAvgRecord(
  schoolId: string,
  key: string,
  lang: Locale,
  now: Date = new Date(),
): Promise<{ value: AvgRecordAnswer; access: AvgOpening } | null> {
  const { client } = getEduvRuntime();
  const school = client.config.schools.find((s) => s.id === schoolId)!;
  const list = await listSchoolStudents(client, school);
  const row = list.rows.find((r) => r.key === key);
  const ids = list.identifiers.get(key);
  if (!row || !ids) {
    const fields = list.unreadable.get(key);
    if (fields) throw new UnreadableRecordError(list.sourceId, fields);
    if (pendingIn(list)) throw new MassChangeWithheldError("student");
    return null;
  }
  const { db } = await getStore();
  const rows = await accessOfPerson(db, schoolId, loggedIdentifiers(ids), AVG_ACCESS_LIMIT + 1);
  const shown = rows.slice(0, AVG_ACCESS_LIMIT);
  const unnamed = await unnamedReads(db, schoolId, LISTS_WITH_PUPILS);
  const providers = await providersOfPupil(db, client.config, schoolId, rows, lang);
  return {
    value: {
      pupil: { key: row.key, name: row.name, maskedId: row.maskedId },
      // The store keeps kind, action and outcome as text; only recordAccess writes them, with the contract's names.
      accesses: shown.map((r) => ({
        at: r.at.toISOString(),
        actor: r.actor,
        actorRoles: r.actorRoles,
        dataKind: r.dataKind as AvgRecordAnswer["accesses"][number]["dataKind"],
        action: r.action as AvgRecordAnswer["accesses"][number]["action"],
        outcome: r.outcome as AvgRecordAnswer["accesses"][number]["outcome"],
      })),
      truncated: rows.length > AVG_ACCESS_LIMIT,
      limit: AVG_ACCESS_LIMIT,
      unnamed: unnamed.map((u) => ({
        dataKind: u.dataKind as DataKind,
        action: u.action as AvgRecordAnswer["unnamed"][number]["action"],
        count: u.count,
        since: u.since.toISOString(),
      })),
      providers,
      readAt: now.toISOString(),
    },
    access: { dataKind: "accesslog", action: "detail", personCount: 1, personIdentifier: primaryIdentifier(ids) },
  };
}
