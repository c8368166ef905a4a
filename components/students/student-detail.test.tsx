import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderNl } from "@/components/ui/testing/render";
import type { StudentDetail as Detail, StudentEnrollment } from "./queries";
import { StudentDetail } from "./student-detail";

const KEY = "0123456789abcdef0123456789abcdef";
const student: Detail["student"] = {
  key: KEY,
  name: "Bram de Vries",
  givenName: "Bram",
  familyNamePrefix: "de",
  familyName: "Vries",
  maskedId: "ECK iD ••••1234",
};
const enrollment = (id: string, over: Partial<StudentEnrollment>): StudentEnrollment => ({
  id,
  studentKey: KEY,
  type: "subject",
  offering: "sub-ne-4a",
  schoolPeriod: "2026-2027",
  beginDate: "2026-08-01",
  status: "active",
  enrolledNow: "current",
  ...over,
});

/** The pupil as the server renders them; returns the browser's requests (the reveal's only). */
function serve(detail: Detail, revealAnswer: () => Response = () => Response.json({ identifiers: [] })) {
  const calls: Array<[string, RequestInit | undefined]> = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push([url, init]);
      return revealAnswer();
    }),
  );
  renderNl(<StudentDetail detail={detail} />);
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe("StudentDetail", () => {
  it("lists the pupil's enrollments with their status and whether they hold now; what the LAS did not deliver is said so", async () => {
    const calls = serve({
      student,
      ageSeconds: 0,
      teachers: null,
      enrollments: {
        ageSeconds: 0,
        rows: [
          enrollment("e1", {}),
          enrollment("e2", {
            type: "study",
            offering: "h4",
            studyYear: 4,
            status: "tobedeleted",
            enrolledNow: "not_current",
            endDate: "2026-07-31",
          }),
          enrollment("e3", { status: "pending", enrolledNow: "unknown" }),
        ],
      },
    });
    const table = await screen.findByRole("table", { name: "Inschrijvingen" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole("cell")
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ["Vak", "sub-ne-4a", "—", "2026-2027", "01-08-2026", "—", "actief", "ja"],
      ["Studie", "h4", "4", "2026-2027", "01-08-2026", "31-07-2026", "te verwijderen", "nee"],
      ["Vak", "sub-ne-4a", "—", "2026-2027", "01-08-2026", "—", "onbekend (‘pending’)", "onbekend"],
    ]);
    expect(rows[1]!.dataset.status).toBe("tobedeleted");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Bram de Vries");
    expect(screen.getAllByText("niet geleverd (scope niet verleend)")).toHaveLength(2);
    expect(screen.queryByRole("region", { name: "Docenten en coach" })).toBeNull();
    // The pupil came with the page: the browser asked for nothing.
    expect(calls).toEqual([]);
  });

  it("enrollments the LAS could not give are an error of that section only; none is said as none", async () => {
    serve({
      student,
      ageSeconds: 0,
      teachers: null,
      enrollments: { error: { code: "timeout", message: "De leerlingadministratie antwoordde niet op tijd." } },
    });
    const alert = await screen.findByRole("alert", { name: "De inschrijvingen konden niet worden opgehaald:" });
    expect(alert.textContent).toBe("De leerlingadministratie antwoordde niet op tijd.");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Bram de Vries");
    expect(screen.queryByText("Geen inschrijvingen bij de bron.")).toBeNull();
  });

  it("no enrollments at all is said in words, not as an empty table", async () => {
    serve({ student, ageSeconds: 0, teachers: { teachers: [], knownEmployees: 12, failed: 0 }, enrollments: { ageSeconds: 0, rows: [] } });
    expect(await screen.findByText("Geen inschrijvingen bij de bron.")).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
    expect(
      within(screen.getByRole("region", { name: "Docenten en coach" })).getByText(
        "Geen van de 12 bekende medewerkers is aan de lessen of als coach aan deze leerling toegewezen.",
      ),
    ).toBeTruthy();
  });

  it("reveals the full identifiers only on a click, by POST (the key in the body, not the URL)", async () => {
    const detail: Detail = { student, ageSeconds: 0, teachers: null, enrollments: { ageSeconds: 0, rows: [] } };
    const calls = serve(detail, () => Response.json({ identifiers: [{ type: "ECK iD", value: "https://id.school/sc-7c1f-1234" }] }));
    expect(screen.getByText("ECK iD ••••1234")).toBeTruthy();
    expect(document.body.textContent).not.toContain("sc-7c1f");
    await userEvent.click(screen.getByRole("button", { name: "Toon volledige kenmerken" }));
    expect(await screen.findByText("https://id.school/sc-7c1f-1234")).toBeTruthy();
    expect(calls.map(([url, init]) => [url, init?.method, init?.body])).toEqual([
      ["/api/students/reveal", "POST", JSON.stringify({ key: KEY })],
    ]);
  });

  it("a refused reveal keeps the masked identifier and says why", async () => {
    const detail: Detail = { student, ageSeconds: 0, teachers: null, enrollments: { ageSeconds: 0, rows: [] } };
    serve(detail, () =>
      Response.json({ error: { code: "rate_limited", message: "Te veel verzoeken; probeer het om 14:10 opnieuw." } }, { status: 429 }),
    );
    await userEvent.click(screen.getByRole("button", { name: "Toon volledige kenmerken" }));
    expect(await screen.findByText("Te veel verzoeken; probeer het om 14:10 opnieuw.")).toBeTruthy();
    expect(screen.getByText("ECK iD ••••1234")).toBeTruthy();
  });
});
