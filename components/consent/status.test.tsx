import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderNl } from "@/components/ui/testing/render";
import { CONSENT_STATUS_NAMES, type ConsentStatusName } from "@/lib/contracts/consent";
import { ChangeLine, StatusText } from "./status";
import { requestView } from "./testing/requests";

/** The word and the tone shown for a request in each status (a sent one by how the Provider takes it). */
const SHOWN: Record<ConsentStatusName, [word: string, tone: string]> = {
  concept: ["Concept", "draft"],
  queued: ["In de wachtrij", "underway"],
  sent: ["Verzonden, ontvangen door de aanbieder (202)", "underway"],
  failed: ["Niet verzonden: geweigerd door de aanbieder", "refused"],
  confirmed: ["Bevestigd", "granted"],
  refused: ["Afgewezen door de aanbieder", "refused"],
  revoked: ["Ingetrokken", "withdrawn"],
};

describe("StatusText", () => {
  it.each(CONSENT_STATUS_NAMES)("says %s in words, its colour repeating the words", (status) => {
    renderNl(<StatusText request={requestView({ status })} />);
    const [word, tone] = SHOWN[status];
    const badge = screen.getByText(word);
    expect(badge.dataset.tone).toBe(tone);
    expect(badge.className).toContain(
      { draft: "bg-slate-50", underway: "bg-sky-50", refused: "bg-red-50", granted: "bg-emerald-50", withdrawn: "bg-amber-50" }[tone],
    );
  });

  it("a request the Provider collects itself is said to be collected once sent", () => {
    renderNl(<StatusText request={requestView({ status: "sent", delivery: "poll" })} />);
    expect(screen.getByText("Opgehaald door de aanbieder").dataset.tone).toBe("underway");
  });

  it("names the Provider's refusal of a failed request, the retries of a queued one and the Provider's reference", () => {
    const { unmount } = renderNl(<StatusText request={requestView({ status: "failed", lastError: "HTTP 400 · 0031 · scope onbekend" })} />);
    expect(screen.getByText("HTTP 400 · 0031 · scope onbekend")).toBeTruthy();
    unmount();
    renderNl(
      <StatusText request={requestView({ status: "queued", attempts: 2, lastError: "HTTP 503", providerReferenceId: "las-b-0001" })} />,
    );
    expect(screen.getByText("2 pogingen lukten niet, het dashboard probeert het opnieuw: HTTP 503")).toBeTruthy();
    expect(screen.getByText("Kenmerk bij de aanbieder: las-b-0001")).toBeTruthy();
  });

  it("a queued request that has not failed yet says no more than its status", () => {
    const { container } = renderNl(<StatusText request={requestView({ status: "queued", lastError: "oud" })} />);
    expect(container.textContent).toBe("In de wachtrij");
  });
});

describe("ChangeLine", () => {
  it("each change on the school's clock, the day only where it changes (also across midnight in Amsterdam)", () => {
    const { container } = renderNl(
      <ChangeLine
        changes={[
          { event: "created", at: "2026-11-24T09:01:00.000Z" },
          { event: "sent", at: "2026-11-24T09:01:30.000Z" },
          { event: "confirmed", at: "2026-11-24T23:03:00.000Z" },
        ]}
      />,
    );
    expect(container.textContent).toBe("aangemaakt 24-11-2026 10:01 · verzonden 10:01 · bevestigd 25-11-2026 00:03");
  });
});
