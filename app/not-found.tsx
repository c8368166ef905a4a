import Link from "next/link";

export default function NotFound() {
  return (
    <div>
      <h1 className="text-2xl font-semibold">Pagina niet gevonden</h1>
      <p className="mt-2">Deze pagina bestaat niet. <Link className="text-blue-800 underline" href="/">Terug naar het overzicht</Link>.</p>
    </div>
  );
}
