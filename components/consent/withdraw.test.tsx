import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactElement } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderIn } from "@/components/ui/testing/render";
import type { ConsentMatrix as Matrix, MatrixCell } from "@/lib/contracts/consent";
import { ConsentMatrix } from "./consent-matrix";
import { OverviewRefresh } from "./overview-refresh";
import { withdrawConsent } from "./queries";
import { matrixCell, notOffered, requestView, withdrawalView } from "./testing/requests";
import type { Withdraw } from "./withdraw";

const SCHOOL = "sg-de-horizon";
const REASON = "Wij stoppen met deze leermiddelen";
const confirmed = requestView({
  status: "confirmed",
  changes: [
    { event: "created", at: "2026-11-24T09:01:00.000Z" },
    { event: "confirmed", at: "2026-11-24T09:03:00.000Z" },
  ],
});

/** Leerlingadministratie Beta: students-api given (withdrawable) and usage-api given but not withdrawable. */
function matrixOf(students: Partial<MatrixCell> = {}, usage: Partial<MatrixCell> = {}): Matrix {
  return {
    apis: ["students-api", "usage-api", "results-api"],
    rows: [
      {
        providerId: "las-b",
        providerName: "Leerlingadministratie Beta",
        delivery: "put",
        statusPoll: { polledAt: "2026-11-24T09:00:00.000Z", lastError: null },
        cells: [
          matrixCell("students-api", { request: confirmed, withdrawable: true, ...students }),
          matrixCell("usage-api", { request: requestView({ api: "usage-api", status: "refused" }), ...usage }),
          notOffered("results-api"),
        ],
      },
    ],
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const withdraw: Withdraw = (body) => withdrawConsent(SCHOOL, body);

/** The matrix as the page shows it to a consent manager (or, without `onWithdraw`, to a reader). */
function setup(matrix: Matrix, { writable = true, lang = "nl" } = {}) {
  const onWithdraw: Withdraw | undefined = writable ? withdraw : undefined;
  // The page's refresh of its overview, which a withdrawal asks for once it succeeded.
  const refresh = vi.fn(async () => {});
  const ui = (m: Matrix): ReactElement => (
    <OverviewRefresh value={refresh}>
      <ConsentMatrix matrix={m} schoolName="De Horizon" onWithdraw={onWithdraw} />
    </OverviewRefresh>
  );
  const view = renderIn(lang === "en" ? "en" : "nl", ui(matrix));
  return { refresh, rerender: (m: Matrix) => view.rerender(ui(m)), unmount: view.unmount };
}

const withdrawButton = (cell: HTMLElement) => within(cell).getByRole("button", { name: /^Toestemming intrekken/ });
const reasonField = () => screen.getByRole("textbox", { name: "Reden van het intrekken" });
const posts = (fetch: { mock: { calls: Array<[RequestInfo | URL, RequestInit?]> } }) =>
  fetch.mock.calls.filter(([, init]) => init?.method === "POST");

async function openForm() {
  const cell = await screen.findByTestId("cell-las-b-students-api");
  await userEvent.click(withdrawButton(cell));
  // The form's code loads when it is first opened: found, not got.
  return within(cell).findByRole("form", {
    name: "Toestemming intrekken voor Leerlingadministratie Beta, Leerlingen (students-api)",
  });
}

afterEach(() => vi.restoreAllMocks());

describe("withdrawing consent from the matrix", () => {
  it("offers 'Toestemming intrekken' only in a withdrawable cell and only to who may write", async () => {
    const { unmount } = setup(matrixOf(), { writable: false });
    expect(within(await screen.findByTestId("cell-las-b-students-api")).queryByRole("button")).toBeNull();
    unmount();
    setup(matrixOf());
    const cell = await screen.findByTestId("cell-las-b-students-api");
    expect(
      within(cell).getByRole("button", {
        name: "Toestemming intrekken voor Leerlingadministratie Beta, Leerlingen (students-api)",
      }),
    ).toBeTruthy();
    expect(within(screen.getByTestId("cell-las-b-usage-api")).queryByRole("button")).toBeNull();
    expect(within(screen.getByTestId("cell-las-b-results-api")).queryByRole("button")).toBeNull();
  });

  it("opens an inline form that says what withdrawing does, and closes it again with 'Annuleren'", async () => {
    setup(matrixOf());
    const form = await openForm();
    const button = withdrawButton(screen.getByTestId("cell-las-b-students-api"));
    expect(button.getAttribute("aria-expanded")).toBe("true");
    expect(button.getAttribute("aria-controls")).toBe(form.id);
    expect(form.getAttribute("data-testid")).toBe("withdraw-las-b-students-api");
    expect(form.textContent).toContain("levert deze gegevens dan niet meer aan het dashboard");
    expect(form.textContent).toContain("nieuw toestemmingsverzoek nodig");
    const described = reasonField().getAttribute("aria-describedby")!.split(" ");
    expect(described.map((id) => document.getElementById(id)?.textContent)).toEqual([
      expect.stringContaining("de aanbieder levert deze gegevens dan niet meer aan het dashboard"),
      "Minstens 10 tekens. Uw collega's zien de reden bij deze toestemming; de aanbieder krijgt alleen de intrekking.",
    ]);
    await userEvent.click(within(form).getByRole("button", { name: "Annuleren" }));
    expect(screen.queryByRole("form")).toBeNull();
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(button);
  });

  it("refuses a reason under 10 characters (after trimming) without sending anything", async () => {
    const fetch = vi.spyOn(globalThis, "fetch");
    setup(matrixOf());
    const form = await openForm();
    await userEvent.type(reasonField(), "   te kort   ");
    await userEvent.click(within(form).getByRole("button", { name: "Intrekken" }));
    const error = within(form).getByText("Geef een reden van minstens 10 tekens.");
    expect(reasonField().getAttribute("aria-invalid")).toBe("true");
    expect(reasonField().getAttribute("aria-describedby")).toContain(error.id);
    expect(document.activeElement).toBe(reasonField());
    expect(fetch).not.toHaveBeenCalled();
    // Long enough again, the error goes.
    await userEvent.type(reasonField(), "nu lang genoeg");
    expect(within(form).queryByText("Geef een reden van minstens 10 tekens.")).toBeNull();
    expect(reasonField().getAttribute("aria-invalid")).toBeNull();
  });

  it("posts exactly providerId, api and the trimmed reason for the school, then focuses the withdrawal's state", async () => {
    let answer!: (r: Response) => void;
    const fetch = vi.spyOn(globalThis, "fetch").mockImplementation(() => new Promise<Response>((resolve) => (answer = resolve)));
    const { refresh, rerender } = setup(matrixOf());
    const form = await openForm();
    await userEvent.type(reasonField(), `  ${REASON} `);
    await userEvent.click(within(form).getByRole("button", { name: "Intrekken" }));
    // While sending: the submit is disabled and says so.
    expect(within(form).getByRole("button", { name: "Intrekken" })).toHaveProperty("disabled", true);
    expect(within(form).getByRole("status").textContent).toBe("Bezig met intrekken…");
    expect(posts(fetch)).toHaveLength(1);
    const [url, init] = posts(fetch)[0]!;
    expect(url).toBe("/api/consent/withdraw?school=sg-de-horizon");
    expect(JSON.parse(String(init!.body))).toEqual({ providerId: "las-b", api: "students-api", reason: REASON });

    answer(json(201, { revokeId: "rv-1", status: "queued" }));
    const note = await screen.findByText(/De toestemming is ingetrokken/);
    expect(refresh).toHaveBeenCalled();
    expect(screen.queryByRole("form")).toBeNull();
    expect(document.activeElement).toBe(note);

    // The refreshed matrix shows the withdrawal (and no button any more): focus moves to it.
    rerender(matrixOf({ withdrawable: false, withdrawal: withdrawalView({ reason: REASON }) }));
    const cell = screen.getByTestId("cell-las-b-students-api");
    const state = cell.querySelector("[data-withdrawal]")!;
    expect(state.getAttribute("data-withdrawal")).toBe("queued");
    expect(document.activeElement).toBe(state);
    expect(within(cell).queryByRole("button")).toBeNull();
  });

  it("an error answer shows the server's message in the form and keeps the reason", async () => {
    vi.spyOn(globalThis, "fetch").mockResolvedValue(
      json(409, { error: { code: "conflict", message: "Deze toestemming wordt al ingetrokken." } }),
    );
    setup(matrixOf());
    const form = await openForm();
    await userEvent.type(reasonField(), REASON);
    await userEvent.click(within(form).getByRole("button", { name: "Intrekken" }));
    expect((await within(form).findByRole("alert")).textContent).toBe("Deze toestemming wordt al ingetrokken.");
    expect(within(form).getByText("De toestemming is niet ingetrokken:")).toBeTruthy();
    expect(reasonField()).toHaveProperty("value", REASON);
    expect(within(form).getByRole("button", { name: "Intrekken" })).toHaveProperty("disabled", false);
  });
});

describe("a withdrawal in the matrix", () => {
  const cases = [
    ["queued", "Stand: wordt aan de aanbieder gemeld"],
    ["sent", "Stand: gemeld aan de aanbieder (ontvangen)"],
    ["confirmed", "Stand: de aanbieder bevestigt de intrekking"],
  ] as const;

  it.each(cases)("%s: who withdrew it when and why, and where it stands, above the request's status", async (status, words) => {
    setup(matrixOf({ withdrawable: false, withdrawal: withdrawalView({ status }) }));
    const cell = await screen.findByTestId("cell-las-b-students-api");
    const state = cell.querySelector(`[data-withdrawal="${status}"]`) as HTMLElement;
    expect(within(state).getByText("Ingetrokken door de school")).toBeTruthy();
    expect(state.textContent).toContain("24-11-2026 11:05, door r.vandijk@sgdehorizon.example");
    expect(state.textContent).toContain(`Reden: ${REASON}`);
    expect(within(state).getByText(words)).toBeTruthy();
    // The request's status and changes stay below it; a polled cell announces nothing.
    expect(within(cell).getByText("Bevestigd")).toBeTruthy();
    expect(state.compareDocumentPosition(within(cell).getByText("Bevestigd")) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(cell).queryByRole("status")).toBeNull();
  });

  it("failed: the Provider's refusal in a warning that is no live region", async () => {
    const withdrawal = withdrawalView({ status: "failed", attempts: 1, lastError: "HTTP 409 · 0009 · al ingetrokken" });
    setup(matrixOf({ withdrawal }));
    const cell = await screen.findByTestId("cell-las-b-students-api");
    const state = cell.querySelector('[data-withdrawal="failed"]') as HTMLElement;
    const warning = within(state).getByText("Stand: de aanbieder weigerde de intrekking: HTTP 409 · 0009 · al ingetrokken");
    expect(warning.closest(".bg-amber-50")).toBeTruthy();
    expect(within(cell).queryByRole("alert")).toBeNull();
    expect(within(cell).queryByRole("status")).toBeNull();
  });

  it("queued after failed attempts says the dashboard keeps trying", async () => {
    setup(matrixOf({ withdrawable: false, withdrawal: withdrawalView({ attempts: 2, lastError: "HTTP 503" }) }));
    const cell = await screen.findByTestId("cell-las-b-students-api");
    expect(cell.textContent).toContain("2 pogingen lukten niet, het dashboard probeert het opnieuw: HTTP 503");
  });

  it("without a request (consent the Provider held), shows the withdrawal instead of 'not requested'", async () => {
    setup(matrixOf({ request: null, withdrawable: false, withdrawal: withdrawalView() }), { writable: false });
    const cell = await screen.findByTestId("cell-las-b-students-api");
    expect(cell.querySelector('[data-withdrawal="queued"]')).toBeTruthy();
    expect(cell.textContent).not.toContain("Nog niet gevraagd");
  });

  it("names the withdrawal's events in the request's changes", async () => {
    const request = requestView({
      status: "confirmed",
      changes: [
        { event: "confirmed", at: "2026-11-24T09:03:00.000Z" },
        { event: "withdrawn", at: "2026-11-24T10:05:00.000Z" },
        { event: "revoke_failed", at: "2026-11-24T10:06:00.000Z" },
        { event: "revoke_sent", at: "2026-11-24T10:07:00.000Z" },
      ],
    });
    setup(matrixOf({ request }));
    const cell = await screen.findByTestId("cell-las-b-students-api");
    expect(cell.textContent).toMatch(
      /bevestigd 24-11-2026 10:03 · ingetrokken door de school 11:05 · intrekking geweigerd 11:06 · intrekking gemeld 11:07/,
    );
  });
});

describe("in English", () => {
  it("offers, checks and shows a withdrawal in English", async () => {
    const fetch = vi.spyOn(globalThis, "fetch");
    const { rerender } = setup(matrixOf(), { lang: "en" });
    const cell = await screen.findByTestId("cell-las-b-students-api");
    await userEvent.click(
      within(cell).getByRole("button", { name: "Withdraw consent for Leerlingadministratie Beta, Students (students-api)" }),
    );
    const form = within(cell).getByRole("form", { name: "Withdraw consent for Leerlingadministratie Beta, Students (students-api)" });
    expect(form.textContent).toContain("stops delivering this data to the dashboard");
    await userEvent.type(within(form).getByRole("textbox", { name: "Reason for withdrawing" }), "short");
    await userEvent.click(within(form).getByRole("button", { name: "Withdraw" }));
    expect(within(form).getByText("Give a reason of at least 10 characters.")).toBeTruthy();
    expect(within(form).getByRole("button", { name: "Cancel" })).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();

    rerender(matrixOf({ withdrawable: false, withdrawal: withdrawalView({ status: "failed", lastError: "HTTP 409" }) }));
    const state = screen.getByTestId("cell-las-b-students-api").querySelector('[data-withdrawal="failed"]') as HTMLElement;
    expect(within(state).getByText("Withdrawn by the school")).toBeTruthy();
    expect(state.textContent).toContain("24/11/2026 11:05, by r.vandijk@sgdehorizon.example");
    expect(state.textContent).toContain("Status: the Provider refused the withdrawal: HTTP 409");
    for (const [status, words] of [
      ["queued", "Status: being reported to the Provider"],
      ["sent", "Status: reported to the Provider (received)"],
      ["confirmed", "Status: the Provider confirms the withdrawal"],
    ] as const) {
      rerender(matrixOf({ withdrawable: false, withdrawal: withdrawalView({ status }) }));
      expect(screen.getByTestId("cell-las-b-students-api").querySelector(`[data-withdrawal="${status}"]`)!.textContent).toContain(words);
    }
  });
});
