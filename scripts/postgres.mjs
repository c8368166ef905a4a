// A throwaway PostgreSQL server for the store tests: Debian's postgresql package (installed with
// apt when missing), a fresh cluster in a temporary folder, a free port on 127.0.0.1.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

function binDir() {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], "bin") : undefined;
}

function ensureInstalled() {
  if (binDir()) return binDir();
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const apt = (...args) => spawnSync(sudo[0] ?? "apt-get", sudo.length ? ["apt-get", ...args] : args, { stdio: "inherit" }).status === 0;
  if (!(apt("update") && apt("install", "-y", "--no-install-recommends", "postgresql"))) return undefined;
  return binDir();
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts the server; returns its URL and a stop function, or undefined with a reason. */
export async function startPostgres() {
  const bin = ensureInstalled();
  if (!bin) return { error: "PostgreSQL could not be installed" };
  const dir = mkdtempSync(path.join(tmpdir(), "ldb-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  // initdb refuses to run as root: run the server as Debian's postgres user then.
  const asUser = process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--"] : [];
  const run = (cmd, args) => {
    const full = [...asUser, path.join(bin, cmd), ...args];
    execFileSync(full[0], full.slice(1), { stdio: "pipe" });
  };
  const port = await freePort();
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  run("pg_ctl", [
    "-D",
    data,
    "-l",
    path.join(dir, "log"),
    "-w",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    "start",
  ]);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      } catch {
        /* already stopped */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
