import { useTranslations } from "next-intl";

/**
 * A Source error's kind (lib/sources/errors.ts, as an answer carries it) in the reader's words: the
 * page's words for it (sourceError.kind.*), or `fallback` for a kind without words, or none.
 */
export function useErrorKindWords(fallback: string): (kind?: string) => string {
  const kinds = useTranslations("sourceError");
  return (kind) => (kind && kinds.has(`kind.${kind}`) ? kinds(`kind.${kind}`, { code: "none" }) : fallback);
}
