import "server-only";
import type { z } from "zod";
import { schoolRules } from "@/lib/auth/grants";
import { can, schoolsOf, type Action } from "@/lib/auth/permissions";
import { authSettings } from "@/lib/auth/settings";
import { staffForSession, type StaffSession } from "@/lib/auth/staff";
import { recordAccess, type AccessAction, type DataKind } from "@/lib/db/access-log";
import { getStore } from "@/lib/db/client";
import { asCaller } from "@/lib/sources/capacity/caller";
import { fieldPath } from "@/lib/sources/reading/parse-list";
import { loadSourcesConfig } from "@/lib/sources/config";
import { log } from "@/lib/log";
import type { UserLimitKind } from "@/lib/limits/numbers";
import { localeOf, type Locale } from "@/lib/i18n/locale";
import { wordsFor } from "@/lib/i18n/server-words";
import { apiError, isAnsweredError, toErrorResponse } from "./errors";
import { refusedByLimits } from "./limits";
import { actorAt, type PageAccess } from "./page-read";
import { withRequestLog } from "./request-log";
import { JSON_BODY_CAP, TOO_LARGE, declaredTooLarge, kib, readCappedText } from "./request-body";

export const CSRF_HEADER = "x-ldb-csrf";

type Ctx<Q, B> = { staff: StaffSession; schoolId: string; query: Q; body: B; lang: Locale; request: Request };
type Access = PageAccess;
/**
 * What a handler returns: the JSON to send (of the type its contract's `response` describes, when it
 * has one) or a Response of its own (an error, a file, a stream), and, for reads of persons' data,
 * what to log.
 */
type Result<R> =
  { json: R; status?: number; access?: Access; raw?: undefined } | { json: null; raw: Response; access?: Access; status?: undefined };

/** A cookie of the request (route handlers get the raw Request, not Next's cookie store). */
export function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

/** The interface's language (the same cookie the pages use): Dutch unless the user chose English. */
function language(request: Request): Locale {
  return localeOf(readCookie(request, "ldb.lang"));
}

/** Unsafe methods need our custom header (forcing a CORS preflight) and a same-origin request. */
function csrfOk(request: Request): boolean {
  if (["GET", "HEAD", "OPTIONS"].includes(request.method)) return true;
  if (request.headers.get(CSRF_HEADER) !== "1") return false;
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin") return false;
  const origin = request.headers.get("origin");
  return !origin || origin === new URL(request.url).origin;
}

function tooLarge(lang: Locale): Response {
  return apiError("payload_too_large", lang, wordsFor(lang)("apiError.payloadLimit", { limit: kib(JSON_BODY_CAP) }));
}

/** The JSON body, read with a cap; undefined when it is not JSON (zod then names what is missing). */
async function jsonBody(request: Request): Promise<unknown> {
  const text = await readCappedText(request, JSON_BODY_CAP);
  if (text === TOO_LARGE) return TOO_LARGE;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function invalid(error: z.ZodError, part: string, lang: Locale): Response {
  return apiError("invalid_input", lang, error.issues.map((i) => `${part}.${fieldPath(i.path)}: ${i.message}`).join("; "));
}

/**
 * Every BFF route goes through here: a cap on the body (413), CSRF defence, session and permission
 * (role and school) on the server, zod parsing of query and body, the staff member's rate limits
 * (429, before the handler makes any Source call), no-store, Source errors mapped to stable codes,
 * the access log for reads of persons' data (and for refused attempts at them), and one log line.
 *
 * `audit` names what the route does with persons' data. A staff member refused it at a school
 * the dashboard serves gets an access-log row there with outcome "refused" and no person hash
 * (see AccessEntry.personIdentifier): that school's auditor sees who tried.
 */
type Opts<Q, B, R> = {
  action: Action;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  audit?: { dataKind: DataKind; action: AccessAction };
  /**
   * The JSON the route answers (its contract in lib/contracts). Under test (LDB_CHECK_ANSWERS=1:
   * vitest and the e2e servers) every JSON answer is checked against it, and one that strays is a
   * 500 with a log line naming the route and the field paths (never a value).
   */
  response?: z.ZodType<R>;
  /** What the request costs of the staff member's limits (lib/limits/numbers.ts), judged from its parsed input. */
  limits?: readonly UserLimitKind[] | ((input: { query: Q; body: B }) => readonly UserLimitKind[]);
};

/**
 * Under test (LDB_CHECK_ANSWERS=1: vitest and the e2e servers), whether an answer strays from its
 * contract; one that does is logged with the route and the field paths (never a value). Always false
 * otherwise. For what a route sends other than through `response` (the lines of a stream).
 */
export function straysFromContract(schema: z.ZodType, answer: unknown, request: Request): boolean {
  if (process.env.LDB_CHECK_ANSWERS !== "1") return false;
  const checked = schema.safeParse(answer);
  if (checked.success) return false;
  log().error(
    { route: new URL(request.url).pathname.slice(0, 200), paths: checked.error.issues.map((i) => fieldPath(i.path)) },
    "answer does not match its contract",
  );
  return true;
}

export function staffRoute<Q = Record<string, never>, B = undefined, R = unknown>(
  opts: Opts<Q, B, R>,
  handler: (ctx: Ctx<Q, B>) => Promise<Result<NoInfer<R>>>,
) {
  return (request: Request): Promise<Response> => withRequestLog(request, () => serve(opts, handler, request));
}

async function serve<Q, B, R>(opts: Opts<Q, B, R>, handler: (ctx: Ctx<Q, B>) => Promise<Result<R>>, request: Request): Promise<Response> {
  const lang = language(request);
  try {
    // Before anything else is looked at: a body announced over the cap is refused unread, on every route.
    if (declaredTooLarge(request, JSON_BODY_CAP)) return tooLarge(lang);
    if (!csrfOk(request)) return apiError("csrf", lang);
    // A body is JSON or nothing: text/plain and forms are what cross-site forms can send without a preflight.
    if (opts.body && !(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json"))
      return apiError("csrf", lang);
    const settings = authSettings();
    const config = loadSourcesConfig();
    const { db } = await getStore();
    // A page's poll (components/lists/api.ts BACKGROUND_HEADER) is checked like any request but is not
    // activity: it does not push the idle end forward, so an open page signs out like any other.
    const background = request.headers.get("x-ldb-background") === "1";
    const staff = await staffForSession(db, readCookie(request, settings.sessionCookie), schoolRules(config), {
      ...settings,
      slide: !background,
    });
    if (!staff) return apiError("unauthenticated", lang);
    const params = Object.fromEntries(new URL(request.url).searchParams);
    // An explicit ?school= must be allowed; otherwise the school chosen in the switcher, else the first of one's own (as pages do).
    const mine = schoolsOf(staff);
    const chosen = readCookie(request, "ldb.school");
    const schoolId = params.school ?? (chosen && mine.includes(chosen) ? chosen : (mine[0] ?? ""));
    const { actor, actorRoles } = actorAt(staff, schoolId);
    if (!can(staff, opts.action, schoolId)) {
      // Only at a school we serve: a made-up ?school= must not open a log of its own. Written before
      // the answer, so a refusal that cannot be logged is not answered as a plain refusal (500).
      if (opts.audit && config.schools.some((s) => s.id === schoolId))
        await recordAccess(db, { ...opts.audit, actor, actorRoles, schoolId, personCount: 0, outcome: "refused" });
      return apiError("forbidden", lang);
    }
    delete params.school;
    const query = opts.query ? opts.query.safeParse(params) : { success: true as const, data: {} as Q };
    if (!query.success) return invalid(query.error, "query", lang);
    let body = undefined as B;
    if (opts.body) {
      const raw = await jsonBody(request);
      if (raw === TOO_LARGE) return tooLarge(lang);
      const parsed = opts.body.safeParse(raw);
      if (!parsed.success) return invalid(parsed.error, "body", lang);
      body = parsed.data;
    }
    const kinds = typeof opts.limits === "function" ? opts.limits({ query: query.data, body }) : (opts.limits ?? []);
    const refused = refusedByLimits(staff.id, kinds, lang);
    if (refused) return refused;
    // The handler's Source calls wait their turn as this staff member's (lib/sources/capacity/fair-queue.ts).
    const result = await asCaller(`staff:${staff.id}`, () => handler({ staff, schoolId, query: query.data, body, lang, request }));
    if (result.access) await recordAccess(db, { ...result.access, actor, actorRoles, schoolId });
    if (result.raw) {
      // A file (CSV export): the handler's own body and type, never cached.
      result.raw.headers.set("Cache-Control", "no-store");
      return result.raw;
    }
    if (opts.response && straysFromContract(opts.response, result.json, request)) return apiError("internal", lang);
    return Response.json(result.json, { status: result.status ?? 200, headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    // Only the error's class goes to the log (the logger's err serializer): messages may quote input.
    // By class, not by name: an error toErrorResponse cannot map must never pass unlogged.
    if (!isAnsweredError(err)) log().error({ err, route: new URL(request.url).pathname.slice(0, 200) }, "internal error");
    return toErrorResponse(err, lang);
  }
}
