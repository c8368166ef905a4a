import { z } from "zod";

/**
 * Every BFF error answer: a stable `code` (one of the BFF's own below or a Source error kind), the
 * words in the user's language, and what the page needs to offer the next step: the Source, the
 * Edu-V code it sent ("0022"), when to try again, which fields of a record could not be read.
 */
export const apiErrorBody = z.object({
  error: z.object({
    code: z.string().min(1),
    message: z.string(),
    sourceId: z.string().optional(),
    statusCode: z.string().optional(),
    retryAt: z.string().optional(),
    fields: z.array(z.string()).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBody>;

/** The BFF's own codes; a Source's failure carries its error kind (lib/sources/errors.ts) as the code. */
export const BFF_ERROR_CODES = [
  "unauthenticated",
  "forbidden",
  "csrf",
  "not_found",
  "invalid_input",
  "payload_too_large",
  "internal",
  "rate_limited",
  "coverage_running",
  "unreadable_record",
  "conflict",
] as const;
