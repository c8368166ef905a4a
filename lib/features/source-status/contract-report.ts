import { LATENCY_BOUNDS_MS, OTHER_KEY, type Counts } from "@/lib/sources/health/contract-health";
import type { OperationSummary, SourceSummary } from "@/lib/sources/health/contract-health-summary";
import type { Locale } from "@/lib/i18n/locale";
import { wordsFor, type Messages } from "@/lib/i18n/server-words";

/** The report's words: contractReport.* in lib/i18n/messages. */
type T = (key: keyof Messages["contractReport"], values?: Record<string, string>) => string;

function reportWords(locale: Locale): T {
  const words = wordsFor(locale);
  return (key, values) => words(`contractReport.${key}`, values);
}

/** The report's file name, without the Source and the day: "contractrapport" or "contract-report". */
export function contractReportName(locale: Locale): string {
  return reportWords(locale)("fileName");
}

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

function countsSection(title: string, head: [string, string], counts: Counts, t: T, asCode: boolean): string[] {
  const entries = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const rows = entries.map(([key, n]): [string, number] => [key === OTHER_KEY ? t("other") : asCode ? code(key) : plain(key), n]);
  return ["", `**${title}**`, "", ...(rows.length ? table(head, rows) : [t("none")])];
}

function operationSection(op: OperationSummary, t: T): string[] {
  const c = op.counters;
  return [
    "",
    `## ${op.endpoint ? `${plain(op.endpoint)} (${code(op.operationId)})` : code(op.operationId)}`,
    "",
    ...table(
      [t("measure"), t("count")],
      [
        [t("calls"), c.calls],
        [t("failed"), c.failed],
        [t("received"), c.received],
        [t("kept"), c.kept],
        [t("leftOut"), c.leftOut],
        [t("p50"), formatLatency(op.p50)],
        [t("p95"), formatLatency(op.p95)],
      ],
    ),
    ...countsSection(t("answers"), [t("status"), t("count")], c.answers, t, false),
    ...countsSection(t("codes"), [t("code"), t("count")], c.codes, t, false),
    ...countsSection(t("leftOutPaths"), [t("path"), t("count")], c.leftOutPaths, t, true),
    ...countsSection(t("normalized"), [t("path"), t("count")], c.normalizedPaths, t, true),
    ...countsSection(t("leftOutItems"), [t("path"), t("count")], c.leftOutItems, t, true),
    ...countsSection(t("unknownEnums"), [t("field"), t("count")], c.unknownEnums, t, true),
  ];
}

/**
 * The Markdown document a school sends to a Source's vendor. Built from the summed counters
 * alone, which hold no values: the report cannot quote a record even by mistake.
 */
export function renderContractReport(input: { source: { id: string; name: string }; summary: SourceSummary; lang: Locale }): string {
  const t = reportWords(input.lang);
  const s = input.summary;
  const lines = [
    `# ${plain(t("title", { name: input.source.name }))}`,
    "",
    t("what"),
    "",
    `- ${t("source")}: ${plain(input.source.name)} (${code(input.source.id)})`,
    `- ${t("period")}: ${utc(s.from)} ${t("until")} ${utc(s.to)}`,
    `- ${t("made")}: ${utc(s.to)}`,
    "",
    t("how"),
    "",
    t("never"),
  ];
  if (!s.operations.length) lines.push("", t("noCalls"));
  for (const op of s.operations) lines.push(...operationSection(op, t));
  return lines.join("\n") + "\n";
}
