import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { signInAction } from "@/lib/auth/actions";
import { getStaff } from "@/lib/auth/session";
import { pageTitle } from "@/components/shell/page-title";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations("signIn"))("title"));
}

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
  const t = await getTranslations("signIn");
  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {params.afgemeld ? <p role="status">{t("signedOut")}</p> : null}
      {params.error ? (
        <p role="alert" className="text-red-800">
          {t("failed")}
        </p>
      ) : null}
      <p>{t("intro")}</p>
      <form action={signInAction}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <button
          type="submit"
          className="rounded bg-blue-800 px-4 py-2 text-white hover:bg-blue-900 focus:outline-none focus:ring-2 focus:ring-blue-500 focus:ring-offset-2"
        >
          {t("button")}
        </button>
      </form>
      {process.env.DEMO_MODE === "1" ? (
        <section aria-labelledby="demo-accounts" className="rounded border border-slate-300 bg-white p-4">
          <h2 id="demo-accounts" className="font-semibold">
            {t("demoTitle")}
          </h2>
          <p className="text-sm text-slate-700">
            {t("demoIntro")} <code>demo</code>.
          </p>
          <ul className="mt-2 list-disc pl-6 text-sm">
            {DEMO_ACCOUNTS.map(([id, label]) => (
              <li key={id}>
                <code>{id}</code>: {label}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
