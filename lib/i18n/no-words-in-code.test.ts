import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Words live in lib/i18n/messages/{nl,en}.json, nowhere else in lib/: code returns codes and
 * parameters, and the words layer (lib/i18n) says them in the reader's language. This walks the
 * product's code under lib/ (not tests, not `testing/` support) for the three shapes words used
 * to take in code, and names the file and line of each.
 */
const ROOT = path.resolve(import.meta.dirname, "..", "..");
const LIB = path.join(ROOT, "lib");
/** The one place that spells out the languages (the Locale type, its parser, the Intl locale of each). */
const LOCALE_FILE = "lib/i18n/locale.ts";

const RULES: Array<{ name: string; pattern: RegExp }> = [
  // { nl: "…", en: "…" }, { nl: (x) => `…` }, { "en": { … } }: a text (or a table of them) per language.
  { name: "a record of words per language", pattern: /(?:^|[^\w$.])["']?(?:nl|en)["']?\s*:\s*(?:[`"'{]|\([^()]*\)\s*=>|[\w$]+\s*=>)/ },
  // lang === "en" ? "…" : "…"
  { name: "a ternary on the language", pattern: /[!=]==?\s*["'](?:nl|en)["']\s*\?/ },
  // type Lang = "nl" | "en": one Locale type, in lib/i18n/locale.ts.
  { name: "a language type of its own", pattern: /["'](?:nl|en)["']\s*\|\s*["'](?:nl|en)["']/ },
];

const isTestCode = (rel: string) => /\.test\.tsx?$/.test(rel) || rel.split("/").includes("testing");

/** The product's code under lib/, as paths from the repository's root and text. */
function sourceFiles(dir: string): Array<{ rel: string; text: string }> {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    if (!/\.tsx?$/.test(e.name) || e.name.endsWith(".d.ts")) return [];
    const rel = path.relative(ROOT, full).split(path.sep).join("/");
    return isTestCode(rel) ? [] : [{ rel, text: fs.readFileSync(full, "utf8") }];
  });
}

/** Every line that breaks a rule: "lib/x.ts:12: a ternary on the language: …". */
function wordsInCode(files: ReadonlyArray<{ rel: string; text: string }>): string[] {
  const found: string[] = [];
  for (const { rel, text } of files) {
    if (rel === LOCALE_FILE) continue;
    text.split("\n").forEach((line, i) => {
      for (const rule of RULES) {
        if (!rule.pattern.test(line)) continue;
        found.push(`${rel}:${i + 1}: ${rule.name}: ${line.trim().slice(0, 120)}`);
      }
    });
  }
  return found;
}

describe("no words in lib/'s code", () => {
  it("no record of words per language, no ternary on the language, one Locale type", () => {
    const files = sourceFiles(LIB);
    expect(files.length).toBeGreaterThan(50);
    expect(wordsInCode(files)).toEqual([]);
  });

  it("the rules catch each shape, and only those", () => {
    const cases: Array<[string, boolean]> = [
      ['const T = { nl: "Hallo", en: "Hello" };', true],
      ["  en: (time) => `next try at ${time}`,", true],
      ["  nl: time => `om ${time}`,", true],
      ['const T = { "nl": { title: "Bronnen" } };', true],
      ['return lang === "en" ? "The limit" : "De grens";', true],
      ['locale !== "nl" ? a : b', true],
      ['type Lang = "nl" | "en";', true],
      ["const MESSAGES = { nl, en };", false],
      ["const lang = localeOf(cookie);", false],
      ['const x = { channel: "a", token: "b" };', false],
      ['const d = { lang: "en" };', false],
    ];
    const hits = wordsInCode(cases.map(([line], i) => ({ rel: `lib/case-${i}.ts`, text: `// line 1\n${line}\n` })));
    cases.forEach(([line, bad], i) =>
      expect(
        hits.some((h) => h.startsWith(`lib/case-${i}.ts:2: `)),
        line,
      ).toBe(bad),
    );
    expect(hits[0]).toBe('lib/case-0.ts:2: a record of words per language: const T = { nl: "Hallo", en: "Hello" };');
    // The Locale type and its parser are the one exception, and only in their own file.
    expect(wordsInCode([{ rel: LOCALE_FILE, text: 'type X = "nl" | "en";' }])).toEqual([]);
    expect(wordsInCode([{ rel: "lib/i18n/other.ts", text: 'type X = "nl" | "en";' }])).toEqual([
      'lib/i18n/other.ts:1: a language type of its own: type X = "nl" | "en";',
    ]);
  });
});
