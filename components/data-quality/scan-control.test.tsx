import { act, fireEvent, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderIn } from "@/components/ui/testing/render";
import type { Scan } from "./queries";
import { ScanControl } from "./scan-control";
import { POLL_MS } from "./use-scan-progress";

const router = vi.hoisted(() => ({ refresh: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => router }));

const SCHOOL = "obs-de-regenboog";
const common = { id: "scan-1", startedAt: "2026-03-02T09:00:00.000Z", total: 480 };
const running = (done: number): Scan => ({ ...common, state: "running", done });
const done: Scan = {
  ...common,
  state: "done",
  finishedAt: "2026-03-02T09:04:00.000Z",
  checks: [],
  registries: [],
  notAsked: 0,
};
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** The BFF's answers in turn (the last one again when they run out); returns the fetch spy. */
function answers(...list: Array<() => Response>) {
  let i = 0;
  const fetch = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>(async () => list[Math.min(i++, list.length - 1)]!());
  vi.stubGlobal("fetch", fetch);
  return fetch;
}
const calls = (fetch: ReturnType<typeof answers>) => fetch.mock.calls.map(([url, init]) => `${init?.method ?? "GET"} ${url}`);
const headersOf = (fetch: ReturnType<typeof answers>, n: number) => fetch.mock.calls[n]![1]!.headers as Record<string, string>;
/** Lets the timers run `ms` further and every answer they wait for arrive. */
const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const click = async (name: string) => {
  fireEvent.click(screen.getByRole("button", { name }));
  await wait(0);
};
const progressText = (done: number) => `${done} van 480 leerlingen gevraagd`;

beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] }));
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  router.refresh.mockReset();
});

describe("the licence scan's start, stop and progress", () => {
  it("a start posts with the CSRF header, renders the page anew, and follows the progress in the background", async () => {
    const fetch = answers(
      () => json({ scan: running(0), started: true }),
      () => json({ scan: running(123) }),
    );
    renderIn("nl", <ScanControl schoolId={SCHOOL} running={null} again={false} />);
    await click("Start de controle");
    expect(calls(fetch)).toEqual([`POST /api/data-quality/scan?school=${SCHOOL}`]);
    expect(headersOf(fetch, 0)["x-ldb-csrf"]).toBe("1");
    expect(fetch.mock.calls[0]![1]!.body).toBe("{}");
    expect(router.refresh).toHaveBeenCalledTimes(1);
    expect(screen.getByRole("status").textContent).toBe(progressText(0));

    await wait(POLL_MS);
    expect(calls(fetch)).toEqual([`POST /api/data-quality/scan?school=${SCHOOL}`, `GET /api/data-quality/scan?school=${SCHOOL}`]);
    // A poll is no activity: it does not keep the session alive.
    expect(headersOf(fetch, 1)["x-ldb-background"]).toBe("1");
    expect(screen.getByRole("status").textContent).toBe(progressText(123));
    expect(screen.getByRole<HTMLProgressElement>("progressbar", { name: progressText(123) }).value).toBe(123);
  });

  it("while a scan runs it asks about once a second, and once it no longer runs renders the page anew and stops asking", async () => {
    const fetch = answers(
      () => json({ scan: running(200) }),
      () => json({ scan: done }),
    );
    renderIn("nl", <ScanControl schoolId={SCHOOL} running={{ done: 10, total: 480 }} again />);
    const bar = screen.getByRole<HTMLProgressElement>("progressbar", { name: progressText(10) });
    expect([bar.value, bar.max]).toEqual([10, 480]);
    expect(screen.getByRole("status").textContent).toBe(progressText(10));
    await wait(POLL_MS - 1);
    expect(fetch).not.toHaveBeenCalled();
    await wait(1);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(screen.getByRole("status").textContent).toBe(progressText(200));
    expect(router.refresh).not.toHaveBeenCalled();

    await wait(POLL_MS);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(router.refresh).toHaveBeenCalledTimes(1);
    await wait(5 * POLL_MS);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("Stoppen posts the cancel, renders the page anew and stops asking", async () => {
    const fetch = answers(() => json({ cancelled: true }));
    renderIn("nl", <ScanControl schoolId={SCHOOL} running={{ done: 10, total: 480 }} again />);
    await click("Stoppen");
    expect(calls(fetch)).toEqual([`POST /api/data-quality/scan/cancel?school=${SCHOOL}`]);
    expect(headersOf(fetch, 0)["x-ldb-csrf"]).toBe("1");
    expect(router.refresh).toHaveBeenCalledTimes(1);
    await wait(5 * POLL_MS);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("a refused start says why and when to try again; the page is not rendered anew and nothing is polled", async () => {
    const fetch = answers(() =>
      json(
        {
          error: {
            code: "rate_limited",
            message: "U heeft dit kort na elkaar te vaak gevraagd; probeer het opnieuw om 10:05.",
            retryAt: "2026-03-02T09:05:00.000Z",
          },
        },
        429,
      ),
    );
    renderIn("nl", <ScanControl schoolId={SCHOOL} running={null} again />);
    await click("Opnieuw controleren");
    expect(screen.getByText("De controle kon niet worden gestart")).toBeTruthy();
    expect(screen.getByText("U heeft dit kort na elkaar te vaak gevraagd; probeer het opnieuw om 10:05.")).toBeTruthy();
    expect(screen.getByText("Probeer het opnieuw na 10:05:00.")).toBeTruthy();
    expect(router.refresh).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Opnieuw controleren" })).toBeTruthy();
    await wait(3 * POLL_MS);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("a failed poll is said, the next one still goes, and its answer takes the message away", async () => {
    answers(
      () => json({ error: { code: "internal", message: "Er ging iets mis in het dashboard. Probeer het later opnieuw." } }, 500),
      () => json({ scan: running(300) }),
    );
    renderIn("nl", <ScanControl schoolId={SCHOOL} running={{ done: 10, total: 480 }} again />);
    await wait(POLL_MS);
    expect(screen.getByText("De voortgang kon niet worden opgehaald; het dashboard probeert het opnieuw")).toBeTruthy();
    expect(screen.getByText(progressText(10))).toBeTruthy();
    await wait(POLL_MS);
    expect(screen.queryByText(/^De voortgang kon niet worden opgehaald/)).toBeNull();
    expect(screen.getByRole("status").textContent).toBe(progressText(300));
  });

  it("leaves no timer behind when it goes", async () => {
    const fetch = answers(() => json({ scan: running(200) }));
    const { unmount } = renderIn("nl", <ScanControl schoolId={SCHOOL} running={{ done: 10, total: 480 }} again />);
    unmount();
    await wait(5 * POLL_MS);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("speaks English", async () => {
    answers(() => json({ scan: running(200) }));
    renderIn("en", <ScanControl schoolId={SCHOOL} running={{ done: 10, total: 480 }} again />);
    expect(screen.getByRole("progressbar", { name: "10 of 480 students asked" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Stop" })).toBeTruthy();
  });
});
