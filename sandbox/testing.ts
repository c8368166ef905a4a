import { createSandbox } from "./app";
import type { SourceId } from "./sources";

const ALL: SourceId[] = ["las-a", "las-b", "lr-a", "lr-b", "am"];

/** An in-process sandbox with a client_secret_basic client at every Source, for the sandbox's own tests. */
export function testSandbox(opts: Parameters<typeof createSandbox>[0] = {}) {
  const sandbox = createSandbox({
    publicUrl: "http://sandbox.test",
    clients: [
      { clientId: "leermiddelendashboard", method: "client_secret_basic", secret: "pw", sources: ALL },
      { clientId: "other-supplier", method: "client_secret_basic", secret: "pw2", sources: ["las-a"], seedConsent: false },
    ],
    ...opts,
  });
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

  async function token(source: string, scope: string, client = "leermiddelendashboard", secret = "pw"): Promise<string> {
    const res = await sandbox.app.request(`/${source}/oauth2/token`, {
      method: "POST",
      headers: { authorization: basic(client, secret), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", scope }),
    });
    if (res.status !== 200) throw new Error(`token ${res.status}`);
    return ((await res.json()) as { access_token: string }).access_token;
  }

  async function get(source: string, path: string, bearer: string | undefined) {
    const res = await sandbox.app.request(`/${source}/v1${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
    return { status: res.status, headers: res.headers, body: res.status === 405 ? undefined : await res.json().catch(() => undefined) };
  }

  async function send(source: string, method: "POST" | "PUT", path: string, bearer: string, body: unknown) {
    const res = await sandbox.app.request(`/${source}/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  }

  return { ...sandbox, token, get, send, basic };
}

/** A testSandbox on a clock that moves only when told, with the admin calls the consent tests make. */
export function clockedSandbox(t0: number, opts: Parameters<typeof createSandbox>[0] = {}) {
  let now = t0;
  const sb = testSandbox({ now: () => now, ...opts });
  const put = (path: string, body: unknown) =>
    sb.app.request(`/_admin/${path}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return {
    ...sb,
    tick: (ms: number) => (now += ms),
    admin: (body: unknown) => put("consent", body),
    knobs: (body: unknown) => put("knobs", body),
  };
}
