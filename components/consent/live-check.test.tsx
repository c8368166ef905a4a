import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactElement } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderIn } from "@/components/ui/testing/render";
import type { ConsentCheckView, ConsentMatrix as Matrix, MatrixCell } from "@/lib/contracts/consent";
import { ConsentMatrix } from "./consent-matrix";
import { OverviewRefresh } from "./overview-refresh";
import type { Check } from "./live-check";
import { checkConsent } from "./queries";
import { checkView, matrixCell, notOffered, requestView } from "./testing/requests";

const SCHOOL = "sg-de-horizon";
// 10:00 UTC is 11:00 on the school's clock.
const WHEN = "24-11-2026 11:00";

/** Leerlingadministratie Beta: students-api (the cell under test) and results-api, which it does not offer. */
function matrixOf(students: Partial<MatrixCell> = {}): Matrix {
  return {
    apis: ["students-api", "results-api"],
    rows: [
      {
        providerId: "las-b",
        providerName: "Leerlingadministratie Beta",
        delivery: "put",
        statusPoll: { polledAt: "2026-11-24T09:00:00.000Z", lastError: null },
        cells: [matrixCell("students-api", students), notOffered("results-api")],
      },
    ],
  };
}
const withCheck = (over: Partial<ConsentCheckView>, cell: Partial<MatrixCell> = {}) => matrixOf({ check: checkView(over), ...cell });

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const check: Check = (body) => checkConsent(SCHOOL, body);

/** The matrix as the page shows it (with "Nu controleren" unless `checkable` is false). */
function setup(matrix: Matrix, { checkable = true, lang = "nl" } = {}) {
  // The page's refresh of its overview, which a check asks for once it succeeded.
  const refresh = vi.fn(async () => {});
  const ui = (m: Matrix): ReactElement => (
    <OverviewRefresh value={refresh}>
      <ConsentMatrix matrix={m} schoolName="De Horizon" onCheck={checkable ? check : undefined} />
    </OverviewRefresh>
  );
  const view = renderIn(lang === "en" ? "en" : "nl", ui(matrix));
  return { refresh, rerender: (m: Matrix) => view.rerender(ui(m)), unmount: view.unmount };
}

/** The cell's live check: the element e2e finds by data-check. */
async function checkOf() {
  const cell = await screen.findByTestId("cell-las-b-students-api");
  return { cell, box: cell.querySelector("[data-check]") as HTMLElement };
}
const posts = (fetch: { mock: { calls: Array<[RequestInfo | URL, RequestInit?]> } }) =>
  fetch.mock.calls.filter(([, init]) => init?.method === "POST");
const warningOf = (box: HTMLElement) => box.querySelector(".bg-amber-50");

afterEach(() => vi.restoreAllMocks());

describe("the live check in the matrix", () => {
  const cases = [
    [{ state: "delivers" }, `Controle van ${WHEN}: levert nu gegevens`],
    [{ state: "refuses", detail: "0022", recorded: "none" }, `Controle van ${WHEN}: weigert: geen toestemming (0022)`],
    [{ state: "unreachable", detail: "timeout" }, `Controle van ${WHEN}: niet te bereiken, dus onbekend: De bron antwoordde niet op tijd`],
    [{ state: "unreachable", detail: "server_error" }, `Controle van ${WHEN}: niet te bereiken, dus onbekend: De bron meldt een storing`],
    [{ state: "unreachable", detail: "odd_kind" }, `Controle van ${WHEN}: niet te bereiken, dus onbekend: odd_kind`],
    [{ state: "other", detail: "0021" }, `Controle van ${WHEN}: antwoordt anders: 0021`],
    [{ state: "other", detail: "not_configured" }, `Controle van ${WHEN}: antwoordt anders: not_configured`],
  ] as const;

  it.each(cases)("%o: the state in words and when it was checked, without a warning", async (over, words) => {
    setup(withCheck(over), { checkable: false });
    const { box } = await checkOf();
    expect(box.getAttribute("data-check")).toBe(over.state);
    expect(box.getAttribute("data-disagrees")).toBe("false");
    expect(within(box).getByText(words)).toBeTruthy();
    expect(warningOf(box)).toBeNull();
    expect(within(box).queryByRole("status")).toBeNull();
  });

  it("never checked: says so, below the request", async () => {
    setup(matrixOf({ request: requestView({ status: "confirmed" }) }), { checkable: false });
    const { cell, box } = await checkOf();
    expect(box.getAttribute("data-check")).toBe("none");
    expect(box.getAttribute("data-disagrees")).toBe("false");
    expect(box.textContent).toBe("Nog niet gecontroleerd");
    const status = within(cell).getByText("Bevestigd");
    expect(status.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // A cell the Provider does not offer has no check.
    expect(screen.getByTestId("cell-las-b-results-api").querySelector("[data-check]")).toBeNull();
  });

  it("consent recorded but refused: a warning that says which way, and what to do, in no live region", async () => {
    setup(withCheck({ state: "refuses", detail: "0022", recorded: "consent", disagrees: true }), { checkable: false });
    const { cell, box } = await checkOf();
    expect(box.getAttribute("data-disagrees")).toBe("true");
    expect(warningOf(box)!.textContent).toBe(
      "De toestemming staat geregistreerd, maar de aanbieder weigert de gegevens. Vraag de aanbieder waarom, of vraag opnieuw toestemming.",
    );
    expect(within(cell).queryByRole("alert")).toBeNull();
    expect(within(cell).queryByRole("status")).toBeNull();
  });

  it("no consent recorded but delivering: the other way round", async () => {
    setup(withCheck({ state: "delivers", recorded: "none", disagrees: true }), { checkable: false });
    const { box } = await checkOf();
    expect(box.getAttribute("data-disagrees")).toBe("true");
    expect(warningOf(box)!.textContent).toBe(
      "Er is geen toestemming geregistreerd, maar de aanbieder levert de gegevens. Vraag de aanbieder welke toestemming het heeft.",
    );
  });

  it("warns only when the check disagrees, and never for an unreachable Provider (nothing is known)", async () => {
    const { rerender } = setup(withCheck({ state: "refuses", detail: "0022", recorded: "consent", disagrees: false }), {
      checkable: false,
    });
    let { box } = await checkOf();
    expect(warningOf(box)).toBeNull();
    rerender(withCheck({ state: "delivers", recorded: "none", disagrees: false }));
    ({ box } = await checkOf());
    expect(warningOf(box)).toBeNull();
    for (const disagrees of [false, true]) {
      rerender(withCheck({ state: "unreachable", detail: "timeout", recorded: "consent", disagrees }));
      ({ box } = await checkOf());
      expect(box.getAttribute("data-disagrees")).toBe("false");
      expect(warningOf(box)).toBeNull();
      expect(box.textContent).toContain("dus onbekend");
      expect(box.textContent).not.toMatch(/geregistreerd|weigert|levert/);
    }
  });
});

describe("'Nu controleren'", () => {
  it("is offered in every offered cell, named for its pair, when the page passes onCheck", async () => {
    const { unmount } = setup(matrixOf(), { checkable: false });
    expect(within(await screen.findByTestId("cell-las-b-students-api")).queryByRole("button")).toBeNull();
    unmount();
    setup(matrixOf());
    const cell = await screen.findByTestId("cell-las-b-students-api");
    const button = within(cell).getByRole("button", { name: "Nu controleren voor Leerlingadministratie Beta, Leerlingen (students-api)" });
    expect(button.className).toContain("focus-visible:outline");
    // On the check line, beside its words.
    expect(button.closest("[data-check]")!.textContent).toContain("Nog niet gecontroleerd");
  });

  it("posts exactly providerId and api for the school, says it is busy, then announces what the Provider answered", async () => {
    let answer!: (r: Response) => void;
    const fetch = vi.spyOn(globalThis, "fetch").mockImplementation(() => new Promise<Response>((resolve) => (answer = resolve)));
    const { refresh, rerender } = setup(matrixOf({ request: requestView({ status: "confirmed" }) }));
    const { box } = await checkOf();
    const button = within(box).getByRole("button", { name: /^Nu controleren/ });
    await userEvent.click(button);
    expect(button).toHaveProperty("disabled", true);
    expect(within(box).getByRole("status").textContent).toBe("Bezig met controleren…");
    expect(posts(fetch)).toHaveLength(1);
    const [url, init] = posts(fetch)[0]!;
    expect(url).toBe("/api/consent/check?school=sg-de-horizon");
    expect(JSON.parse(String(init!.body))).toEqual({ providerId: "las-b", api: "students-api" });

    answer(json(200, checkView({ state: "refuses", detail: "0022", recorded: "consent", disagrees: true })));
    await vi.waitFor(() => expect(button).toHaveProperty("disabled", false));
    expect(within(box).getByRole("status").textContent).toBe(
      "Gecontroleerd: weigert: geen toestemming (0022). De toestemming staat geregistreerd, maar de aanbieder weigert de gegevens. Vraag de aanbieder waarom, of vraag opnieuw toestemming.",
    );
    expect(refresh).toHaveBeenCalled();

    // The refreshed matrix shows the check on its line, with the warning; the announcement stays in place.
    rerender(
      matrixOf({ request: requestView({ status: "confirmed" }), check: checkView({ state: "refuses", detail: "0022", disagrees: true }) }),
    );
    const after = (await checkOf()).box;
    expect(after).toBe(box);
    expect(after.getAttribute("data-check")).toBe("refuses");
    expect(after.getAttribute("data-disagrees")).toBe("true");
    expect(within(after).getByText(`Controle van ${WHEN}: weigert: geen toestemming (0022)`)).toBeTruthy();
    expect(within(after).getByRole("status").textContent).toContain("Gecontroleerd: weigert");
  });

  it("an error answer shows the server's message in the cell, and the button can be pressed again", async () => {
    vi.spyOn(globalThis, "fetch").mockResolvedValue(
      json(404, {
        error: {
          code: "not_found",
          message: "Deze aanbieder levert deze gegevensdienst niet aan deze school, dus er is niets te controleren.",
        },
      }),
    );
    const { refresh } = setup(matrixOf());
    const { box } = await checkOf();
    await userEvent.click(within(box).getByRole("button", { name: /^Nu controleren/ }));
    expect((await within(box).findByRole("alert")).textContent).toBe(
      "Deze aanbieder levert deze gegevensdienst niet aan deze school, dus er is niets te controleren.",
    );
    expect(within(box).getByText("Controleren lukte niet:")).toBeTruthy();
    expect(within(box).queryByRole("status")).toBeNull();
    expect(within(box).getByRole("button", { name: /^Nu controleren/ })).toHaveProperty("disabled", false);
    expect(refresh).not.toHaveBeenCalled();
    expect(box.getAttribute("data-check")).toBe("none");
  });
});

describe("in English", () => {
  it("says each state, the warnings, 'not checked yet' and the button in English", async () => {
    vi.spyOn(globalThis, "fetch").mockResolvedValue(json(200, checkView({ state: "delivers", recorded: "none", disagrees: true })));
    const { rerender } = setup(matrixOf(), { lang: "en" });
    let { box } = await checkOf();
    expect(within(box).getByText("Not checked yet")).toBeTruthy();
    await userEvent.click(within(box).getByRole("button", { name: "Check now for Leerlingadministratie Beta, Students (students-api)" }));
    expect((await within(box).findByText(/^Checked:/)).textContent).toBe(
      "Checked: delivers data now. No consent is recorded, but the Provider delivers the data. Ask the Provider what consent it holds.",
    );

    const at = "24/11/2026 11:00";
    for (const [over, words] of [
      [{ state: "delivers" }, `Checked ${at}: delivers data now`],
      [{ state: "refuses", detail: "0022", recorded: "none" }, `Checked ${at}: refuses: no consent (0022)`],
      [{ state: "unreachable", detail: "timeout" }, `Checked ${at}: cannot be reached, so unknown: The Source did not answer in time`],
      [{ state: "other", detail: "0021" }, `Checked ${at}: answers otherwise: 0021`],
    ] as const) {
      rerender(withCheck(over));
      ({ box } = await checkOf());
      expect(within(box).getByText(words)).toBeTruthy();
      expect(warningOf(box)).toBeNull();
    }
    rerender(withCheck({ state: "refuses", detail: "0022", recorded: "consent", disagrees: true }));
    ({ box } = await checkOf());
    expect(warningOf(box)!.textContent).toBe(
      "Consent is recorded, but the Provider refuses the data. Ask the Provider why, or ask for consent again.",
    );
    rerender(withCheck({ state: "delivers", recorded: "none", disagrees: true }));
    ({ box } = await checkOf());
    expect(warningOf(box)!.textContent).toBe(
      "No consent is recorded, but the Provider delivers the data. Ask the Provider what consent it holds.",
    );
  });
});
