import { getPublicJwks } from "@/lib/sources/transport/signing-key";

export const dynamic = "force-dynamic";

// GET /.well-known/jwks.json – the public key Sources use to check our client assertions (jwks_uri).
export async function GET() {
  return Response.json(await getPublicJwks(), { headers: { "Cache-Control": "public, max-age=300" } });
}
