import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import { processState } from "@/lib/process-state";

/**
 * With LDB_LOG_FILE set, everything this server process writes to stdout and stderr (its own log
 * lines, Next's, the libraries') is also written to that file, started anew when the server
 * starts, so it holds exactly this process's log. For tests that must read the server's log, e.g.
 * the privacy canary e2e, which scans it for pupils' names and ECK iDs; the normal output is unchanged.
 */
export function teeProcessOutput(file: string | undefined = process.env.LDB_LOG_FILE): boolean {
  const marker = processState(
    { key: "log.tee", kind: "observability", what: "the file stdout and stderr are copied to (LDB_LOG_FILE)", cap: "one path" },
    () => ({ file: undefined as string | undefined }),
  );
  if (!file || marker.file) return false;
  const full = path.resolve(/*turbopackIgnore: true*/ file);
  mkdirSync(path.dirname(full), { recursive: true });
  const fd = openSync(full, "w");
  marker.file = full;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      try {
        if (typeof chunk === "string") writeSync(fd, chunk);
        else writeSync(fd, chunk);
      } catch {
        // A full disk must not take the server down with it.
      }
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
  process.once("exit", () => closeSync(fd));
  return true;
}
