/**
 * What a contract's route parses from a request (defaults applied), for the browser's fetchers:
 * types only, so the contract's schemas (and zod) stay out of the browser bundle.
 */
export type { BodyOf, QueryOf } from "@/lib/contracts/define";

/** An endpoint as a fetcher calls it: the contract's method and path (components/lists/contract-paths.test.ts holds them to the contract). */
export type Endpoint = { readonly method: "GET" | "POST"; readonly path: `/api/${string}` };
