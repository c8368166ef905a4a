import "server-only";
import pino, { type DestinationStream, type Logger } from "pino";
import { processState, type ProcessStateSpec } from "@/lib/process-state";

/**
 * The server's log: JSON lines on stdout (one object a line), for a log shipper to collect. The
 * demo pipes them through pino-pretty; production keeps them plain.
 *
 * What goes in is chosen at each call site: routes, methods, statuses, durations, Source ids,
 * outcome codes, counts, error classes. Never a name, an identifier, a token, a cookie, a query
 * value or a body: those are not passed in, and the redaction below is a second net for a field
 * that slips in by those names anyway.
 */
const REDACT = [
  "authorization",
  "cookie",
  "token",
  "access_token",
  "refresh_token",
  "id_token",
  "secret",
  "password",
  "query",
  "body",
  "name",
  "email",
  "identifier",
  "userId",
  "userMasterIdentifier",
  "eckId",
];

export function createLogger(destination?: DestinationStream, level = process.env.LOG_LEVEL ?? "info"): Logger {
  const options: pino.LoggerOptions = {
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    // "info" rather than 30: readable without a lookup table, and what most shippers expect.
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: [...REDACT, ...REDACT.map((k) => `*.${k}`)], censor: "[redacted]" },
    // An error's message may quote input (a URL with a query, a driver's parameters): only its class is logged.
    serializers: { err: (err: unknown) => ({ type: (err as Error | undefined)?.name ?? typeof err }) },
  };
  // process.stdout rather than pino's own file descriptor writer: what wraps stdout (LDB_LOG_FILE's
  // tee, lib/log-tee.ts) must see these lines too.
  return pino(options, destination ?? process.stdout);
}

// One for the process: instrumentation and the routes (separate bundles) all write through one logger.
const LOGGER: ProcessStateSpec = {
  key: "log.logger",
  kind: "observability",
  what: "the process's logger",
  cap: "one logger; lines are written, not kept",
};
const holder = () => processState(LOGGER, () => ({ logger: undefined as Logger | undefined }));

/** The process's logger. */
export function log(): Logger {
  const h = holder();
  h.logger ??= createLogger();
  return h.logger;
}

/** Tests: send the process's log lines to `destination`, from `level` up (undefined: back to stdout). */
export function useLogDestination(destination: DestinationStream | undefined, level?: string): void {
  holder().logger = destination ? createLogger(destination, level) : undefined;
}
