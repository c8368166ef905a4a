import { LATENCY_BOUNDS_MS, OTHER_KEY, type Counts } from "./contract-health";
import type { OperationSummary, SourceSummary } from "./contract-health-summary";

type Lang = "nl" | "en";

const TEXT = {
  nl: {
    title: (name: string) => `Contractrapport: ${name}`,
    what: "Dit rapport komt uit het Leermiddelendashboard van een school en is bedoeld voor de leverancier van deze Edu-V-bron. Het beschrijft hoe de antwoorden van de bron zich verhielden tot het Edu-V-contract (de OpenAPI-beschrijving van de gegevensdiensten).",
    source: "Bron",
    period: "Periode",
    until: "tot",
    made: "Opgesteld",
    how: "Zo is gemeten: elke poging van het dashboard bij deze bron telt (een herhaalde poging apart), per uur opgeteld over alle dashboard-instanties. Elk record van een lijstantwoord is apart tegen het schema gecontroleerd: een record dat niet voldoet is weggelaten en geteld bij elk veldpad waarop het faalde. Genormaliseerd zijn waarden die volgens de leesregels als leeg of anders geschreven zijn gelezen (het record bleef behouden); onbekende enumwaarden zijn waarden die het contract niet kent (het record bleef behouden). Latentie is de tijd van verzoek tot volledig gelezen antwoord, als bovengrens van vaste histogramklassen.",
    never: "Dit rapport bevat nooit waarden of identificatoren: alleen aantallen, veldpaden (een positie in een lijst als `[]`), HTTP-statussen, Edu-V-codes, soorten fouten en latenties.",
    noCalls: "Geen bevragingen van deze bron in deze periode.",
    measure: "Meting",
    count: "Aantal",
    calls: "Pogingen",
    failed: "Mislukt",
    received: "Records ontvangen",
    kept: "Records behouden",
    leftOut: "Records weggelaten",
    p50: "Latentie p50",
    p95: "Latentie p95",
    answers: "Antwoorden per HTTP-status (of soort fout als de bevraging geen antwoord kreeg, zoals timeout of token_refused)",
    status: "Status",
    codes: "Edu-V-codes",
    code: "Code",
    leftOutPaths: "Weggelaten records per veldpad (een record kan op meer velden falen)",
    normalized: "Genormaliseerde waarden per veldpad",
    leftOutItems: "Weggelaten onderdelen van behouden records per veldpad (bijvoorbeeld een onleesbaar optioneel veld, een totaal of één aanspraak; het record zelf is behouden)",
    unknownEnums: "Onbekende enumwaarden per veld",
    path: "Veldpad",
    field: "Veld",
    other: "(overige veldpaden, samengeteld)",
    none: "Geen.",
  },
  en: {
    title: (name: string) => `Contract report: ${name}`,
    what: "This report comes from a school's Leermiddelendashboard and is meant for the vendor of this Edu-V Source. It describes how the Source's answers measured up to the Edu-V contract (the OpenAPI description of the APIs).",
    source: "Source",
    period: "Period",
    until: "to",
    made: "Generated",
    how: "How it was measured: every attempt the dashboard made at this Source counts (a retry separately), summed per hour over all dashboard instances. Each record of a list answer was checked against the schema on its own: a record that does not conform was left out and counted under each field path it failed on. Normalised values were read as absent or recased by the reading rules (the record was kept); unknown enum values are values the contract does not know (the record was kept). Latency is the time from request to fully read answer, as the upper bound of fixed histogram buckets.",
    never: "This report never contains values or identifiers: only counts, field paths (a position in a list as `[]`), HTTP statuses, Edu-V codes, error kinds and latencies.",
    noCalls: "No calls to this Source in this period.",
    measure: "Measure",
    count: "Count",
    calls: "Attempts",
    failed: "Failed",
    received: "Records received",
    kept: "Records kept",
    leftOut: "Records left out",
    p50: "Latency p50",
    p95: "Latency p95",
    answers: "Answers by HTTP status (or error kind when the call got no answer, such as timeout or token_refused)",
    status: "Status",
    codes: "Edu-V codes",
    code: "Code",
    leftOutPaths: "Records left out by field path (a record may fail on several fields)",
    normalized: "Normalised values by field path",
    leftOutItems: "Parts of kept records left out by field path (for example an unreadable optional field, a total or one entitlement; the record itself was kept)",
    unknownEnums: "Unknown enum values by field",
    path: "Field path",
    field: "Field",
    other: "(other field paths, summed)",
    none: "None.",
  },
} as const;

/** "≤ 200 ms" (upper bound of a latency bucket) or "> 100000 ms" for the open bucket. */
export function formatLatency(bound: number | undefined): string {
  if (bound === undefined) return "–";
  if (bound === Infinity) return `> ${LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1]} ms`;
  return `≤ ${bound} ms`;
}

/** "2026-11-29 14:00 UTC": the report goes to vendors anywhere, so in UTC. */
function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** A field path as Markdown code that cannot break out of its table cell. */
function code(text: string): string {
  return "`" + text.replace(/[`\r\n]/g, "'").replace(/\|/g, "\\|") + "`";
}

function plain(text: string): string {
  return text.replace(/[\r\n]/g, " ").replace(/\|/g, "\\|");
}

function table(head: [string, string], rows: Array<[string, string | number]>): string[] {
  return [`| ${head[0]} | ${head[1]} |`, "|---|---:|", ...rows.map(([a, b]) => `| ${a} | ${b} |`)];
}

function countsSection(title: string, head: [string, string], counts: Counts, t: (typeof TEXT)[Lang], asCode: boolean): string[] {
  const entries = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const rows = entries.map(([key, n]): [string, number] => [key === OTHER_KEY ? t.other : asCode ? code(key) : plain(key), n]);
  return ["", `**${title}**`, "", ...(rows.length ? table(head, rows) : [t.none])];
}

function operationSection(op: OperationSummary, t: (typeof TEXT)[Lang]): string[] {
  const c = op.counters;
  return [
    "",
    `## ${op.endpoint ? `${plain(op.endpoint)} (${code(op.operationId)})` : code(op.operationId)}`,
    "",
    ...table([t.measure, t.count], [
      [t.calls, c.calls],
      [t.failed, c.failed],
      [t.received, c.received],
      [t.kept, c.kept],
      [t.leftOut, c.leftOut],
      [t.p50, formatLatency(op.p50)],
      [t.p95, formatLatency(op.p95)],
    ]),
    ...countsSection(t.answers, [t.status, t.count], c.answers, t, false),
    ...countsSection(t.codes, [t.code, t.count], c.codes, t, false),
    ...countsSection(t.leftOutPaths, [t.path, t.count], c.leftOutPaths, t, true),
    ...countsSection(t.normalized, [t.path, t.count], c.normalizedPaths, t, true),
    ...countsSection(t.leftOutItems, [t.path, t.count], c.leftOutItems, t, true),
    ...countsSection(t.unknownEnums, [t.field, t.count], c.unknownEnums, t, true),
  ];
}

/**
 * The Markdown document a school sends to a Source's vendor. Built from the summed counters
 * alone, which hold no values: the report cannot quote a record even by mistake.
 */
export function renderContractReport(input: { source: { id: string; name: string }; summary: SourceSummary; lang: Lang }): string {
  const t = TEXT[input.lang];
  const s = input.summary;
  const lines = [
    `# ${plain(t.title(input.source.name))}`,
    "",
    t.what,
    "",
    `- ${t.source}: ${plain(input.source.name)} (${code(input.source.id)})`,
    `- ${t.period}: ${utc(s.from)} ${t.until} ${utc(s.to)}`,
    `- ${t.made}: ${utc(s.to)}`,
    "",
    t.how,
    "",
    t.never,
  ];
  if (!s.operations.length) lines.push("", t.noCalls);
  for (const op of s.operations) lines.push(...operationSection(op, t));
  return lines.join("\n") + "\n";
}
