import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/components/lists/api";
import { renderNl } from "@/components/ui/testing/render";
import { DiagnosisPanel, type DiagnosisState } from "./diagnosis-panel";
import type { Diagnosis } from "./queries";

const diagnosis: Diagnosis = {
  steps: [
    { step: "enrolled", result: "ok", finding: "ingeschreven in 4havo-ne", label: "Inschrijving" },
    { step: "consent", result: "ok", finding: "toestemming bevestigd", label: "Toestemming" },
    { step: "entitlement", result: "ok", finding: "aanspraak bij Meridiaan", label: "Aanspraak" },
    { step: "licensed", result: "fail", finding: "nooit geactiveerd", actor: "school", label: "Geactiveerd", actorLabel: "de school" },
    { step: "not_expired", result: "not_checked", finding: "niet nagegaan", label: "Niet verlopen" },
  ],
  actor: "school",
  actorLabel: "de school",
  conclusion: "De licentie is nooit geactiveerd.",
  text: "Product 9789001234567 bij Meridiaan College (900B201): nooit geactiveerd.",
};
const state = (over: Partial<DiagnosisState>): DiagnosisState => ({
  isPending: false,
  isError: false,
  error: null,
  data: undefined,
  ...over,
});

describe("DiagnosisPanel: the chain from enrolment to a working licence", () => {
  it("shows each step in order with its result in words and its finding", () => {
    renderNl(<DiagnosisPanel product="9789001234567" diagnosis={state({ data: diagnosis })} />);
    const panel = screen.getByRole("region", { name: "Diagnose voor product 9789001234567" });
    const steps = within(panel).getAllByRole("listitem");
    expect(steps.map((s) => s.textContent)).toEqual([
      "Inschrijving: in orde, ingeschreven in 4havo-ne",
      "Toestemming: in orde, toestemming bevestigd",
      "Aanspraak: in orde, aanspraak bij Meridiaan",
      "Geactiveerd: niet in orde, nooit geactiveerd",
      "Niet verlopen: niet gecontroleerd, niet nagegaan",
    ]);
  });

  it("ends with the conclusion and who acts, and the ticket text (no personal data) to copy", () => {
    renderNl(<DiagnosisPanel product="9789001234567" diagnosis={state({ data: diagnosis })} />);
    expect(screen.getAllByRole("status")[0]!.textContent).toBe("De licentie is nooit geactiveerd. Actie voor: de school.");
    const text = screen.getByLabelText("Tekst voor een melding (zonder persoonsgegevens)") as HTMLTextAreaElement;
    expect(text.value).toBe(diagnosis.text);
    expect(text.readOnly).toBe(true);
    expect(screen.getByRole("button", { name: "Kopieer tekst" })).toBeTruthy();
  });

  it("while it runs says so; when it fails shows why, and no steps", () => {
    const { unmount } = renderNl(<DiagnosisPanel product="9789001234567" diagnosis={state({ isPending: true })} />);
    expect(screen.getByRole("status").textContent).toBe("Bezig met de diagnose…");
    unmount();
    renderNl(
      <DiagnosisPanel
        product="9789001234567"
        diagnosis={state({ isError: true, error: new ApiError(504, { code: "timeout", message: "De bron antwoordde niet op tijd." }) })}
      />,
    );
    expect(screen.getByRole("alert").textContent).toBe("De bron antwoordde niet op tijd.");
    expect(screen.queryAllByRole("listitem")).toHaveLength(0);
  });
});
