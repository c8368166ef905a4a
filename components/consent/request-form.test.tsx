import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderNl } from "@/components/ui/testing/render";
import type { ConsentOverview } from "@/lib/contracts/consent";
import { RequestForm } from "./request-form";

const overview: ConsentOverview = {
  requests: [],
  matrix: { apis: [], rows: [] },
  providers: [
    {
      id: "las-b",
      name: "Leerlingadministratie Beta",
      kind: "las",
      delivery: "put",
      apis: [
        { api: "students-api", needed: ["eduv.student.basic"], extra: ["eduv.student.demographics"] },
        { api: "usage-api", needed: ["eduv.usage.dashboard"], extra: [] },
      ],
    },
  ],
};
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function setup() {
  const fetch = vi
    .spyOn(globalThis, "fetch")
    .mockImplementation(async (_url, init) =>
      init?.method === "POST"
        ? json(201, { consumerReferenceId: "ref-1", status: JSON.parse(String(init.body)).send ? "queued" : "concept" })
        : json(200, overview),
    );
  renderNl(
    <>
      <h2 id="heading">Nieuw toestemmingsverzoek</h2>
      <RequestForm
        labelledBy="heading"
        schools={[{ id: "sg-de-horizon", name: "De Horizon" }]}
        defaultSchool="sg-de-horizon"
        prefill={{}}
      />
    </>,
  );
  return fetch;
}
const needed = () => screen.getByRole("group", { name: "Gegevens die het dashboard nodig heeft" });
const extra = () => screen.getByRole("group", { name: "Extra gegevens (alleen met reden)" });

afterEach(() => vi.restoreAllMocks());

describe("RequestForm", () => {
  it("ticks what the dashboard needs, leaves the extras unticked, and asks a reason once an extra is ticked", async () => {
    setup();
    const form = screen.getByRole("form", { name: "Nieuw toestemmingsverzoek" });
    expect(await within(form).findByLabelText("Aanbieder")).toHaveProperty("value", "las-b");
    expect(within(form).getByLabelText("Gegevensdienst (API)")).toHaveProperty("value", "students-api");
    expect(within(needed()).getByLabelText("naam en kenmerken van leerlingen (eduv.student.basic)")).toHaveProperty("checked", true);
    const demographics = within(extra()).getByLabelText("geboortedatum en geslacht (eduv.student.demographics)");
    expect(demographics).toHaveProperty("checked", false);
    expect(screen.queryByLabelText("Reden")).toBeNull();

    await userEvent.click(demographics);
    const reason = screen.getByLabelText("Reden");
    expect(reason.getAttribute("aria-describedby")).toBe("cf-reason-hint");
    expect(document.getElementById("cf-reason-hint")?.textContent).toMatch(/^Waarom de extra gegevens nodig zijn/);

    // An API without extras says so; going back keeps what was ticked.
    await userEvent.selectOptions(within(form).getByLabelText("Gegevensdienst (API)"), "usage-api");
    expect(within(extra()).getByText("Voor deze gegevensdienst zijn er geen extra gegevens.")).toBeTruthy();
    expect(screen.queryByLabelText("Reden")).toBeNull();
    await userEvent.selectOptions(within(form).getByLabelText("Gegevensdienst (API)"), "students-api");
    expect(within(extra()).getByLabelText("geboortedatum en geslacht (eduv.student.demographics)")).toHaveProperty("checked", true);
    expect(screen.getByLabelText("Reden")).toBeTruthy();
  });

  it("sends the ticked scopes with the reason, for the chosen school, and says what was saved", async () => {
    const fetch = setup();
    await userEvent.click(await screen.findByLabelText("geboortedatum en geslacht (eduv.student.demographics)"));
    await userEvent.type(screen.getByLabelText("Reden"), "Leeftijdsgroepen in de leesmethode");
    await userEvent.click(screen.getByRole("button", { name: "Opslaan als concept" }));
    expect(await screen.findByText(/Opgeslagen als concept voor De Horizon/)).toBeTruthy();
    const post = fetch.mock.calls.find(([, init]) => init?.method === "POST")!;
    expect(post[0]).toBe("/api/consent?school=sg-de-horizon");
    expect(JSON.parse(String(post[1]!.body))).toEqual({
      providerId: "las-b",
      api: "students-api",
      scopes: ["eduv.student.basic", "eduv.student.demographics"],
      reason: "Leeftijdsgroepen in de leesmethode",
      send: false,
    });
  });

  it("without an extra ticked, sends no reason", async () => {
    const fetch = setup();
    await userEvent.click(await screen.findByRole("button", { name: "Versturen" }));
    expect(await screen.findByText(/Opgeslagen en in de wachtrij gezet om te versturen, voor De Horizon/)).toBeTruthy();
    const post = fetch.mock.calls.find(([, init]) => init?.method === "POST")!;
    expect(JSON.parse(String(post[1]!.body))).toEqual({
      providerId: "las-b",
      api: "students-api",
      scopes: ["eduv.student.basic"],
      send: true,
    });
  });
});
