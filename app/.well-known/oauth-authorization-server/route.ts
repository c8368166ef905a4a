import { authorizationServerMetadata, consentEndpoints } from "@/lib/features/consent/provider-auth";

export const dynamic = "force-dynamic";

// GET /.well-known/oauth-authorization-server – RFC 8414 metadata of the token endpoint Providers use
// (client credentials with private_key_jwt, scope eduv.consent), so a standard OAuth2 client finds it.
export function GET(request: Request) {
  return Response.json(authorizationServerMetadata(consentEndpoints(request)), { headers: { "Cache-Control": "public, max-age=300" } });
}
