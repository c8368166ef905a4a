import "server-only";
import { envValue, settingOrDemo } from "@/lib/env/production";

/**
 * Sign-in settings from the environment, so a school plugs in Entra ID, Google or an Entree-style
 * IdP without code. The demo values (the sandbox's IdP) are used only outside production; a
 * production server has all of them set (instrumentation.ts refuses to start otherwise).
 */
export function authSettings() {
  const appUrl = settingOrDemo("AUTH_URL");
  const secure = appUrl.startsWith("https://");
  return {
    issuer: settingOrDemo("OIDC_ISSUER"),
    clientId: settingOrDemo("OIDC_CLIENT_ID"),
    clientSecret: settingOrDemo("OIDC_CLIENT_SECRET"),
    scope: envValue("OIDC_SCOPE") ?? "openid email profile eduv_roles",
    /** The claim holding "role:schoolId" strings (or an array of them). */
    rolesClaim: envValue("AUTH_ROLES_CLAIM") ?? "eduv_roles",
    idleSeconds: Number(envValue("AUTH_IDLE_MINUTES") ?? 30) * 60,
    absoluteSeconds: Number(envValue("AUTH_ABSOLUTE_HOURS") ?? 10) * 3600,
    secure,
    // __Host- needs Secure, no Domain and Path=/: only possible over https.
    sessionCookie: secure ? "__Host-ldb.session" : "ldb.session",
  };
}
