import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth from "next-auth";
import type { Adapter } from "next-auth/adapters";
import { getStore } from "@/lib/db/client";
import { envValue } from "@/lib/env/production";
import { accounts, sessions, users, verificationTokens } from "@/lib/db/auth-schema";
import { authLogger } from "./auth-logger";
import { recordSignIn } from "./grants";
import { secretFromEnvOrDemo } from "./secrets";
import { authSettings } from "./settings";

/** Reads "role:schoolId" strings from a claim that may be a list or one space/comma separated string. */
export function rolesFromClaim(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === "string" ? value.split(/[\s,]+/) : [];
  return items.filter((v): v is string => typeof v === "string" && /^[a-z]+:[a-z0-9-]+$/.test(v));
}

export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const s = authSettings();
  const { db } = await getStore();
  // The adapter's overloads do not model a union of the PGlite and node-postgres drizzle types.
  const makeAdapter = DrizzleAdapter as unknown as (db: unknown, tables: object) => Adapter;
  const base = makeAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  });
  // We never call the IdP on the user's behalf: keep none of its tokens.
  const adapter: Adapter = {
    ...base,
    linkAccount: (account) => base.linkAccount!({ ...account, access_token: undefined, refresh_token: undefined, id_token: undefined }),
  };
  return {
    adapter,
    secret: secretFromEnvOrDemo("AUTH_SECRET", "auth-secret"),
    // Build callback and redirect URLs from the request's Host header only when AUTH_URL pins the
    // origin anyway (next-auth then rewrites the request to it); a production server without it
    // must not take its origin from whoever sends the request. `next dev` keeps next-auth's default.
    trustHost: envValue("AUTH_URL") ? true : process.env.NODE_ENV === "production" ? false : undefined,
    // Never the built-in logger: it prints query parameters and tokens of failed sign-ins.
    logger: authLogger,
    debug: false,
    session: { strategy: "database", maxAge: s.idleSeconds, updateAge: 60 },
    pages: { signIn: "/inloggen", error: "/inloggen" },
    cookies: { sessionToken: { name: s.sessionCookie, options: { httpOnly: true, sameSite: "lax", path: "/", secure: s.secure } } },
    providers: [
      {
        id: "staff",
        name: "Schoolaccount",
        type: "oidc",
        issuer: s.issuer,
        clientId: s.clientId,
        clientSecret: s.clientSecret,
        authorization: { params: { scope: s.scope } },
        checks: ["pkce", "state"],
        profile(p) {
          return {
            id: String(p.sub),
            name: (p.name as string | undefined) ?? null,
            email: (p.email as string | undefined)?.toLowerCase() ?? null,
            idpRoles: rolesFromClaim(p[s.rolesClaim]),
          };
        },
      },
    ],
    events: {
      // Roles, the account's (issuer, subject) and whether its e-mail address is verified come fresh
      // from the IdP's ID token at every sign-in (the adapter only writes a new user's profile once).
      async signIn({ user, profile }) {
        if (user.id && profile) await recordSignIn(db, user.id, profile, rolesFromClaim(profile[s.rolesClaim]));
      },
    },
  };
});
