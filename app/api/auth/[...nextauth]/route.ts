import { NextRequest } from "next/server";
import { FORM_BODY_CAP, TOO_LARGE, declaredTooLarge, readCappedText } from "@/lib/api/request-body";
import { handlers } from "@/lib/auth/config";

// GET|POST /api/auth/* – next-auth: OpenID Connect sign-in (code + PKCE + state), callback, sign-out.
export const { GET } = handlers;

const tooLarge = () =>
  new Response("request body too large", {
    status: 413,
    headers: { "Cache-Control": "no-store", "content-type": "text/plain; charset=utf-8" },
  });

/** next-auth reads its forms (sign-in, sign-out) whole: it gets them only once they are known to fit the cap. */
export async function POST(request: NextRequest): Promise<Response> {
  if (declaredTooLarge(request, FORM_BODY_CAP)) return tooLarge();
  const text = await readCappedText(request, FORM_BODY_CAP);
  if (text === TOO_LARGE) return tooLarge();
  const headers = new Headers(request.headers);
  headers.delete("content-length");
  return handlers.POST(new NextRequest(request.url, { method: "POST", headers, body: text }));
}
