import { handlers } from "@/lib/auth/config";

// GET|POST /api/auth/* – next-auth: OpenID Connect sign-in (code + PKCE + state), callback, sign-out.
export const { GET, POST } = handlers;
