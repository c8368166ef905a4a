import { render, screen } from "@testing-library/react";
import { NextIntlClientProvider, useTranslations } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import { Day, formatsFor, MomentText, useFormats } from "./format";
import { renderNl } from "./testing/render";

const renderEn = (ui: React.ReactElement) =>
  render(
    <NextIntlClientProvider locale="en" messages={en} timeZone="Europe/Amsterdam">
      {ui}
    </NextIntlClientProvider>,
  );

const nl = formatsFor("nl");
const enF = formatsFor("en");

describe("formatsFor: numbers, days and times in the reader's language", () => {
  it("groups large numbers: a point in Dutch, a comma in English; a decimal comma in Dutch", () => {
    expect([nl.number(10000), enF.number(10000)]).toEqual(["10.000", "10,000"]);
    expect([nl.number(1234567.5), enF.number(1234567.5)]).toEqual(["1.234.567,5", "1,234,567.5"]);
    expect([nl.number(999), enF.number(0)]).toEqual(["999", "0"]);
  });

  it("a Source's calendar day as day-month-year in digits: 15-08-2026 in Dutch, 15/08/2026 in English", () => {
    expect([nl.day("2026-08-15"), enF.day("2026-08-15")]).toEqual(["15-08-2026", "15/08/2026"]);
  });

  it("a calendar day is never moved by a time zone: the first and last day of the year stay themselves", () => {
    // Read as a moment, "2026-01-01" is midnight UTC: 31 December in any zone west of Greenwich.
    const naive = new Intl.DateTimeFormat("nl-NL", { timeZone: "America/New_York", day: "2-digit", month: "2-digit", year: "numeric" });
    expect(naive.format(new Date("2026-01-01"))).toBe("31-12-2025");
    expect(nl.day("2026-01-01")).toBe("01-01-2026");
    expect(nl.day("2026-12-31")).toBe("31-12-2026");
    expect(enF.day("2024-02-29")).toBe("29/02/2024");
  });

  it("a text that is no real day is shown as it came", () => {
    expect([nl.day("2026-02-30"), nl.day("gisteren"), nl.day("")]).toEqual(["2026-02-30", "gisteren", ""]);
  });

  it("a moment's day and time are the school's (Amsterdam), across midnight and summer time", () => {
    // 23:30 UTC on 28 March is half past midnight on the 29th in Amsterdam (winter time, UTC+1).
    expect(nl.dateTime("2026-03-28T23:30:00Z")).toBe("29-03-2026 00:30");
    expect(nl.date("2026-03-28T23:30:00Z")).toBe("29-03-2026");
    // Summer time (UTC+2) from 29 March 2026; the same moment in English, 24-hour clock.
    expect(enF.dateTime("2026-07-01T07:30:00.000Z")).toBe("01/07/2026 09:30");
    expect(nl.time("2026-11-24T09:01:02.345Z", { seconds: true })).toBe("10:01:02");
    expect(enF.time(Date.parse("2026-11-24T13:04:05Z"))).toBe("14:04");
    expect(nl.dateTime(new Date("2026-11-24T09:01:02Z"), { seconds: true })).toBe("24-11-2026 10:01:02");
  });

  it("what is no moment is shown as it came, never as an error", () => {
    expect(nl.time("not a date")).toBe("not a date");
    expect(nl.dateTime(Number.NaN)).toBe("");
  });
});

describe("Day and MomentText", () => {
  it("show the day in the reader's language, the day itself machine-readable", () => {
    const { unmount } = renderNl(<Day value="2026-08-15" />);
    const time = screen.getByText("15-08-2026");
    expect(time.tagName).toBe("TIME");
    expect(time.getAttribute("dateTime")).toBe("2026-08-15");
    unmount();
    renderEn(<Day value="2026-08-15" />);
    expect(screen.getByText("15/08/2026").getAttribute("dateTime")).toBe("2026-08-15");
  });

  it("show a moment on the school's clock, with seconds or as a time of day only", () => {
    const { unmount } = renderNl(<MomentText value="2026-11-24T09:01:02.000Z" seconds />);
    expect(screen.getByText("24-11-2026 10:01:02").getAttribute("dateTime")).toBe("2026-11-24T09:01:02.000Z");
    unmount();
    renderEn(<MomentText value="2026-11-24T09:01:02.000Z" show="time" />);
    expect(screen.getByText("10:01").tagName).toBe("TIME");
  });

  it("useFormats follows the provider's language", () => {
    function Count({ n }: { n: number }) {
      return <p>{useFormats().number(n)}</p>;
    }
    const { unmount } = renderNl(<Count n={10000} />);
    expect(screen.getByText("10.000")).toBeTruthy();
    unmount();
    renderEn(<Count n={10000} />);
    expect(screen.getByText("10,000")).toBeTruthy();
  });

  it("numbers in the messages are grouped too ({total, number})", () => {
    function Students({ total }: { total: number }) {
      return <p>{useTranslations("students")("count", { total })}</p>;
    }
    const { unmount } = renderNl(<Students total={1400} />);
    expect(screen.getByText("1.400 leerlingen")).toBeTruthy();
    unmount();
    renderEn(<Students total={1400} />);
    expect(screen.getByText("1,400 students")).toBeTruthy();
  });
});
