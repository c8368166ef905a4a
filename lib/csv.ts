/**
 * CSV for spreadsheets (RFC 4180, CRLF, UTF-8 with BOM so Excel reads accents). A cell that starts
 * like a formula (= + - @ tab CR) gets a leading apostrophe, so an export never runs as a formula.
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | undefined | null>>): string {
  const cell = (v: string | number | undefined | null) => {
    let s = v === undefined || v === null ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return "\uFEFF" + [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
