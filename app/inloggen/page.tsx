import { redirect } from "next/navigation";
import { signInAction } from "@/lib/auth/actions";
import { getStaff } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

const DEMO_ACCOUNTS = [
  ["beheer-po", "Schoolbeheerder van OBS De Regenboog (PO)"],
  ["beheer-vo", "Schoolbeheerder van Meridiaan College (VO)"],
  ["support", "Supportdesk voor vier scholen"],
  ["toestemming", "Toestemmingsbeheerder"],
  ["auditor", "Privacy-auditor (toegangslog)"],
  ["geen-rol", "Medewerker zonder rol"],
] as const;

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  if (await getStaff()) redirect("/");
  const redirectTo = typeof params.callbackUrl === "string" ? params.callbackUrl : "/";
  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-2xl font-semibold">Inloggen</h1>
      {params.afgemeld ? <p role="status">U bent afgemeld.</p> : null}
      {params.error ? <p role="alert" className="text-red-800">Het inloggen is niet gelukt. Probeer het opnieuw of neem contact op met de beheerder.</p> : null}
      <p>Log in met het account van uw school. Het dashboard toont daarna alleen wat uw rol en uw scholen toestaan.</p>
      <form action={signInAction}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <button type="submit" className="rounded bg-blue-800 px-4 py-2 text-white hover:bg-blue-900 focus:outline-none focus:ring-2 focus:ring-blue-500 focus:ring-offset-2">
          Inloggen met schoolaccount
        </button>
      </form>
      {process.env.DEMO_MODE === "1" ? (
        <section aria-labelledby="demo-accounts" className="rounded border border-slate-300 bg-white p-4">
          <h2 id="demo-accounts" className="font-semibold">Demo-accounts</h2>
          <p className="text-sm text-slate-700">In de demo meldt u zich aan bij de inlogdienst van de sandbox. Het wachtwoord is steeds <code>demo</code>.</p>
          <ul className="mt-2 list-disc pl-6 text-sm">
            {DEMO_ACCOUNTS.map(([id, label]) => <li key={id}><code>{id}</code>: {label}</li>)}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
