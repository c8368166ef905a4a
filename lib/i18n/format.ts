import { intlLocaleOf, type Locale } from "./locale";

/**
 * Numbers, days and times as staff read them, in their language: the one way the pages (through
 * components/ui/format.tsx) and the server's words do it. Numbers grouped ("10.000" / "10,000"),
 * days as day-month-year in digits ("15-08-2026" / "15/08/2026"), times of day on a 24-hour clock
 * ("14:05"). Digits rather than month names: the same text from any ICU (the server's and the
 * browser's agree, so a page hydrates without a difference), and tables' columns line up.
 */

/** The school's clock: the time of day and the day of a moment are Amsterdam's, whatever the server's or the browser's zone. */
export const SCHOOL_TIME_ZONE = "Europe/Amsterdam";

/** A moment as the BFF gives it (an ISO date-time), epoch milliseconds, or a Date. */
/**
 * The moment a school day (yyyy-mm-dd) begins: midnight in the Netherlands, the schools' day (CET or
 * CEST, whichever holds at that midnight). A filter "from day X" starts here and "until day Y" ends at
 * the start of the day after Y, so a row at 00:30 Dutch time belongs to the day the school lived it.
 */
export function schoolDayStart(day: string): Date {
  const utc = new Date(`${day}T00:00:00Z`);
  const offset =
    new Intl.DateTimeFormat("en-US", { timeZone: SCHOOL_TIME_ZONE, timeZoneName: "longOffset" })
      .formatToParts(utc)
      .find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(offset);
  const minutes = m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return new Date(utc.getTime() - minutes * 60_000);
}

/** The school day after `day` (yyyy-mm-dd). */
export function nextSchoolDay(day: string): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export type Moment = string | number | Date;

export type Formats = {
  /** 10000 → "10.000" / "10,000"; 2.5 → "2,5" / "2.5". */
  number: (n: number) => string;
  /** A calendar day as the Sources send it (yyyy-mm-dd): "15-08-2026" / "15/08/2026", the same day in every time zone. A text that is not one, as it came. */
  day: (day: string) => string;
  /** The day a moment falls on at the school: "15-08-2026" / "15/08/2026". */
  date: (at: Moment) => string;
  /** The moment's time of day at the school: "14:05", or "14:05:09" with `seconds`. */
  time: (at: Moment, options?: { seconds?: boolean }) => string;
  /** Day and time of day at the school: "15-08-2026 14:05" / "15/08/2026 14:05" (seconds on request). */
  dateTime: (at: Moment, options?: { seconds?: boolean }) => string;
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day as a moment at midnight UTC, formatted in UTC: no zone can move it; undefined for a text that is no real day. */
function dayMoment(day: string): number | undefined {
  const m = DAY.exec(day);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = Date.UTC(y, mo - 1, d);
  const back = new Date(at);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? at : undefined;
}

function make(locale: Locale): Formats {
  const intl = intlLocaleOf(locale);
  const digits = { day: "2-digit", month: "2-digit", year: "numeric" } as const;
  const clock = { timeZone: SCHOOL_TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" } as const;
  const number = new Intl.NumberFormat(intl);
  const calendarDay = new Intl.DateTimeFormat(intl, { ...digits, timeZone: "UTC" });
  const schoolDay = new Intl.DateTimeFormat(intl, { ...digits, timeZone: SCHOOL_TIME_ZONE });
  const hm = new Intl.DateTimeFormat(intl, clock);
  const hms = new Intl.DateTimeFormat(intl, { ...clock, second: "2-digit" });
  /** Epoch milliseconds, or NaN for what is no moment. */
  const ms = (at: Moment) => (at instanceof Date ? at.getTime() : typeof at === "number" ? at : Date.parse(at));
  /** A value that is no moment is shown as it came (a text), or not at all. */
  const asIs = (at: Moment) => (typeof at === "string" ? at : "");
  const date = (at: Moment) => (Number.isNaN(ms(at)) ? asIs(at) : schoolDay.format(ms(at)));
  const time = (at: Moment, options?: { seconds?: boolean }) =>
    Number.isNaN(ms(at)) ? asIs(at) : (options?.seconds ? hms : hm).format(ms(at));
  return {
    number: (n) => number.format(n),
    day: (day) => {
      const at = dayMoment(day);
      return at === undefined ? day : calendarDay.format(at);
    },
    date,
    time,
    dateTime: (at, options) => (Number.isNaN(ms(at)) ? asIs(at) : `${date(at)} ${time(at, options)}`),
  };
}

// One set of formatters per language for the process: Intl's formatters are costly to build.
const cache = new Map<Locale, Formats>();

/** The formats of a language: `formatsFor("nl").day("2026-08-15")` is "15-08-2026". */
export function formatsFor(locale: Locale): Formats {
  let formats = cache.get(locale);
  if (!formats) cache.set(locale, (formats = make(locale)));
  return formats;
}
