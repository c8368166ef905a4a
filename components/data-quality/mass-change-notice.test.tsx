import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderIn } from "@/components/ui/testing/render";
import type { MassChangeListName, MassChangeState } from "@/lib/contracts/mass-change";
import { MassChangeNotice, pendingOf, type MassChangeView } from "./mass-change-notice";

// The last good answers (their counts and when they were read), and what the LAS's latest answers hold.
const SINCE = "2026-03-02T09:15:00.000Z"; // 10:15 in Amsterdam (CET)
const BASELINE_AT = "2026-03-01T07:00:00.000Z"; // 08:00 in Amsterdam
const WAS = { students: 240, enrollments: 1250 };
const NOW = { students: 150, enrollments: 400 };
const lost = (list: MassChangeListName) => WAS[list] - NOW[list];

function waiting(list: MassChangeListName, served: "held" | "suspect"): MassChangeState {
  return {
    list,
    baseline: { count: WAS[list], at: BASELINE_AT },
    pending: { since: SINCE, seenAt: SINCE, was: WAS[list], now: NOW[list], lost: lost(list), served },
  };
}
const standing = (list: MassChangeListName): MassChangeState => ({ list, baseline: { count: WAS[list], at: BASELINE_AT }, pending: null });
const state = (...lists: MassChangeState[]): MassChangeView => ({ share: 0.2, lists });
const grouped = (n: number) => n.toLocaleString("nl-NL");

describe("the mass-change notice", () => {
  it("held: what the LAS's answer lost, that the last good answer is still shown, why, what to do, the threshold and the baseline", () => {
    renderIn("nl", <MassChangeNotice state={state(waiting("students", "held"), standing("enrollments"))} />);
    const notice = screen.getByRole("status", { name: "Grote wijziging in de leerlingadministratie: wacht op beoordeling" });
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Grote wijziging in de leerlingadministratie: wacht op beoordeling");
    const line = within(notice).getByText(/^Het laatste antwoord van de leerlingadministratie/);
    expect(line.getAttribute("data-list")).toBe("students");
    expect(line.textContent).toContain(`heeft ${lost("students")} leerlingen minder dan het vorige goede antwoord`);
    expect(line.textContent).toContain(`(${WAS.students} → ${NOW.students}; voor het eerst gezien op 02-03-2026 10:15)`);
    expect(line.textContent).toContain("Het dashboard toont daarom nog de leerlingen van het vorige goede antwoord");
    expect(line.textContent).not.toContain("niet meer beschikbaar");
    expect(line.textContent).toContain(`Vorige goede antwoord: ${WAS.students} leerlingen, gelezen op 01-03-2026 08:00.`);
    expect(notice.textContent).toContain("Zo'n grote daling komt vaak door een onvolledige export uit de LAS");
    expect(notice.textContent).toContain("Kijk in de LAS of de leerlingen en inschrijvingen compleet zijn.");
    expect(notice.textContent).toContain("meer dan 20% van de leerlingen of inschrijvingen kwijt is");
    // The list whose answer stands is not mentioned.
    expect(notice.querySelectorAll("[data-list]")).toHaveLength(1);
  });

  it("suspect: the new answer is shown, and nothing is concluded from it; the numbers grouped as the reader reads them", () => {
    renderIn("nl", <MassChangeNotice state={state(standing("students"), waiting("enrollments", "suspect"))} />);
    const line = within(screen.getByTestId("mass-change")).getByText(/^Het laatste antwoord/);
    expect(line.getAttribute("data-list")).toBe("enrollments");
    expect(line.textContent).toContain(`heeft ${lost("enrollments")} inschrijvingen minder`);
    expect(line.textContent).toContain(`(${grouped(WAS.enrollments)} → ${NOW.enrollments};`);
    expect(line.textContent).toContain("Het vorige goede antwoord is niet meer beschikbaar");
    expect(line.textContent).toContain("dus u ziet het nieuwe antwoord");
    expect(line.textContent).not.toContain("toont daarom nog");
    expect(line.textContent).toContain(`Vorige goede antwoord: ${grouped(WAS.enrollments)} inschrijvingen`);
  });

  it("names every list that waits, and shows the action beside the words, outside the live region", () => {
    renderIn(
      "nl",
      <MassChangeNotice
        state={state(waiting("students", "held"), waiting("enrollments", "held"))}
        action={<button type="button">Accepteer</button>}
      />,
    );
    const notice = screen.getByRole("status");
    expect([...notice.querySelectorAll("[data-list]")].map((p) => p.getAttribute("data-list"))).toEqual(["students", "enrollments"]);
    expect(notice.contains(screen.getByRole("button", { name: "Accepteer" }))).toBe(false);
  });

  it("says nothing when nothing waits, or when the state could not be read", () => {
    const { container } = renderIn("nl", <MassChangeNotice state={state(standing("students"), standing("enrollments"))} />);
    expect(container.textContent).toBe("");
    const none = renderIn("nl", <MassChangeNotice state={null} action={<button type="button">Accepteer</button>} />);
    expect(none.container.textContent).toBe("");
    // Before the first answer there is no baseline, and nothing waits either.
    const first = renderIn("nl", <MassChangeNotice state={state({ list: "students", baseline: null, pending: null })} />);
    expect(first.container.textContent).toBe("");
  });

  it("compact (a list page): the title, what changed and a link to Datakwaliteit; only the page's own lists", () => {
    renderIn("nl", <MassChangeNotice state={state(waiting("students", "held"), standing("enrollments"))} lists={["students"]} compact />);
    const notice = screen.getByTestId("mass-change");
    expect(notice.textContent).toContain("Grote wijziging in de leerlingadministratie: wacht op beoordeling");
    expect(notice.textContent).toContain(`(${WAS.students} → ${NOW.students}; voor het eerst gezien op 02-03-2026 10:15)`);
    expect(notice.textContent).not.toContain("Vorige goede antwoord");
    expect(notice.textContent).not.toContain("Zo'n grote daling");
    expect(notice.textContent).not.toContain("20%");
    const link = within(notice).getByRole("link", { name: "Bekijk en beoordeel op de pagina Datakwaliteit" });
    expect(link.getAttribute("href")).toBe("/datakwaliteit");
    // Outside the live region: the link is no part of what is announced.
    expect(screen.getByRole("status").contains(link)).toBe(false);

    const other = renderIn(
      "nl",
      <MassChangeNotice state={state(standing("students"), waiting("enrollments", "held"))} lists={["students"]} compact />,
    );
    expect(other.container.textContent).toBe("");
  });

  it("speaks English", () => {
    renderIn("en", <MassChangeNotice state={state(waiting("students", "held"))} />);
    const notice = screen.getByRole("status", { name: "Large change in the pupil administration: awaiting review" });
    expect(notice.textContent).toContain(`has ${lost("students")} pupils fewer than the last good answer`);
    expect(notice.textContent).toContain(`(${WAS.students} → ${NOW.students}; first seen on 02/03/2026 10:15)`);
    expect(notice.textContent).toContain("still shows the pupils of the last good answer");
    expect(notice.textContent).toContain("more than 20% of the pupils or enrolments");
    renderIn("en", <MassChangeNotice state={state(waiting("students", "suspect"))} compact />);
    expect(screen.getByRole("link", { name: "Review it on the Data quality page" })).toBeTruthy();
  });

  it("pendingOf: the lists that wait, of the ones asked for", () => {
    const s = state(waiting("students", "held"), waiting("enrollments", "suspect"));
    expect(pendingOf(s).map((p) => [p.list, p.pending.now])).toEqual([
      ["students", NOW.students],
      ["enrollments", NOW.enrollments],
    ]);
    expect(pendingOf(s, ["enrollments"]).map((p) => p.list)).toEqual(["enrollments"]);
    expect(pendingOf(state(standing("students")))).toEqual([]);
    expect(pendingOf(null)).toEqual([]);
  });
});
