import { coverageLine, coverageRun, type CoverageLine } from "@/lib/contracts/coverage";
import { targetOf } from "@/lib/features/coverage/coverage-input";
import { startCoverageRun } from "@/lib/api/limits";
import { staffRoute, straysFromContract } from "@/lib/api/route";
import { coverageOf } from "@/lib/features/coverage/coverage";
import { fanOut, groupOf } from "@/lib/features/coverage/group";
import { sourceErrorText } from "@/lib/i18n/outcome-words";
import { wordsFor } from "@/lib/i18n/server-words";
import { getEduvRuntime } from "@/lib/runtime/source-runtime";
import { referenceDate } from "@/lib/features/usage/usage";

export const dynamic = "force-dynamic";

/**
 * POST /api/usage/coverage – licence coverage of one class or offering, streamed as NDJSON
 * (`coverageLine`, lib/contracts/coverage.ts): {"type":"start","total":N,"today":…},
 * {"type":"progress","done":k,"total":N}…, then {"type":"result",…} or {"type":"error",…}. Closing the request cancels: calls still waiting for the Source are dropped.
 * `refresh: true` asks the LAS and every registry again instead of using kept answers; the result
 * says how old the oldest answer it used is (`dataAgeSeconds`, `oldestAnswerAt`).
 */
export const POST = staffRoute(
  {
    action: "usage.read",
    audit: { dataKind: "usage", action: "list" },
    body: coverageRun.body,
    limits: ({ body }) => (body.refresh ? ["coverage", "refresh"] : ["coverage"]),
  },
  async ({ staff, schoolId, body, lang, request }) => {
    // One run per staff member at a time: held until the stream below ends, however it ends.
    const run = startCoverageRun(staff.id, lang);
    if ("refused" in run) return { raw: run.refused, json: null };
    const { client } = getEduvRuntime();
    const school = client.config.schools.find((s) => s.id === schoolId)!;
    const today = referenceDate();
    let group: Awaited<ReturnType<typeof groupOf>>;
    try {
      group = await groupOf(client, school, targetOf(body), today, { refresh: body.refresh });
    } catch (err) {
      run.release();
      throw err;
    }
    const { pupils, unreadableEnrollments } = group;
    const abort = new AbortController();
    request.signal.addEventListener("abort", () => abort.abort(), { once: true });
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        let open = true;
        // Each line as the contract has it (lib/contracts/coverage.ts); under test, one that strays is logged and sent as an error.
        const failed: CoverageLine = { type: "error", message: wordsFor(lang)("apiError.coverageFailed") };
        const send = (line: CoverageLine) => {
          if (open)
            controller.enqueue(encoder.encode(`${JSON.stringify(straysFromContract(coverageLine, line, request) ? failed : line)}\n`));
        };
        send({ type: "start", total: pupils.length, today });
        try {
          const results = await fanOut(client, school, pupils, {
            signal: abort.signal,
            refresh: body.refresh,
            onProgress: (done, total) => send({ type: "progress", done, total }),
          });
          const { dataAgeMs, ...coverage } = coverageOf(results, today);
          send({
            type: "result",
            coverage: {
              ...coverage,
              unreadableEnrollments,
              dataAgeSeconds: Math.round(dataAgeMs / 1000),
              oldestAnswerAt: new Date(Date.now() - dataAgeMs).toISOString(),
              refusals: coverage.refusals.map((r) => ({ ...r, message: sourceErrorText(r.status, lang, undefined, r.statusCode) })),
            },
          });
        } catch {
          // Cancelled: nobody is listening. Otherwise a fixed message; the cause stays on the server.
          if (!abort.signal.aborted) send(failed);
        } finally {
          run.release();
          open = false;
          try {
            controller.close();
          } catch {
            // already closed by a cancelled reader
          }
        }
      },
      cancel() {
        abort.abort();
      },
    });
    return {
      raw: new Response(stream, { headers: { "content-type": "application/x-ndjson; charset=utf-8" } }),
      json: null,
      access: { dataKind: "usage", action: "list", personCount: pupils.length },
    };
  },
);
