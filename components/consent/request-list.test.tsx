import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderNl } from "@/components/ui/testing/render";
import type { ConsentOverview } from "@/lib/contracts/consent";
import { RequestList } from "./request-list";
import { requestView } from "./testing/requests";

const school = { id: "sg-de-horizon", name: "De Horizon" };
const data: ConsentOverview = {
  requests: [
    requestView({ consumerReferenceId: "req-concept", status: "concept" }),
    requestView({ consumerReferenceId: "req-failed", status: "failed", lastError: "HTTP 400 · 0011 · Schema incorrect" }),
    requestView({ consumerReferenceId: "req-sent", status: "sent" }),
  ],
  matrix: { apis: [], rows: [] },
  providers: [],
};
const none = { api: "", provider: "", status: "", since: "" };

function setup(canWrite: boolean) {
  return renderNl(<RequestList data={data} school={school} filters={none} onFilter={() => {}} canWrite={canWrite} />);
}

afterEach(() => vi.restoreAllMocks());

describe("the request list's send buttons", () => {
  it("a concept is sent, a request the Provider refused is sent again after the fix, a sent one has no button", async () => {
    const fetch = vi.spyOn(globalThis, "fetch").mockResolvedValue(
      new Response(JSON.stringify({ consumerReferenceId: "req-failed", status: "queued" }), {
        headers: { "content-type": "application/json" },
      }),
    );
    setup(true);
    const failed = await screen.findByTestId("request-req-failed");
    expect(within(screen.getByTestId("request-req-concept")).getByRole("button", { name: /^Versturen/ })).toBeTruthy();
    expect(within(screen.getByTestId("request-req-sent")).queryByRole("button", { name: /versturen/i })).toBeNull();
    await userEvent.click(within(failed).getByRole("button", { name: /^Opnieuw versturen/ }));
    const [url, init] = fetch.mock.calls.find(([, i]) => i?.method === "POST")!;
    expect(url).toBe("/api/consent/send?school=sg-de-horizon");
    expect(JSON.parse(String(init!.body))).toEqual({ consumerReferenceId: "req-failed" });
  });

  it("a reader gets no send buttons", async () => {
    setup(false);
    const failed = await screen.findByTestId("request-req-failed");
    expect(within(failed).queryByRole("button", { name: /versturen/i })).toBeNull();
  });
});
