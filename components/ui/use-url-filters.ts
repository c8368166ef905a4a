"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { safeParse, type $ZodObject, type $ZodShape, type output } from "zod/v4/core";

/** A change to the filters: a value sets it, "" or undefined removes it. */
export type FilterChanges<S extends $ZodShape> = { [K in keyof S]?: string | number | undefined };

/**
 * A list's filters kept in the page's query parameters (shareable, and the back button works), read
 * and written through a zod schema of them: one field per parameter, each taking the text from the
 * URL (`z.optional(z.enum([...]))`, `z.optional(z.string())`). A value its field refuses counts as
 * absent (the field's default, if it has one); a parameter the schema does not name is left out of
 * the URL the next time it is written. Writing replaces the history entry and keeps the scroll position.
 * The filters name periods, offerings and statuses, never a person: what is typed about a person stays out of the URL.
 */
export function useUrlFilters<S extends $ZodShape>(schema: $ZodObject<S>): [output<$ZodObject<S>>, (changes: FilterChanges<S>) => void] {
  const router = useRouter();
  const pathname = usePathname();
  const url = useSearchParams();
  const shape = schema._zod.def.shape;
  const keys = Object.keys(shape) as Array<keyof S & string>;
  /** A field's text, if the field takes it. */
  const valid = (key: keyof S & string, text: string | null | undefined) => (text && safeParse(shape[key]!, text).success ? text : undefined);
  const read = (key: keyof S & string) => {
    const text = valid(key, url.get(key));
    const parsed = safeParse(shape[key]!, text);
    return parsed.success ? parsed.data : undefined;
  };
  const filters = Object.fromEntries(keys.map((k) => [k, read(k)])) as output<$ZodObject<S>>;
  const set = (changes: FilterChanges<S>) => {
    const next = new URLSearchParams();
    for (const k of keys) {
      const text = valid(k, Object.hasOwn(changes, k) ? (changes[k] === undefined ? undefined : String(changes[k])) : url.get(k));
      if (text) next.set(k, text);
    }
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };
  return [filters, set];
}
