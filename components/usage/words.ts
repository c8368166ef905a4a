/** A translate function of next-intl, as these helpers use it. */
export type T = (key: string, values?: Record<string, string | number>) => string;

/** "veld a" / "velden a, b": field paths only, never a value. */
export function fieldsText(t: T, paths: readonly string[]): string {
  return t("fields", { count: paths.length, list: paths.join(", ") || "?" });
}

/** The field paths of the left-out entitlement items (`items`), or of the other left-out parts of a usage answer (a total, say). */
export function leftOutPaths(paths: Readonly<Record<string, number>>, items: boolean): string[] {
  return Object.keys(paths).filter((p) => p.startsWith("entitlements[]") === items);
}

/** "35 s" or "4 min". */
export function ageText(t: T, seconds: number): string {
  return seconds < 60 ? t("ageSeconds", { n: seconds }) : t("ageMinutes", { n: Math.floor(seconds / 60) });
}

/** "A, B en C". */
export function namesText(t: T, names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")}${t("and")}${names.at(-1)}`;
}
