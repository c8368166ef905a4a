// `next build`, once more when it failed only by Next 16's intermittent prerender crash of its own
// error pages (`/_global-error`, `/_not-found`: "Cannot read properties of null (reading
// 'useContext')" inside Next's vendored React, before any of our code runs; upstream, e.g.
// vercel/next.js#95741 and #95705). Seen here in 2 of 9 builds of one tree on 2026-12-07, the
// other 7 passing unchanged. Any other failure, or the same crash twice, fails the build as it is.
// Used by `npm run build`, `npm test`, `npm run test:quick` and `npm run demo`.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The upstream crash: the prerender of one of Next's own error pages, on a null React binding. */
export function isUpstreamPrerenderCrash(output) {
  return (
    /Error occurred prerendering page "\/_(global-error|not-found)"/.test(output) &&
    /Cannot read properties of null \(reading 'useContext'\)/.test(output)
  );
}

/** One `next build`, its output shown as it comes and kept; resolves to its exit code and output. */
function buildOnce(env) {
  return new Promise((resolve) => {
    const child = spawn("next", ["build"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (out) => (chunk) => {
      output += chunk;
      out.write(chunk);
    };
    child.stdout.on("data", keep(process.stdout));
    child.stderr.on("data", keep(process.stderr));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Builds; a build that failed by the upstream crash alone is tried once more, and says so. */
export async function nextBuild(env = process.env) {
  const first = await buildOnce(env);
  if (first.code === 0 || !isUpstreamPrerenderCrash(first.output)) return first.code;
  console.log(
    "\nnext build: Next's own error page failed to prerender (an intermittent upstream crash, not this code); building once more",
  );
  return (await buildOnce(env)).code;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await nextBuild();
