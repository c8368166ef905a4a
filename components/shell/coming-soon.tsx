import { getTranslations } from "next-intl/server";

type Key = "students" | "enrollments" | "assignments" | "usage" | "consent";

/** An honest placeholder for a page whose issue is still open; the page itself already checks permission. */
export async function ComingSoon({ page }: { page: Key }) {
  const tNav = await getTranslations("nav");
  const t = await getTranslations("comingSoon");
  return (
    <div className="max-w-2xl space-y-3">
      <h1 className="text-2xl font-semibold">{tNav(page)}</h1>
      <p>{t(page)}</p>
      <p className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">{t("note")}</p>
    </div>
  );
}
