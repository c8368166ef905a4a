import { z } from "zod";
import { opaqueKey } from "./common";
import { contract } from "./define";

/**
 * One person the header's search found: a pupil (from the LAS list) or an employee (from the
 * school's list), by opaque key, name and masked identifier; a pupil also with the year of birth and
 * the group (the current study offering), so two pupils of the same name can be told apart. `href` is
 * where the searcher's role can act on the person: opaque keys only, never a name or an identifier.
 */
export const searchPerson = z.strictObject({
  kind: z.enum(["student", "employee"]),
  key: opaqueKey,
  name: z.string(),
  maskedId: z.string(),
  /** A pupil's year of birth, when the LAS sent a birth date. */
  yearOfBirth: z.int().min(1900).max(2100).optional(),
  /** A pupil's current study offering(s), when the enrollments could be read. */
  group: z.string().optional(),
  href: z.string().regex(/^\/(leerlingen\/[0-9a-f]{32}|licentiegebruik(\?studentKey=[0-9a-f]{32})?|medewerkers)$/),
});

/** The header's search of pupils and employees by name or identifier (in the body, never logged): by role and school. */
export const search = contract({
  method: "POST",
  path: "/api/search",
  body: z.strictObject({ q: z.string().trim().min(2).max(100) }),
  response: z.strictObject({ people: z.array(searchPerson), more: z.boolean() }),
});

export type SearchPerson = z.infer<typeof searchPerson>;
