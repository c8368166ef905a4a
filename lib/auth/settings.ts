import "server-only";

/** Sign-in settings from the environment, so a school plugs in Entra ID, Google or an Entree-style IdP without code. */
export function authSettings() {
  const appUrl = process.env.AUTH_URL ?? "http://localhost:3000";
  const secure = appUrl.startsWith("https://");
  return {
    issuer: process.env.OIDC_ISSUER ?? "http://localhost:4010",
    clientId: process.env.OIDC_CLIENT_ID ?? "leermiddelendashboard-staff",
    clientSecret: process.env.OIDC_CLIENT_SECRET ?? "demo-staff-secret",
    scope: process.env.OIDC_SCOPE ?? "openid email profile eduv_roles",
    /** The claim holding "role:schoolId" strings (or an array of them). */
    rolesClaim: process.env.AUTH_ROLES_CLAIM ?? "eduv_roles",
    idleSeconds: Number(process.env.AUTH_IDLE_MINUTES ?? 30) * 60,
    absoluteSeconds: Number(process.env.AUTH_ABSOLUTE_HOURS ?? 10) * 3600,
    secure,
    // __Host- needs Secure, no Domain and Path=/: only possible over https.
    sessionCookie: secure ? "__Host-ldb.session" : "ldb.session",
  };
}
