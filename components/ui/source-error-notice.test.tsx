import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/components/lists/api";
import nl from "@/lib/i18n/messages/nl.json";
import { ErrorNotice } from "./source-error-notice";
import { renderNl } from "./testing/render";

const H = nl.notices.heading;
const S = nl.notices.step;
const err = (code: string, message: string, extra: Partial<ApiError> = {}, status = 502) =>
  new ApiError(status, { code, message, ...extra, fields: extra.fields ? [...extra.fields] : undefined });

/** The one alert, its text (what the e2e tests read: the message only) and the notice around it. */
function shown() {
  const alert = screen.getByRole("alert");
  return { alert, text: alert.textContent, box: alert.parentElement! };
}

describe("ErrorNotice: the BFF's code decides the heading and the next step; the server's message is shown as it came", () => {
  it("0022 (consent_missing): consent is needed, with a link to request it at that Provider", () => {
    const message = "Toestemming ontbreekt bij de bron voor deze school en gegevensdienst (0022).";
    renderNl(<ErrorNotice error={err("consent_missing", message, { sourceId: "las-b", statusCode: "0022" })} />);
    const { alert, text, box } = shown();
    expect(text).toBe(message);
    expect(screen.getByRole("alert", { name: H.consent })).toBe(alert);
    const consent = within(box).getByRole("link", { name: S.consent });
    expect(consent.getAttribute("href")).toBe("/toestemming?requestProvider=las-b");
    // The link is beside the message, not inside the alert.
    expect(alert.contains(consent)).toBe(false);
  });

  it("0022 without a Source: the link goes to the consent page itself", () => {
    renderNl(<ErrorNotice error={err("consent_missing", "Toestemming ontbreekt (0022).", {}, 403)} />);
    expect(screen.getByRole("link", { name: S.consent }).getAttribute("href")).toBe("/toestemming");
  });

  it("busy: the time of the next try from retryAt, in the school's clock", () => {
    const message = "De bron is druk; volgende poging om 14:04:05.";
    renderNl(<ErrorNotice error={err("busy", message, { retryAt: "2026-03-02T13:04:05.000Z", sourceId: "las-a" }, 503)} />);
    const { text, box } = shown();
    expect(text).toBe(message);
    expect(screen.getByText(H.busy)).toBeTruthy();
    expect(within(box).getByText(S.retryAt.replace("{time}", "14:04:05"))).toBeTruthy();
  });

  it("rate_limited: the same, and a busy Source without a time says later", () => {
    renderNl(
      <ErrorNotice
        error={err(
          "rate_limited",
          "U heeft dit kort na elkaar te vaak gevraagd; probeer het opnieuw om 09:30:00.",
          { retryAt: "2026-07-01T07:30:00.000Z" },
          429,
        )}
      />,
    );
    expect(screen.getByText(H.rateLimited)).toBeTruthy();
    expect(screen.getByText("Probeer het opnieuw na 09:30:00.")).toBeTruthy();
    renderNl(<ErrorNotice error={err("busy", "De bron is druk en vraagt later terug te komen.", { retryAt: "not a date" }, 503)} />);
    expect(screen.getByText(S.later)).toBeTruthy();
  });

  it("unauthenticated: a link to sign in again", () => {
    renderNl(<ErrorNotice error={err("unauthenticated", "U bent niet (meer) aangemeld.", {}, 401)} />);
    expect(screen.getByText(H.signedOut)).toBeTruthy();
    expect(screen.getByRole("link", { name: S.signIn }).getAttribute("href")).toBe("/inloggen");
  });

  it.each([
    ["scope_missing", "De bron geeft geen toegang: de benodigde scope ontbreekt (0021).", H.scope, S.supplier],
    ["school_unknown", "De school is onbekend bij de bron (0023).", H.school, S.configuration],
    ["timeout", "De bron antwoordde niet op tijd.", H.unavailable, S.later],
    ["unreachable", "De bron is niet bereikbaar.", H.unavailable, S.later],
    ["server_error", "De bron meldt een storing.", H.unavailable, S.later],
    ["token_unavailable", "De bron kan nu geen toegangstoken geven: haar tokenserver meldt een storing.", H.unavailable, S.later],
    ["invalid_answer", "De bron gaf een onleesbaar of onjuist antwoord.", H.unusable, S.repair],
    ["too_large", "De bron stuurde een te groot antwoord; het is niet gelezen.", H.unusable, S.repair],
  ])("%s: heading and next step", (code, message, heading, step) => {
    renderNl(<ErrorNotice error={err(code, message, { sourceId: "las-a" })} />);
    const { text, box } = shown();
    expect(text).toBe(message);
    expect(within(box).getByText(heading)).toBeTruthy();
    expect(within(box).getByText(step)).toBeTruthy();
    expect(within(box).queryByRole("link")).toBeNull();
  });

  it("unreadable_record: the Source must repair it, with the fields named", () => {
    const message =
      "De bron stuurde het record van deze persoon, maar het kon niet worden gelezen: velden givenName, familyName. De persoon staat wel in de lijst van de bron; de bron moet het record herstellen.";
    renderNl(<ErrorNotice error={err("unreadable_record", message, { sourceId: "las-a", fields: ["givenName", "familyName"] })} />);
    expect(shown().text).toBe(message);
    expect(screen.getByText(S.repairFields.replace("{fields}", "givenName, familyName"))).toBeTruthy();
  });

  it("an unknown code: the generic heading and the message, no next step", () => {
    renderNl(<ErrorNotice error={err("coverage_running", "U heeft al een dekkingsberekening lopen.", {}, 429)} />);
    const { text, box } = shown();
    expect(text).toBe("U heeft al een dekkingsberekening lopen.");
    expect(within(box).getByText(H.generic)).toBeTruthy();
    expect(box.childElementCount).toBe(2);
  });

  it("no answer (network) and an answer without a body (http_<status>) are said in words, not in the browser's", () => {
    renderNl(<ErrorNotice error={new ApiError(0, { code: "network", message: "Failed to fetch" })} />);
    expect(shown().text).toBe(nl.notices.message.network);
    expect(screen.getByText(H.network)).toBeTruthy();
    expect(screen.queryByText("Failed to fetch")).toBeNull();
  });

  it("http_<status>: the status in the message", () => {
    renderNl(<ErrorNotice error={new ApiError(504, { code: "http_504", message: "HTTP 504" })} />);
    expect(shown().text).toBe("Het dashboard gaf een onverwacht antwoord (HTTP 504).");
  });

  it("a value that is not an ApiError: the generic heading and its message", () => {
    renderNl(<ErrorNotice error={new Error("Iets onverwachts")} />);
    expect(shown().text).toBe("Iets onverwachts");
    expect(screen.getByText(H.generic)).toBeTruthy();
  });

  it("a string thrown is shown as it is", () => {
    renderNl(<ErrorNotice error="De dekking kon niet worden berekend." />);
    expect(shown().text).toBe("De dekking kon niet worden berekend.");
  });

  it("the page's own title replaces the code's heading and can be the page's h1; the next step stays", () => {
    renderNl(
      <ErrorNotice error={err("server_error", "De bron meldt een storing.")} title="De leerling kon niet worden opgehaald" titleAs="h1" />,
    );
    expect(screen.getByRole("heading", { level: 1, name: "De leerling kon niet worden opgehaald" })).toBeTruthy();
    expect(screen.queryByText(H.unavailable)).toBeNull();
    expect(screen.getByText(S.later)).toBeTruthy();
    expect(screen.getAllByRole("alert")).toHaveLength(1);
  });
});
