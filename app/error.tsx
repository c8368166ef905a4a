"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert">
      <h1 className="text-2xl font-semibold">Er ging iets mis</h1>
      <p className="mt-2">De pagina kon niet worden getoond. Probeer het opnieuw; blijft het misgaan, neem dan contact op met de beheerder.</p>
      <button type="button" onClick={reset} className="mt-4 rounded bg-blue-800 px-4 py-2 text-white hover:bg-blue-900 focus:outline-none focus:ring-2 focus:ring-blue-500 focus:ring-offset-2">
        Opnieuw proberen
      </button>
    </div>
  );
}
