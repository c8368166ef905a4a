import { generateKeyPairSync } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseQs } from "node:querystring";
import Provider from "oidc-provider";
import { findAccount } from "./accounts";

export type IdpOptions = { issuer: string; appUrl: string; clientId?: string; clientSecret?: string };

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, error = "") {
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Inloggen – Leermiddelendashboard (demo)</title><link rel="icon" href="data:,">
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem;color:#0f172a}label{display:block;margin-top:1rem}input{display:block;width:100%;padding:.5rem;margin-top:.25rem;border:1px solid #475569;border-radius:4px}button{margin-top:1.5rem;padding:.6rem 1.2rem;background:#1e40af;color:#fff;border:0;border-radius:4px}[role=alert]{color:#991b1b}</style></head>
<body><main><h1>Inloggen</h1><p>Demo-inlogdienst van de sandbox. Alle demo-accounts hebben het wachtwoord <code>demo</code>.</p>
${error ? `<p role="alert">${escape(error)}</p>` : ""}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="login">Gebruikersnaam</label><input id="login" name="login" autocomplete="username" required>
<label for="password">Wachtwoord</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Inloggen</button></form></main></body></html>`;
}

/** An OpenID Connect provider for the demo and the tests: authorization code with PKCE, demo accounts. */
export function createIdp(opts: IdpOptions) {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const provider = new Provider(opts.issuer, {
    clients: [
      {
        client_id: opts.clientId ?? "leermiddelendashboard-staff",
        client_secret: opts.clientSecret ?? "demo-staff-secret",
        redirect_uris: [`${opts.appUrl}/api/auth/callback/staff`],
        post_logout_redirect_uris: [`${opts.appUrl}/`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [{ ...(privateKey.export({ format: "jwk" }) as object), kid: "sandbox-idp", alg: "RS256", use: "sig" }] as never },
    cookies: { keys: ["sandbox-idp-cookie-key"] },
    pkce: { required: () => true },
    conformIdTokenClaims: false,
    scopes: ["openid", "email", "profile", "eduv_roles"],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], eduv_roles: ["eduv_roles"] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const account = findAccount(id);
      if (!account) return undefined;
      // email_verified says what the IdP knows: true only for an address it has checked.
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          email: account.email,
          email_verified: account.emailVerified,
          name: account.name,
          eduv_roles: account.roles,
        }),
      };
    },
  });

  async function interaction(req: IncomingMessage, res: ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    const { uid, prompt, params } = details;
    if (prompt.name === "login" && req.method === "GET") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(loginPage(uid));
      return;
    }
    if (prompt.name === "login") {
      const body = await new Promise<string>((resolve) => {
        let b = "";
        req.on("data", (c) => (b += c));
        req.on("end", () => resolve(b));
      });
      const form = parseQs(body);
      const account = findAccount(String(form.login ?? ""));
      if (!account || account.password !== form.password) {
        res
          .writeHead(200, { "content-type": "text/html; charset=utf-8" })
          .end(loginPage(uid, "Onbekende gebruikersnaam of onjuist wachtwoord."));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: account.id } }, { mergeWithLastSubmission: false });
      return;
    }
    // Staff of the school's own IdP: consent to the dashboard is implied.
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session!.accountId, clientId: String(params.client_id) });
    const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant!.addOIDCScope(missing.missingOIDCScope.join(" "));
    if (missing.missingOIDCClaims) grant!.addOIDCClaims(missing.missingOIDCClaims);
    await provider.interactionFinished(req, res, { consent: { grantId: await grant!.save() } }, { mergeWithLastSubmission: true });
  }

  const callback = provider.callback();
  return async function handle(req: IncomingMessage, res: ServerResponse) {
    try {
      if (req.url?.startsWith("/interaction/")) return await interaction(req, res);
      return callback(req, res);
    } catch {
      if (!res.headersSent)
        res.writeHead(400, { "content-type": "text/plain; charset=utf-8" }).end("Het inloggen is mislukt; begin opnieuw.");
    }
  };
}
