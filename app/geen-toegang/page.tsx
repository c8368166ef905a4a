import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageTitle } from "@/components/shell/page-title";

export async function generateMetadata(): Promise<Metadata> {
  return pageTitle((await getTranslations("noAccess"))("title"));
}

export default async function NoAccessPage() {
  const t = await getTranslations("noAccess");
  return (
    <div className="max-w-2xl space-y-3">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p>{t("text")}</p>
    </div>
  );
}
