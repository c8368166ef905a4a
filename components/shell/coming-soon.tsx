/** An honest placeholder for a page whose issue is still open; the page itself already checks permission. */
export function ComingSoon({ title, what }: { title: string; what: string }) {
  return (
    <div className="max-w-2xl space-y-3">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p>{what}</p>
      <p className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">Deze pagina is nog in ontwikkeling.</p>
    </div>
  );
}
