import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderNl } from "@/components/ui/testing/render";
import { ClassCoverage, type OptionsRead } from "./class-coverage";
import type { Coverage, CoverageLine, UsageOptions } from "./queries";

const options: UsageOptions = {
  studyOfferings: [{ id: "h4", studyYear: 4, count: 30 }],
  subjectOfferings: [{ id: "sub-ne-4a", count: 2, unknownStatus: 1 }],
  today: "2026-09-01",
  referenceDateSet: true,
};
const result: Coverage = {
  pupils: 2,
  formerPupils: 0,
  asked: 2,
  notInLas: 0,
  ambiguousInLas: 0,
  statusUnknown: 0,
  unreadableInLas: { count: 0, fields: [] },
  unreadableEnrollments: { count: 0, fields: [] },
  registries: [],
  conclusions: { from: ["Meridiaan"], others: [], noEntitlements: true, allAssignedAndActivated: true, unknownStatus: 0 },
  itemsWithoutProduct: 0,
  dataAgeSeconds: 0,
  oldestAnswerAt: "2026-09-01T08:00:00.000Z",
  products: [],
  candidates: [],
  refusals: [],
  pupilsWithErrors: 0,
};

/** A coverage stream the test writes line by line; aborting the request ends it as fetch would. */
function stream() {
  let push!: (line: CoverageLine) => void;
  let close!: () => void;
  const requests: Array<{ body: unknown }> = [];
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    requests.push({ body: JSON.parse(String(init?.body)) });
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        const encoder = new TextEncoder();
        push = (line) => c.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        close = () => c.close();
        init?.signal?.addEventListener("abort", () => c.error(new DOMException("The operation was aborted.", "AbortError")));
      },
    });
    return { ok: true, status: 200, body };
  });
  vi.stubGlobal("fetch", fetch);
  return { push: (l: CoverageLine) => push(l), close: () => close(), requests };
}

async function started() {
  const user = userEvent.setup();
  renderNl(<ClassCoverage options={{ ok: true, value: options }} />);
  const picker = await screen.findByRole("combobox", { name: "Groep of aanbod" });
  await waitFor(() => expect(picker.querySelectorAll("option")).toHaveLength(3));
  await user.selectOptions(picker, "subject:sub-ne-4a");
  await user.click(screen.getByRole("button", { name: "Dekking berekenen" }));
  return user;
}

afterEach(() => vi.unstubAllGlobals());

describe("ClassCoverage: a coverage run as the stream tells it", () => {
  it("offers each offering with its current count, and those of unknown status apart; shows the reference date", async () => {
    stream();
    renderNl(<ClassCoverage options={{ ok: true, value: options }} />);
    const picker = await screen.findByRole("combobox", { name: "Groep of aanbod" });
    await waitFor(() => expect(picker.querySelectorAll("option")).toHaveLength(3));
    expect([...picker.querySelectorAll("option")].map((o) => o.textContent)).toEqual([
      "Kies een groep of aanbod",
      "sub-ne-4a (2 lopende inschrijvingen; 1 met een onbekende status, niet meegeteld)",
      "h4 (30 lopende inschrijvingen)",
    ]);
    expect(screen.getByText("Peildatum: 01-09-2026")).toBeTruthy();
  });

  it("offerings the server could not read: the notice for the route's error code, and no offering to run", () => {
    const down: OptionsRead = {
      ok: false,
      status: 504,
      body: { error: { code: "timeout", message: "De bron antwoordde niet op tijd.", sourceId: "las-a" } },
    };
    renderNl(<ClassCoverage options={down} />);
    const alert = screen.getByRole("alert", { name: "De bron is nu niet beschikbaar" });
    expect(alert.textContent).toBe("De bron antwoordde niet op tijd.");
    expect(screen.getByText("Probeer het later opnieuw.")).toBeTruthy();
    const picker = screen.getByRole("combobox", { name: "Groep of aanbod" });
    expect([...picker.querySelectorAll("option")].map((o) => o.textContent)).toEqual(["Kies een groep of aanbod"]);
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Dekking berekenen" }).disabled).toBe(true);
    expect(screen.queryByText(/^Peildatum/)).toBeNull();
  });

  it("an error answer without the BFF's error body says its HTTP status", () => {
    renderNl(<ClassCoverage options={{ ok: false, status: 502, body: null }} />);
    expect(screen.getByRole("alert", { name: "Dit is niet gelukt" }).textContent).toBe(
      "Het dashboard gaf een onverwacht antwoord (HTTP 502).",
    );
  });

  it("shows the progress, then the result; asks for the offering chosen", async () => {
    const s = stream();
    await started();
    await waitFor(() => expect(s.requests).toHaveLength(1));
    expect(s.requests[0]!.body).toEqual({ subjectOfferingId: "sub-ne-4a", refresh: false });
    s.push({ type: "start", total: 2, today: "2026-09-01" });
    s.push({ type: "progress", done: 1, total: 2 });
    expect(await screen.findByText("Voortgang: 1 van 2 leerlingen nagevraagd")).toBeTruthy();
    s.push({ type: "result", coverage: result });
    s.close();
    expect(await screen.findByRole("heading", { level: 2, name: "Dekking voor 2 ingeschreven leerlingen" })).toBeTruthy();
    expect(screen.queryByText(/^Voortgang/)).toBeNull();
    expect(screen.getByRole("button", { name: "Opnieuw ophalen bij alle bronnen" })).toBeTruthy();
  });

  it("asking again runs the same offering past every kept answer; the result shown goes while it runs", async () => {
    const s = stream();
    const user = await started();
    await waitFor(() => expect(s.requests).toHaveLength(1));
    s.push({ type: "result", coverage: result });
    s.close();
    await user.click(await screen.findByRole("button", { name: "Opnieuw ophalen bij alle bronnen" }));
    await waitFor(() => expect(s.requests).toHaveLength(2));
    expect(s.requests[1]!.body).toEqual({ subjectOfferingId: "sub-ne-4a", refresh: true });
    expect(screen.queryByRole("heading", { level: 2 })).toBeNull();
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Dekking berekenen" }).disabled).toBe(true);
    expect(screen.getByRole("button", { name: "Annuleren" })).toBeTruthy();
  });

  it("the stream's error line is shown as an error, with no result", async () => {
    const s = stream();
    await started();
    await waitFor(() => expect(s.requests).toHaveLength(1));
    s.push({ type: "start", total: 2, today: "2026-09-01" });
    s.push({ type: "error", message: "De dekking kon niet worden berekend." });
    s.close();
    expect((await screen.findByRole("alert")).textContent).toBe("De dekking kon niet worden berekend.");
    expect(screen.queryByRole("heading", { level: 2 })).toBeNull();
  });

  it("a cancelled run says so, never as an error", async () => {
    const s = stream();
    const user = await started();
    await waitFor(() => expect(s.requests).toHaveLength(1));
    s.push({ type: "start", total: 2, today: "2026-09-01" });
    await user.click(await screen.findByRole("button", { name: "Annuleren" }));
    expect((await screen.findByText(/^Geannuleerd/)).getAttribute("role")).toBe("status");
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByRole("button", { name: "Annuleren" })).toBeNull();
  });
});
