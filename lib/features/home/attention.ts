import type { ConsentMatrix } from "@/lib/features/consent/overview";
import type { SourceSummary } from "@/lib/sources/health/contract-health-summary";
import { OPERATIONS } from "@/lib/sources/operations";

/**
 * The home page: what needs attention at the chosen school, per part a staff member may see
 * (which parts is decided by the page with the permissions; nothing here knows who asks). Each
 * item has a count, a short code and the page that fixes it. Items name Sources, Providers, kinds
 * of data and, for auditors, the staff member as the access log names them; never a pupil or an
 * employee. A part whose data could not be read says so (`unreadable`), never "nothing to do".
 * Pure functions of rows already read (the store's reads are in read-attention.ts).
 */

export const ATTENTION_DAYS = 7;
/** Items shown per card, largest count first; the rest is counted in `more`. */
export const MAX_ITEMS = 8;

export type AttentionCode =
  // Sources (contract health, last 7 days)
  | "source_failed"
  | "records_left_out"
  // Consent at the school's Sources, as a school administrator sees it
  | "consent_missing"
  | "consent_refused"
  | "consent_revoked"
  // Consent requests, as a consent manager sees them (the latest request of each Provider and API)
  | "request_concept"
  | "request_queued"
  | "request_sent"
  | "request_failed"
  | "request_refused"
  | "request_revoked"
  | "status_poll_failed"
  // Access log (last 7 days)
  | "reveal"
  | "export"
  | "refused_attempt";

export type AttentionItem = {
  code: AttentionCode;
  count: number;
  /** The page that shows (and fixes) the same thing; null when the viewer may not open that page. */
  href: string | null;
  /** The Source or Provider it is about. */
  source?: { id: string; name: string };
  /** The Edu-V consent API it is about (consent_missing: the API of the refused calls, when known). */
  api?: string;
  /** Access log: the staff member as the log names them, the kind of data, the outcome. */
  actor?: string;
  dataKind?: string;
  outcome?: "served" | "refused";
};

export type AttentionPart = "sources" | "consentGaps" | "consentRequests" | "accessLog";

/** One card: its items (largest first, at most MAX_ITEMS), how many more, and whether its data could not (all) be read. */
export type AttentionCard = { part: AttentionPart; items: AttentionItem[]; more: number; unreadable: boolean };
/** The support desk's way in: look a pupil or employee up. */
export type LookupCard = { part: "lookup"; href: string };
export type HomeCard = AttentionCard | LookupCard;

export type SourceRef = { id: string; name: string };

/**
 * Which parts the home page shows. consentGaps carries whether the viewer may open the consent
 * page. Decided by attentionParts from the viewer's roles and permissions at the school.
 */
export type AttentionParts = {
  sources: boolean;
  consentGaps: false | { canOpenConsent: boolean };
  consentRequests: boolean;
  accessLog: boolean;
  lookup: boolean;
};

/** The permissions the parts depend on (names as lib/auth/permissions.ts has them). */
export type AttentionAction = "sources.read" | "usage.read" | "consent.read" | "accesslog.read";

/**
 * The parts for a staff member's roles at the school; `may` is the page's permission check for
 * that school (this module knows nothing of sessions or grants). School administrators: their
 * Sources and consent at them; the support desk: their Sources and the lookup; consent managers:
 * the consent requests; auditors: the access log. A part shows only when its page may be opened.
 */
export function attentionParts(roles: readonly string[], may: (action: AttentionAction) => boolean): AttentionParts {
  const admin = roles.includes("schooladmin");
  const support = roles.includes("support");
  return {
    sources: (admin || support) && may("sources.read"),
    consentGaps: admin && may("sources.read") ? { canOpenConsent: may("consent.read") } : false,
    consentRequests: roles.includes("consent") && may("consent.read"),
    accessLog: roles.includes("auditor") && may("accesslog.read"),
    lookup: support && may("usage.read"),
  };
}

/** A grouped count of the access log: reads of one kind by one staff member, with one action and outcome. */
export type AccessCount = { actor: string; dataKind: string; action: string; outcome: string; count: number };

const DAY_MS = 86_400_000;

function card(part: AttentionPart, items: AttentionItem[], unreadable: boolean): AttentionCard {
  const sorted = items
    .filter((i) => i.count > 0)
    .sort(
      (a, b) =>
        b.count - a.count ||
        (a.source?.name ?? a.actor ?? "").localeCompare(b.source?.name ?? b.actor ?? "") ||
        a.code.localeCompare(b.code),
    );
  return { part, items: sorted.slice(0, MAX_ITEMS), more: Math.max(0, sorted.length - MAX_ITEMS), unreadable };
}

const sourceHref = (sourceId: string) => `/bronnen#health-${encodeURIComponent(sourceId)}`;

/**
 * The school's Sources that failed calls or left records out (schema-invalid) in the last 7 days,
 * from contract health; `summaries` null when the store could not be read.
 */
export function sourcesCard(sources: readonly SourceRef[], summaries: ReadonlyMap<string, SourceSummary> | null): AttentionCard {
  if (!summaries) return card("sources", [], true);
  const items = sources.flatMap((source): AttentionItem[] => {
    const summary = summaries.get(source.id);
    if (!summary) return [];
    const leftOut = summary.operations.reduce((n, op) => n + op.counters.leftOut, 0);
    return [
      { code: "source_failed", count: summary.totals.failed, href: sourceHref(source.id), source },
      { code: "records_left_out", count: leftOut, href: sourceHref(source.id), source },
    ];
  });
  return card("sources", items, false);
}

const REFUSED = { refused: "consent_refused", revoked: "consent_revoked" } as const;

/**
 * Consent as a school administrator sees it: Sources that answered "consent missing" (Edu-V code
 * 0022) in the last 7 days, per Source and consent API, and Providers whose latest request for an
 * API was refused or revoked. A Provider nobody asked through the dashboard is not counted: the
 * school may have given consent at the Provider itself, and only a 0022 answer says it did not.
 * `canOpenConsent`: whether the viewer may open the consent page; otherwise a 0022 links to the
 * Source's contract health (where the code is counted) and a refusal has no link.
 */
export function consentGapsCard(
  sources: readonly SourceRef[],
  summaries: ReadonlyMap<string, SourceSummary> | null,
  matrix: ConsentMatrix | null,
  opts: { canOpenConsent: boolean },
): AttentionCard {
  const items: AttentionItem[] = [];
  for (const source of summaries ? sources : []) {
    const perApi = new Map<string, number>();
    for (const op of summaries!.get(source.id)?.operations ?? []) {
      const n = op.counters.codes["0022"] ?? 0;
      if (!n) continue;
      const api = (OPERATIONS as Record<string, { consentApi: string | undefined } | undefined>)[op.operationId]?.consentApi ?? "";
      perApi.set(api, (perApi.get(api) ?? 0) + n);
    }
    for (const [api, count] of perApi) {
      const href =
        opts.canOpenConsent && api
          ? `/toestemming?${new URLSearchParams({ requestApi: api, requestProvider: source.id })}`
          : sourceHref(source.id);
      items.push({ code: "consent_missing", count, href, source, ...(api ? { api } : {}) });
    }
  }
  for (const row of matrix?.rows ?? []) {
    for (const status of ["refused", "revoked"] as const) {
      const count = row.cells.filter((c) => c.offered && c.request?.status === status).length;
      const href = opts.canOpenConsent ? `/toestemming?${new URLSearchParams({ provider: row.providerId, status })}` : null;
      items.push({ code: REFUSED[status], count, href, source: { id: row.providerId, name: row.providerName } });
    }
  }
  return card("consentGaps", items, !summaries || !matrix);
}

const REQUEST_CODES = {
  concept: "request_concept",
  queued: "request_queued",
  sent: "request_sent",
  failed: "request_failed",
  refused: "request_refused",
  revoked: "request_revoked",
} as const satisfies Record<string, AttentionCode>;

/**
 * Consent requests as a consent manager sees them, per Provider: the Provider × API pairs whose
 * latest request (the matrix's cell) waits (concept, queued, sent), was not delivered, was refused
 * or revoked; and Providers whose consent statuses could not be fetched at the last poll. Links
 * go to the consent page's list filtered on the Provider and status.
 */
export function consentRequestsCard(matrix: ConsentMatrix | null): AttentionCard {
  if (!matrix) return card("consentRequests", [], true);
  const items: AttentionItem[] = [];
  for (const row of matrix.rows) {
    const source = { id: row.providerId, name: row.providerName };
    for (const [status, code] of Object.entries(REQUEST_CODES)) {
      const count = row.cells.filter((c) => c.offered && c.request?.status === status).length;
      items.push({ code, count, href: `/toestemming?${new URLSearchParams({ provider: row.providerId, status })}`, source });
    }
    if (row.statusPoll.lastError) items.push({ code: "status_poll_failed", count: 1, href: "/toestemming", source });
  }
  return card("consentRequests", items, false);
}

/** The first day (UTC, yyyy-mm-dd) of the access-log window and its start: today and the 6 days before. */
export function accessWindow(now: number): { from: string; since: Date } {
  const from = new Date(now - (ATTENTION_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  return { from, since: new Date(`${from}T00:00:00Z`) };
}

/** Whether a grouped access-log count is something an auditor looks at: a reveal, an export, or any refused attempt. */
export function auditedAccess(row: Pick<AccessCount, "action" | "outcome">): boolean {
  return row.action === "reveal" || row.action === "export" || row.outcome === "refused";
}

/**
 * The access log of the last 7 days as an auditor's card: per staff member, kind of data and
 * outcome, the reveals of identifiers, the exports, and the other refused attempts. Links open the
 * access log filtered the same way (dataKind, outcome, actor, from), as its page names the filters.
 */
export function accessLogCard(rows: readonly AccessCount[] | null, now: number): AttentionCard {
  if (!rows) return card("accessLog", [], true);
  const { from } = accessWindow(now);
  const byKey = new Map<string, AttentionItem>();
  for (const row of rows) {
    if (!auditedAccess(row)) continue;
    const code: AttentionCode = row.action === "reveal" ? "reveal" : row.action === "export" ? "export" : "refused_attempt";
    const outcome = row.outcome === "refused" ? "refused" : "served";
    const key = JSON.stringify([code, row.actor, row.dataKind, outcome]);
    const known = byKey.get(key);
    if (known) {
      known.count += row.count;
      continue;
    }
    const href = `/toegangslog?${new URLSearchParams({ dataKind: row.dataKind, outcome, actor: row.actor, from })}`;
    byKey.set(key, { code, count: row.count, href, actor: row.actor, dataKind: row.dataKind, outcome });
  }
  return card("accessLog", [...byKey.values()], false);
}

/** What the cards are made of, each null when it could not be read. */
export type AttentionData = {
  /** The Sources serving the school; null when the sources file could not be read. */
  sources: readonly SourceRef[] | null;
  health: ReadonlyMap<string, SourceSummary> | null;
  matrix: ConsentMatrix | null;
  access: readonly AccessCount[] | null;
};

/** The home page's cards, in a fixed order: Sources, consent, consent requests, access log, lookup. */
export function homeCards(parts: AttentionParts, data: AttentionData, now: number): HomeCard[] {
  const sources = data.sources ?? [];
  // Without the sources file nothing about the school's Sources is known, however the store answered.
  const health = data.sources ? data.health : null;
  const cards: HomeCard[] = [];
  if (parts.sources) cards.push(sourcesCard(sources, health));
  if (parts.consentGaps) cards.push(consentGapsCard(sources, health, data.sources ? data.matrix : null, parts.consentGaps));
  if (parts.consentRequests) cards.push(consentRequestsCard(data.sources ? data.matrix : null));
  if (parts.accessLog) cards.push(accessLogCard(data.access, now));
  if (parts.lookup) cards.push({ part: "lookup", href: "/licentiegebruik" });
  return cards;
}
