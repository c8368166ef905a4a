import { z } from "zod";
import { eitherPresent, userIdSchema } from "./common";
import { edvEnum, isoDate, nonEmpty, text, type SchemaMode } from "./mode";

export const GENDERS = ["female", "male", "other", "unspecified"] as const;

/** Student.address is nested (the seed table flattened it: ERRATA 18); neither country field is required (ERRATA 19). */
export function addressSchema() {
  return z.object({
    street: z.string(),
    houseNumber: z.int(),
    houseNumberSuffix: z.string().optional(),
    zipCode: z.string(),
    city: z.string(),
    countryCode: z.string().optional(),
    country: z.string().optional(),
  });
}

/**
 * GET /students/school item. Fields outside eduv.student.basic are present only when the token
 * carries their scope, so all of them are optional.
 */
export function studentSchema(mode: SchemaMode) {
  return z
    .object({
      userMasterIdentifier: nonEmpty().optional(),
      userIds: z.array(userIdSchema(mode)).min(1).optional(),
      givenName: text(mode),
      preferredFirstName: z.string().optional(),
      familyName: text(mode),
      familyNamePrefix: z.string().optional(),
      dateOfBirth: isoDate().optional(),
      gender: edvEnum(GENDERS, mode, "gender").optional(),
      email: z.string().optional(),
      language: z.string().optional(),
      accessibility: z.array(z.unknown()).optional(),
      address: addressSchema().optional(),
    })
    .superRefine(eitherPresent("userMasterIdentifier", "userIds"));
}

export type Student = z.infer<ReturnType<typeof studentSchema>>;
