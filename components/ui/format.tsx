import { useLocale } from "next-intl";
import { formatsFor, type Formats } from "@/lib/i18n/format";
import { localeOf } from "@/lib/i18n/locale";

export { formatsFor, SCHOOL_TIME_ZONE, type Formats } from "@/lib/i18n/format";

/**
 * The kit's one way to show a number, a day or a time: in the reader's language (lib/i18n/format.ts).
 * Client and server components alike (not an async one: that takes `formatsFor(localeOf(await getLocale()))`).
 * Numbers inside a sentence go through the messages as `{count, number}` (or a plural's `#`).
 */
export function useFormats(): Formats {
  return formatsFor(localeOf(useLocale()));
}

/** A calendar day from a Source (yyyy-mm-dd) in the reader's language, the day itself in `dateTime`: "15-08-2026". */
export function Day({ value }: { value: string }) {
  const f = useFormats();
  return (
    <time dateTime={value} className="whitespace-nowrap">
      {f.day(value)}
    </time>
  );
}

type MomentProps = {
  /** An ISO date-time (as the BFF sends it). */
  value: string;
  /** "dateTime" (the default): day and time of day; "time": the time of day only. Both on the school's clock. */
  show?: "dateTime" | "time";
  seconds?: boolean;
};

/** A moment on the school's clock in the reader's language, the moment itself in `dateTime`: "15-08-2026 14:05". */
export function MomentText({ value, show = "dateTime", seconds }: MomentProps) {
  const f = useFormats();
  const text = show === "time" ? f.time(value, { seconds }) : f.dateTime(value, { seconds });
  return (
    <time dateTime={value} className="whitespace-nowrap">
      {text}
    </time>
  );
}
