import { z } from "zod";
import { edvEnum, isoDate, metadataDateTime, nonEmpty, optList, optText, text, type SchemaMode } from "./mode";
import { markIdentifierItem, markRefinesOnly } from "./normalize";

export const ORGANISATION_ID_TYPES = ["OIE_CODE", "BP_ID", "DD_ID", "AS_ID", "V_ID"] as const;
export const USER_ID_TYPES = ["NEPPI", "BPI", "eduID", "NEPRI", "ASI", "eckId"] as const;
export const LOCATION_ID_TYPES = ["VE_CODE"] as const;
export const OBJECT_STATUSES = ["active", "tobedeleted"] as const;

/**
 * OpenAPI `anyOf: [{required: [a]}, {required: [b]}]`: at least one of two identifiers present,
 * checked by zod in both modes. The refinement only reports, so the object is marked as returning
 * what came in (a record zod validated can then be kept as it is; see scan.ts).
 */
export function eitherPresent<S extends z.ZodObject>(schema: S, a: keyof z.output<S> & string, b: keyof z.output<S> & string): S {
  return markRefinesOnly(
    schema.superRefine((value, ctx) => {
      const v = value as Record<string, unknown>;
      if (v[a] === undefined && v[b] === undefined) {
        // Reported as "userMasterIdentifier|userIds": the rule names both fields, and a report reader needs both.
        ctx.addIssue({ code: "custom", message: `either ${a} or ${b} is required`, path: [`${a}|${b}`] });
      }
    }),
  );
}

export function organisationIdSchema(mode: SchemaMode) {
  return markIdentifierItem(
    z.object({
      organisationId: nonEmpty(),
      organisationIdType: edvEnum(ORGANISATION_ID_TYPES, mode, "organisationIdType"),
    }),
    "organisationId",
  );
}

export function schoolReferenceSchema(mode: SchemaMode) {
  const school = z.object({
    organisationMasterIdentifier: nonEmpty().optional(),
    organisationIds: z.array(organisationIdSchema(mode)).min(1).optional(),
  });
  return eitherPresent(school, "organisationMasterIdentifier", "organisationIds");
}

export function userIdSchema(mode: SchemaMode) {
  return markIdentifierItem(z.object({ userId: nonEmpty(), userIdType: edvEnum(USER_ID_TYPES, mode, "userIdType") }), "userId");
}

/**
 * The identifiers of a person as a request may send them (item 6 of issue 21): the ECK iD when there
 * is one, else only the `userIds` of a type Edu-V names (lenient reading keeps other types, the
 * strict request body refuses them: seeds 000/001 list `userIdType` as a Keuzelijst). Undefined when
 * nothing is left that may be sent.
 */
export function sendableUser(ids: {
  userMasterIdentifier?: string;
  userIds?: ReadonlyArray<{ userId: string; userIdType: string }>;
}): { userMasterIdentifier: string } | { userIds: Array<{ userId: string; userIdType: (typeof USER_ID_TYPES)[number] }> } | undefined {
  if (ids.userMasterIdentifier) return { userMasterIdentifier: ids.userMasterIdentifier };
  const known = new Set<string>(USER_ID_TYPES);
  const userIds = (ids.userIds ?? [])
    .filter((u) => u.userId !== "" && known.has(u.userIdType))
    .map((u) => ({ userId: u.userId, userIdType: u.userIdType as (typeof USER_ID_TYPES)[number] }));
  return userIds.length ? { userIds } : undefined;
}

export function userReferenceSchema(mode: SchemaMode) {
  const user = z.object({
    userMasterIdentifier: nonEmpty().optional(),
    userIds: z.array(userIdSchema(mode)).min(1).optional(),
  });
  return eitherPresent(user, "userMasterIdentifier", "userIds");
}

export function locationReferenceSchema(mode: SchemaMode) {
  return z.object({
    locationMasterIdentifier: optText(mode),
    locationIds: optList(
      mode,
      markIdentifierItem(
        z.object({ locationId: nonEmpty(), locationIdType: edvEnum(LOCATION_ID_TYPES, mode, "locationIdType") }),
        "locationId",
      ),
    ),
    name: z.string(),
  });
}

export function objectStatusSchema(mode: SchemaMode) {
  return edvEnum(OBJECT_STATUSES, mode, "status");
}

/**
 * What Enrollment and Assignment share: the school period they belong to, begin (inclusive) and
 * end (exclusive) dates, and the Edu-V object metadata.
 */
export function periodObjectShape(mode: SchemaMode) {
  return {
    schoolPeriod: text(mode),
    beginDate: isoDate(),
    endDate: isoDate().optional(),
    status: objectStatusSchema(mode),
    // Nobody reads them: checked loosely and never deciding a record's life when read (mode.ts).
    dateCreated: metadataDateTime(mode),
    dateLastModified: metadataDateTime(mode),
  };
}

/** Body of every Edu-V error answer. `status` is an integer: 21 is shown as "0021". */
export const statusResponseSchema = z.object({ status: z.int(), statusMessage: z.string().optional() });

/**
 * How the client reads an error answer's body: `status` as a number or a numeric string ("0022"
 * keeps its meaning), `statusMessage` absent when `null`.
 */
export const lenientStatusResponseSchema = z.object({
  status: z.union([
    z.int(),
    z
      .string()
      .regex(/^\s*\d{1,6}\s*$/)
      .transform(Number),
  ]),
  statusMessage: z
    .string()
    .nullish()
    .transform((m) => m ?? undefined),
});

export type SchoolReference = z.infer<ReturnType<typeof schoolReferenceSchema>>;
export type UserReference = z.infer<ReturnType<typeof userReferenceSchema>>;
export type StatusResponse = z.infer<typeof statusResponseSchema>;
