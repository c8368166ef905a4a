import { optionCount, optionItem, type SelectGroup, type SelectOption } from "./native-select";

const collators = new Map<string, Intl.Collator>();

/** Compares codes and names as people read them, in the reader's language: numbers by value, so "2A" before "10A" and "Wiskunde 3" before "Wiskunde 10". */
export function naturalCompare(locale: string): (a: string, b: string) => number {
  let collator = collators.get(locale);
  if (!collator) collators.set(locale, (collator = new Intl.Collator(locale, { numeric: true })));
  return collator.compare;
}

/** A copy of `items` in natural order of their text. */
export function sortedByText<T>(items: readonly T[], textOf: (item: T) => string, locale: string): T[] {
  const compare = naturalCompare(locale);
  return [...items].sort((a, b) => compare(textOf(a), textOf(b)));
}

/** A copy of the offerings by study year (those without one last), then by code in natural order. */
export function byStudyYearThenCode<T extends { id: string; studyYear?: number }>(items: readonly T[], locale: string): T[] {
  const compare = naturalCompare(locale);
  const year = (o: T) => o.studyYear ?? Number.POSITIVE_INFINITY;
  return [...items].sort((a, b) => (year(a) === year(b) ? compare(a.id, b.id) : year(a) < year(b) ? -1 : 1));
}

/** Text as a search compares it: without accents, in lower case ("Één" as "een"). */
export function foldText(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * The options and groups whose words hold every word typed (accents and case aside), and the
 * option `keep` (the value in force) whatever was typed; groups left empty are left out. Nothing
 * typed: all of them, as given. `found`: how many hold the words (`keep` only if it does).
 */
export function narrowOptions(
  query: string,
  keep: string,
  options: readonly SelectOption[] = [],
  groups: readonly SelectGroup[] = [],
): { options: SelectOption[]; groups: SelectGroup[]; found: number } {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  if (!words.length) return { options: [...options], groups: [...groups], found: optionCount(options, groups) };
  let found = 0;
  const fits = (o: SelectOption) => {
    const { value, label } = optionItem(o);
    const text = foldText(label);
    const holds = words.every((w) => text.includes(w));
    if (holds) found++;
    return holds || (keep !== "" && value === keep);
  };
  return {
    options: options.filter(fits),
    groups: groups.map((g) => ({ label: g.label, options: g.options.filter(fits) })).filter((g) => g.options.length),
    found,
  };
}
