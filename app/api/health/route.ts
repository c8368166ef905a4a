// GET /api/health – liveness for the demo script and Playwright; says nothing about Sources.
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
