import "server-only";
import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  handleWhen,
  retry,
  type CircuitBreakerPolicy,
  type RetryPolicy,
} from "cockatiel";
import type { z } from "zod";
import type { CallObserver } from "./call-events";
import { currentCaller } from "../capacity/caller";
import { SourceError, SourceRequestError, kindForHttpError, type SourceErrorKind } from "../errors";
import { SourceHealthRegistry } from "../health/last-call";
import { SourceGates } from "../capacity/source-gates";
import { fieldPath, parseAnswer, type ListReport, type ParseListOptions } from "../reading/parse-list";
import { NEVER_REQUESTED_SCOPES, type AnyOperation } from "../operations/define";
import { assertNoPersonalDataInQuery } from "./request-params";
import { readSourceBody } from "./read-body";
import { busySignal } from "./retry-after";
import { lenientStatusResponseSchema } from "../reading/schemas/common";
import { CallCancelledError, SourcePauses, type WaitBudget } from "../capacity/source-pause";
import type { SourceConfig, SourcesConfig } from "../config";
import type { AccessToken, TokenProvider } from "./token";

export type CallInput = {
  query?: Record<string, unknown>;
  body?: unknown;
  /** Aborting drops the call while it waits for a free slot at the Source; a call already sent finishes. */
  signal?: AbortSignal;
  /**
   * Who the call is for (a staff member's id, or a worker's name): the Source's slots go round
   * these in turn. Default: the caller the work runs as (caller.ts), set by the route wrapper.
   */
  caller?: string;
  /** For list answers: told of each record left out, with its failing field paths (server-side only). */
  onInvalid?: ParseListOptions["onInvalid"];
};

export type CallResult<T> = {
  records: T[];
  /** For list answers: what was kept and what was left out, by field path. */
  report: ListReport | undefined;
  meta: { sourceId: string; httpStatus: number; latencyMs: number; apiVersion: string | undefined; grantedScopes: string[]; bytes: number };
};

type ItemOf<O extends AnyOperation> = O["item"] extends z.ZodType ? z.output<O["item"]> : never;

export type EduvClientOptions = {
  config: SourcesConfig;
  tokens: TokenProvider;
  fetch?: typeof fetch;
  health?: SourceHealthRegistry;
  /** Attempts per call for retryable failures (network, 502/503/504), including the first. */
  maxAttempts?: number;
  retryDelayMs?: number;
  /** Consecutive failed calls after which a Source is left alone for `halfOpenAfterMs`. */
  breakerThreshold?: number;
  halfOpenAfterMs?: number;
  /** Told of every attempt's outcome (the contract-health record); must not throw or block. */
  observer?: CallObserver;
  /**
   * The longest a call waits, in all, for a Source that said it is busy (429, 503 with
   * Retry-After) before failing with "busy". Default per Source: min(timeoutMs, 10 s).
   */
  busyWaitBudgetMs?: number;
  /** How long a Source that answers 429 without Retry-After is left alone (default 1 s). */
  busyPauseMs?: number;
  /** The per-Source queues (maxConcurrentCalls, fair between callers). Default: this client's own; runtime.ts shares the process's. */
  gates?: SourceGates;
};

export { CallCancelledError };

const RETRYABLE: ReadonlySet<SourceErrorKind> = new Set(["unreachable", "server_error", "token_unavailable"]);
const SOURCE_DOWN: ReadonlySet<SourceErrorKind> = new Set(["unreachable", "server_error", "token_unavailable", "timeout"]);

/**
 * Calls Edu-V operations at configured Sources. Every request is built from scratch (no incoming
 * header is ever forwarded), its input checked against the operation before it leaves, and its
 * answer validated record by record.
 */
export class EduvClient {
  readonly health: SourceHealthRegistry;
  private readonly fetchImpl: typeof fetch;
  private readonly breakers = new Map<string, CircuitBreakerPolicy>();
  private readonly gates: SourceGates;
  private readonly retryPolicy: RetryPolicy;
  private readonly pauses = new SourcePauses();

  constructor(private readonly opts: EduvClientOptions) {
    this.fetchImpl = opts.fetch ?? fetch;
    this.health = opts.health ?? new SourceHealthRegistry();
    this.gates = opts.gates ?? new SourceGates();
    this.retryPolicy = retry(
      handleWhen((e) => e instanceof SourceError && RETRYABLE.has(e.kind)),
      {
        maxAttempts: Math.max(0, (opts.maxAttempts ?? 3) - 1),
        backoff: new ExponentialBackoff({ initialDelay: opts.retryDelayMs ?? 100, maxDelay: 2_000 }),
      },
    );
  }

  get config(): SourcesConfig {
    return this.opts.config;
  }

  source(sourceId: string): SourceConfig {
    const source = this.opts.config.sources.find((s) => s.id === sourceId);
    if (!source) throw new SourceError("not_configured", sourceId, { detail: "unknown source" });
    return source;
  }

  /**
   * The scopes requested for an operation: its required ones plus the optional ones this Source is
   * configured with, never one of NEVER_REQUESTED_SCOPES (the home address), whatever either lists.
   */
  static scopesFor(op: AnyOperation, source: SourceConfig): string[] {
    const scopes = [...op.requiredScopes, ...op.optionalScopes.filter((s) => source.scopes.includes(s))];
    return [...new Set(scopes.filter((s) => !NEVER_REQUESTED_SCOPES.has(s)))];
  }

  async call<O extends AnyOperation>(op: O, sourceId: string, input: CallInput = {}): Promise<CallResult<ItemOf<O>>> {
    const source = this.source(sourceId);
    if (!source.apis.includes(op.sourceApi))
      throw new SourceError("not_configured", source.id, { detail: `source does not serve ${op.sourceApi}` });
    const url = this.buildUrl(op, source, input.query ?? {});
    const body = op.body ? JSON.stringify(check(op.body, input.body, "body")) : undefined;
    const scopes = EduvClient.scopesFor(op, source);
    const started = performance.now();
    try {
      // Each attempt waits its caller's turn for one of the Source's slots (maxConcurrentCalls), so no fan-out ever floods a Source.
      const budget: WaitBudget = { leftMs: this.opts.busyWaitBudgetMs ?? Math.min(source.timeoutMs, 10_000) };
      const caller = input.caller ?? currentCaller();
      const attempt = () =>
        this.inSlot(source, caller, input.signal, () => this.attemptWhenFree(op, source, url, body, scopes, budget, input));
      const result = await this.breaker(source.id).execute(() => (op.retryable ? this.retryPolicy.execute(attempt) : attempt()));
      const latencyMs = performance.now() - started;
      this.health.record(source.id, latencyMs);
      return { ...result, meta: { ...result.meta, latencyMs } } as CallResult<ItemOf<O>>;
    } catch (err) {
      const error =
        err instanceof BrokenCircuitError
          ? new SourceError("unreachable", source.id, { detail: "circuit open after repeated failures" })
          : err;
      if (error instanceof SourceError)
        this.health.record(source.id, performance.now() - started, { kind: error.kind, httpStatus: error.httpStatus });
      throw error;
    }
  }

  /**
   * Runs one attempt in one of the Source's slots, waiting its caller's turn. A caller (or the
   * queue) past its bound is told "busy" at once; so is every waiter when the store that shares
   * the limit with other processes cannot be asked (fail closed: the Source's limit is a promise).
   */
  private async inSlot<T>(source: SourceConfig, caller: string, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    let slot: Awaited<ReturnType<ReturnType<SourceGates["queue"]>["acquire"]>>;
    try {
      slot = await this.gates.queue(source).acquire(caller, signal);
    } catch (err) {
      if (err instanceof CallCancelledError) throw err;
      throw new SourceError("busy", source.id, {
        detail: "call slots unavailable: the store did not answer",
        retryAt: Date.now() + 1_000,
        cause: err,
      });
    }
    if (typeof slot !== "function") {
      throw new SourceError("busy", source.id, {
        detail: slot.refused === "caller" ? "too many calls of this caller waiting" : "too many calls waiting",
        retryAt: Date.now() + 1_000,
      });
    }
    try {
      return await work();
    } finally {
      slot();
    }
  }

  private breaker(sourceId: string): CircuitBreakerPolicy {
    let breaker = this.breakers.get(sourceId);
    if (!breaker) {
      breaker = circuitBreaker(
        handleWhen((e) => e instanceof SourceError && SOURCE_DOWN.has(e.kind)),
        {
          halfOpenAfter: this.opts.halfOpenAfterMs ?? 10_000,
          breaker: new ConsecutiveBreaker(this.opts.breakerThreshold ?? 5),
        },
      );
      this.breakers.set(sourceId, breaker);
    }
    return breaker;
  }

  private buildUrl(op: AnyOperation, source: SourceConfig, query: Record<string, unknown>): URL {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(check(op.query, query, "query") as Record<string, unknown>)) {
      if (value !== undefined) params.set(name, String(value));
    }
    assertNoPersonalDataInQuery(params);
    const url = new URL(source.baseUrl.replace(/\/+$/, "") + op.path);
    url.search = params.toString();
    return url;
  }

  /**
   * Sends only when the Source is not paused; a busy answer pauses the Source for every caller,
   * and this call waits it out and tries once more if that fits its budget. A 429 or 503 means the
   * request was not processed, so sending it again is safe whatever the operation.
   */
  private async attemptWhenFree(
    op: AnyOperation,
    source: SourceConfig,
    url: URL,
    body: string | undefined,
    scopes: string[],
    budget: WaitBudget,
    input: CallInput,
  ) {
    let busyAnswer: SourceError | undefined;
    for (;;) {
      try {
        await this.pauses.wait(source.id, budget, input.signal);
      } catch (err) {
        throw busyAnswer && err instanceof SourceError ? this.busyUntilPauseEnds(busyAnswer) : err;
      }
      try {
        return await this.attempt(op, source, url, body, scopes, input.onInvalid);
      } catch (err) {
        if (!(err instanceof SourceError) || err.kind !== "busy") throw err;
        this.pauses.pause(source.id, err.retryAt ? Date.parse(err.retryAt) : Date.now() + (this.opts.busyPauseMs ?? 1_000));
        if (busyAnswer) throw this.busyUntilPauseEnds(err);
        busyAnswer = err;
      }
    }
  }

  /** The Source's busy answer, with the time it will next be asked (its own Retry-After, or our pause). */
  private busyUntilPauseEnds(err: SourceError): SourceError {
    const { httpStatus, statusCode, detail } = err;
    return new SourceError("busy", err.sourceId, { httpStatus, statusCode, detail, retryAt: this.pauses.until(err.sourceId), cause: err });
  }

  private async attempt(
    op: AnyOperation,
    source: SourceConfig,
    url: URL,
    body: string | undefined,
    scopes: string[],
    onInvalid: CallInput["onInvalid"],
  ) {
    const started = performance.now();
    const observe = this.opts.observer;
    if (!observe) return this.attemptOnce(op, source, url, body, scopes, onInvalid);
    try {
      const result = await this.attemptOnce(op, source, url, body, scopes, onInvalid);
      observe({
        sourceId: source.id,
        operationId: op.operationId,
        at: Date.now(),
        latencyMs: performance.now() - started,
        httpStatus: result.meta.httpStatus,
        report: result.report,
        bytes: result.meta.bytes,
      });
      return result;
    } catch (err) {
      if (err instanceof SourceError) {
        observe({
          sourceId: source.id,
          operationId: op.operationId,
          at: Date.now(),
          latencyMs: performance.now() - started,
          httpStatus: err.httpStatus,
          statusCode: err.statusCode,
          errorKind: err.kind,
        });
      }
      throw err;
    }
  }

  private async attemptOnce(
    op: AnyOperation,
    source: SourceConfig,
    url: URL,
    body: string | undefined,
    scopes: string[],
    onInvalid: CallInput["onInvalid"],
  ) {
    const token = await this.opts.tokens.getToken(source, scopes);
    let res = await this.send(op, source, url, body, token);
    if (res.status === 401 && /invalid_token/i.test(res.headers.get("www-authenticate") ?? "")) {
      // The Source forgot or expired our token early: one fresh token, one more try.
      await res.body?.cancel();
      this.opts.tokens.invalidate(source, scopes, token);
      res = await this.send(op, source, url, body, await this.opts.tokens.getToken(source, scopes));
    }
    return this.read(op, source, res, token, onInvalid);
  }

  private async send(op: AnyOperation, source: SourceConfig, url: URL, body: string | undefined, token: AccessToken): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${token.value}`, accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    try {
      return await this.fetchImpl(url, {
        method: op.method,
        headers,
        body,
        signal: AbortSignal.timeout(source.timeoutMs),
        redirect: "error",
      });
    } catch (err) {
      const timedOut = err instanceof DOMException && err.name === "TimeoutError";
      throw new SourceError(timedOut ? "timeout" : "unreachable", source.id, { detail: op.operationId, cause: err });
    }
  }

  private async read(op: AnyOperation, source: SourceConfig, res: Response, token: AccessToken, onInvalid: CallInput["onInvalid"]) {
    const read = { sourceId: source.id, what: op.operationId, limit: source.maxAnswerBytes, timeoutMs: source.timeoutMs };
    if (!res.ok) {
      const busy = busySignal(res);
      const { text } = await readSourceBody(res, { ...read, error: true });
      const status = lenientStatusResponseSchema.safeParse(safeJson(text));
      const statusCode = status.success ? status.data.status : undefined;
      // A functional code with a meaning of its own decides, also over a 429 or 503 (errors.ts).
      const kind = kindForHttpError(res.status, statusCode, res.headers.get("www-authenticate"), { busy: busy.busy });
      const retryAt = kind === "busy" && busy.busy ? busy.retryAt : undefined;
      throw new SourceError(kind, source.id, {
        httpStatus: res.status,
        statusCode,
        statusMessage: status.success ? status.data.statusMessage : undefined,
        detail: op.operationId,
        retryAt,
      });
    }
    const { text, bytes } = await readSourceBody(res, read);
    const meta = {
      sourceId: source.id,
      httpStatus: res.status,
      latencyMs: 0,
      apiVersion: res.headers.get("api-version") ?? undefined,
      grantedScopes: token.scopes,
      bytes,
    };
    if (!op.item) return { records: [] as unknown[], report: undefined, meta };
    const data = safeJson(text);
    // A usage answer may come as one object (seed 000's table: "Object"; its YAML: an array): a list of one.
    const parsed = parseAnswer(op.item, data, { onInvalid, oneObjectAsList: ONE_OBJECT_AS_LIST.has(op.operationId) });
    if (!parsed) {
      throw new SourceError("invalid_answer", source.id, {
        httpStatus: res.status,
        detail: data === INVALID_JSON ? "not JSON" : "not an array",
      });
    }
    const { records, report } = parsed;
    return { records: records as unknown[], report, meta };
  }
}

const INVALID_JSON = Symbol("invalid json");

/** Operations whose answer is read as a list of one when it comes as one object (lenient.ts `parseAnswer`). */
const ONE_OBJECT_AS_LIST: ReadonlySet<string> = new Set(["get-usage-for-user-at-school"]);

function safeJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return INVALID_JSON;
  }
}

/** Validates operation input before any call; the message names fields, never their values. */
function check(schema: z.ZodType, value: unknown, part: "query" | "body"): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${fieldPath(i.path)}: ${i.message}`);
  throw new SourceRequestError(`invalid ${part}: ${problems.join("; ")}`);
}
