import "server-only";
import { z } from "zod";
import type { CoverageTarget } from "@/lib/features/coverage/coverage";

/** A class is a subject offering (Edu-V enrollments name no class, ERRATA "Classes"), or a whole study offering. */
export const coverageBodySchema = z
  .strictObject({ subjectOfferingId: z.string().min(1).max(128).optional(), studyOfferingId: z.string().min(1).max(128).optional(), refresh: z.boolean().default(false) })
  .refine((b) => !!b.subjectOfferingId !== !!b.studyOfferingId, { message: "exactly one of subjectOfferingId and studyOfferingId", path: ["subjectOfferingId"] });

export function targetOf(body: z.infer<typeof coverageBodySchema>): CoverageTarget {
  return body.subjectOfferingId ? { subjectOfferingId: body.subjectOfferingId } : { studyOfferingId: body.studyOfferingId! };
}
