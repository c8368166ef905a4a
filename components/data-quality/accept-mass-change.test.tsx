import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderIn } from "@/components/ui/testing/render";
import type { MassChangeState } from "@/lib/contracts/mass-change";
import { AcceptMassChange, type WaitingList } from "./accept-mass-change";

const router = vi.hoisted(() => ({ refresh: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => router }));

const SCHOOL = "obs-de-regenboog";
const STUDENTS: WaitingList = { list: "students", now: 102 };
const ENROLLMENTS: WaitingList = { list: "enrollments", now: 1480 };
const ACCEPT_STUDENTS = `Accepteer ${STUDENTS.now} leerlingen als de nieuwe stand`;
const ACCEPT_ENROLLMENTS = `Accepteer ${ENROLLMENTS.now.toLocaleString("nl-NL")} inschrijvingen als de nieuwe stand`;
const CONFIRM_TEXT = /^Na het accepteren gaat het dashboard uit van het nieuwe antwoord\./;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
/** What the server answers after an acceptance: the list's state (its new baseline, nothing waiting). */
const stateAfter = (w: WaitingList): MassChangeState => ({
  list: w.list,
  baseline: { count: w.now, at: "2026-03-02T10:00:00.000Z" },
  pending: null,
});

function setup(answer: () => Response, { lists = [STUDENTS], allowed = true, lang = "nl" as "nl" | "en" } = {}) {
  const fetch = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>(async () => answer());
  vi.stubGlobal("fetch", fetch);
  renderIn(lang, <AcceptMassChange schoolId={SCHOOL} lists={lists} allowed={allowed} />);
  return fetch;
}
const button = (name: string) => screen.getByRole("button", { name });

afterEach(() => {
  vi.unstubAllGlobals();
  router.refresh.mockReset();
});

describe("accepting a mass change", () => {
  it("whoever may not accept reads who can, and gets no button", () => {
    const fetch = setup(() => json({}), { allowed: false });
    expect(screen.getByText("Alleen een schoolbeheerder van de school kan de wijziging accepteren.")).toBeTruthy();
    expect(screen.queryByRole("button")).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
  });

  it("asks first what accepting means; cancelling sends nothing and returns to the button", async () => {
    const fetch = setup(() => json({ accepted: true, state: stateAfter(STUDENTS) }));
    await userEvent.click(button(ACCEPT_STUDENTS));
    const question = screen.getByRole("group", { name: CONFIRM_TEXT });
    expect(document.activeElement).toBe(question);
    expect(button(ACCEPT_STUDENTS).getAttribute("aria-expanded")).toBe("true");
    await userEvent.click(button("Annuleren"));
    expect(screen.queryByRole("group")).toBeNull();
    expect(document.activeElement).toBe(button(ACCEPT_STUDENTS));
    expect(fetch).not.toHaveBeenCalled();
    expect(router.refresh).not.toHaveBeenCalled();
  });

  it("on confirmation posts the list and the count shown, with the CSRF header; accepted: says so and renders the page anew", async () => {
    const fetch = setup(() => json({ accepted: true, state: stateAfter(STUDENTS) }));
    await userEvent.click(button(ACCEPT_STUDENTS));
    await userEvent.click(button("Ja, accepteer de wijziging"));
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`/api/data-quality/mass-change/accept?school=${SCHOOL}`);
    expect(init?.method).toBe("POST");
    expect((init!.headers as Record<string, string>)["x-ldb-csrf"]).toBe("1");
    expect(JSON.parse(String(init!.body))).toEqual({ list: STUDENTS.list, now: STUDENTS.now });
    expect(screen.getByRole("status").textContent).toBe(
      "De wijziging is geaccepteerd. Het dashboard gaat nu uit van het nieuwe antwoord van de LAS.",
    );
    expect(screen.queryByRole("group")).toBeNull();
    expect(router.refresh).toHaveBeenCalledTimes(1);
  });

  it("with two lists waiting, each button accepts its own list", async () => {
    const fetch = setup(() => json({ accepted: true, state: stateAfter(ENROLLMENTS) }), { lists: [STUDENTS, ENROLLMENTS] });
    expect(screen.getAllByRole("button").map((b) => b.textContent)).toEqual([ACCEPT_STUDENTS, ACCEPT_ENROLLMENTS]);
    await userEvent.click(button(ACCEPT_ENROLLMENTS));
    await userEvent.click(button("Ja, accepteer de wijziging"));
    expect(JSON.parse(String(fetch.mock.calls[0]![1]!.body))).toEqual({ list: ENROLLMENTS.list, now: ENROLLMENTS.now });
  });

  it("nothing waited any more: says so and renders the page anew", async () => {
    setup(() => json({ accepted: false, state: stateAfter(STUDENTS) }));
    await userEvent.click(button(ACCEPT_STUDENTS));
    await userEvent.click(button("Ja, accepteer de wijziging"));
    expect(screen.getByRole("status").textContent).toMatch(/^Er wacht geen wijziging meer:/);
    expect(router.refresh).toHaveBeenCalledTimes(1);
  });

  it("a 409 (the count moved on) shows the server's words and renders the page anew with the new counts", async () => {
    const moved = "De aantallen zijn intussen veranderd; bekijk ze opnieuw.";
    setup(() => json({ error: { code: "conflict", message: moved } }, 409));
    await userEvent.click(button(ACCEPT_STUDENTS));
    await userEvent.click(button("Ja, accepteer de wijziging"));
    const alert = screen.getByRole("alert", { name: "De wijziging kon niet worden geaccepteerd" });
    expect(alert.textContent).toBe(moved);
    expect(screen.getByRole("status").textContent).toBe("");
    expect(router.refresh).toHaveBeenCalledTimes(1);
  });

  it("another failure says why and keeps the question open, to try again or cancel", async () => {
    let calls = 0;
    setup(() =>
      ++calls === 1
        ? json({ error: { code: "internal", message: "Er ging iets mis." } }, 500)
        : json({ accepted: true, state: stateAfter(STUDENTS) }),
    );
    await userEvent.click(button(ACCEPT_STUDENTS));
    await userEvent.click(button("Ja, accepteer de wijziging"));
    expect(screen.getByRole("alert", { name: "De wijziging kon niet worden geaccepteerd" }).textContent).toBe("Er ging iets mis.");
    expect(screen.getByRole("group", { name: CONFIRM_TEXT })).toBeTruthy();
    expect(router.refresh).not.toHaveBeenCalled();
    await userEvent.click(button("Ja, accepteer de wijziging"));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByRole("status").textContent).toMatch(/^De wijziging is geaccepteerd\./);
    expect(router.refresh).toHaveBeenCalledTimes(1);
  });

  it("speaks English", async () => {
    setup(() => json({ accepted: true, state: stateAfter(STUDENTS) }), { lang: "en" });
    await userEvent.click(button(`Accept ${STUDENTS.now} pupils as the new state`));
    expect(screen.getByRole("group", { name: /^Once accepted, the dashboard works from the new answer\./ })).toBeTruthy();
    expect(button("Cancel")).toBeTruthy();
    await userEvent.click(button("Yes, accept the change"));
    expect(screen.getByRole("status").textContent).toBe("The change has been accepted. The dashboard now works from the LAS's new answer.");
  });
});
