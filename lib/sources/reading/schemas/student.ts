import { z } from "zod";
import { eitherPresent, userIdSchema } from "./common";
import { edvEnum, integer, isoDate, nonEmpty, optList, optText, text, type SchemaMode } from "./mode";

export const GENDERS = ["female", "male", "other", "unspecified"] as const;

/** Student.address is nested (the seed table flattened it: ERRATA 18); neither country field is required (ERRATA 19). */
export function addressSchema(mode: SchemaMode = "strict") {
  return z.object({
    street: z.string(),
    houseNumber: integer(mode),
    houseNumberSuffix: optText(mode),
    zipCode: z.string(),
    city: z.string(),
    countryCode: optText(mode),
    country: optText(mode),
  });
}

/**
 * GET /students/school item. Fields outside eduv.student.basic are present only when the token
 * carries their scope, so all of them are optional.
 */
export function studentSchema(mode: SchemaMode) {
  const student = z.object({
    userMasterIdentifier: nonEmpty().optional(),
    userIds: z.array(userIdSchema(mode)).min(1).optional(),
    givenName: text(mode),
    preferredFirstName: optText(mode),
    familyName: text(mode),
    familyNamePrefix: optText(mode),
    dateOfBirth: isoDate().optional(),
    gender: edvEnum(GENDERS, mode, "gender").optional(),
    email: optText(mode),
    language: optText(mode),
    accessibility: optList(mode, z.unknown()),
    address: addressSchema(mode).optional(),
  });
  return eitherPresent(student, "userMasterIdentifier", "userIds");
}

export type Student = z.infer<ReturnType<typeof studentSchema>>;
