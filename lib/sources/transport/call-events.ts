import type { SourceErrorKind } from "../errors";
import type { ListReport } from "../reading/parse-list";

/**
 * One attempt at a Source, as the contract-health record and the Sources page see it: the
 * operation, what came back (HTTP status, Edu-V code, error kind), how long it took and, for a
 * list answer, what was kept, left out and normalised. Never a URL, a body, a token or a value.
 */
export type CallEvent = {
  sourceId: string;
  operationId: string;
  /** When the attempt ended (epoch ms). */
  at: number;
  latencyMs: number;
  /** The HTTP status of the Source's answer; undefined when none came (timeout, reset, refused). */
  httpStatus?: number;
  /** The Edu-V functional status of an error answer (21 for "0021"). */
  statusCode?: number;
  /** Undefined for a usable answer. */
  errorKind?: SourceErrorKind;
  /** For list answers: records received, kept, left out (by field path), normalised, unknown enum values. */
  report?: ListReport;
  bytes?: number;
};

export type CallObserver = (event: CallEvent) => void;
