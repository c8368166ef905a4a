import "server-only";
import type { z } from "zod";
import type { coverageBody } from "@/lib/contracts/coverage";
import type { CoverageTarget } from "@/lib/features/coverage/group";

/** The coverage's group from the body (lib/contracts/coverage.ts `coverageBody`: exactly one offering). */
export function targetOf(body: z.infer<typeof coverageBody>): CoverageTarget {
  return body.subjectOfferingId ? { subjectOfferingId: body.subjectOfferingId } : { studyOfferingId: body.studyOfferingId! };
}
