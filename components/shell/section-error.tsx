"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";

/**
 * A section's error boundary (its error.tsx): what failed is said in the content area only, so the
 * header, the navigation, the school switcher, the language and sign-out stay usable. Trying again
 * renders the section anew; the link goes back to the overview.
 */
export function SectionError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <div role="alert">
      <h1 className="text-2xl font-semibold">{t("errorTitle")}</h1>
      <p className="mt-2">{t("error")}</p>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <button
          type="button"
          onClick={reset}
          className="rounded bg-blue-800 px-4 py-2 text-white hover:bg-blue-900 focus:outline-none focus:ring-2 focus:ring-blue-500 focus:ring-offset-2"
        >
          {t("retry")}
        </button>
        <Link href="/" className="text-blue-800 underline underline-offset-2">
          {t("backHome")}
        </Link>
      </div>
    </div>
  );
}
